package dev.ldai.operator.variation;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.DependencyNotReadyException;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.status.CommonStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/**
 * Resolves what a variation references — its parent config and its model config — from the informer
 * caches, into LaunchDarkly keys. A referent that is missing or not Ready yet is reported as a wait, not
 * an error: its own events re-trigger the variation.
 */
final class References {

  /** The parent config in LaunchDarkly, and the AIConfig resource when it is managed here. */
  record Parent(String projectKey, String configKey, Optional<AIConfig> resource) {}

  private References() {}

  /** The parent, or empty when the referenced AIConfig is unknown (used for claims and credentials). */
  static Optional<Parent> knownParent(AIConfigVariation variation, Context<AIConfigVariation> context) {
    AIConfigVariationSpec spec = variation.getSpec();
    if (spec.getConfigRef() == null) {
      return Optional.of(new Parent(spec.getProjectKey(), spec.getConfigKey(), Optional.empty()));
    }
    return lookup(AIConfig.class, variation, spec.getConfigRef(), context)
        .map(config -> new Parent(
            config.getSpec().getProjectKey(), Keys.effectiveKey(config, config.getSpec()), Optional.of(config)));
  }

  /** The parent, ready to receive variations; throws {@link DependencyNotReadyException} otherwise. */
  static Parent readyParent(AIConfigVariation variation, Context<AIConfigVariation> context) {
    Parent parent =
        knownParent(variation, context)
            .orElseThrow(() -> new DependencyNotReadyException("Waiting for AIConfig %s/%s, which does not exist"
                .formatted(variation.getMetadata().getNamespace(), variation.getSpec().getConfigRef().getName())));
    parent.resource().ifPresent(config -> requireReady(config, "AIConfig"));
    return parent;
  }

  /** The model config key the variation uses, or null when it names none. */
  static String modelConfigKey(AIConfigVariation variation, Parent parent, Context<AIConfigVariation> context) {
    AIConfigVariationSpec spec = variation.getSpec();
    if (spec.getModelConfigRef() == null) {
      return spec.getModelConfigKey();
    }
    AIModelConfig model =
        lookup(AIModelConfig.class, variation, spec.getModelConfigRef(), context)
            .orElseThrow(() -> new DependencyNotReadyException("Waiting for AIModelConfig %s/%s, which does not exist"
                .formatted(variation.getMetadata().getNamespace(), spec.getModelConfigRef().getName())));
    if (!model.getSpec().getProjectKey().equals(parent.projectKey())) {
      throw new InvalidSpecException(
          "spec.modelConfigRef: AIModelConfig %s is in project %s, but the AI Config is in project %s"
              .formatted(model.getMetadata().getName(), model.getSpec().getProjectKey(), parent.projectKey()));
    }
    requireReady(model, "AIModelConfig");
    return model.getStatus().getKey();
  }

  private static <S extends CommonStatus, R extends CustomResource<?, S>> void requireReady(R referent, String kind) {
    S status = referent.getStatus();
    if (status == null || status.getKey() == null || !status.isReadyAt(referent.getMetadata().getGeneration())) {
      throw new DependencyNotReadyException("Waiting for %s %s/%s to be Ready"
          .formatted(kind, referent.getMetadata().getNamespace(), referent.getMetadata().getName()));
    }
  }

  @SuppressWarnings("unchecked")
  private static <R extends HasMetadata> Optional<R> lookup(
      Class<R> type, AIConfigVariation variation, LocalReference reference, Context<AIConfigVariation> context) {
    InformerEventSource<R, AIConfigVariation> source =
        (InformerEventSource<R, AIConfigVariation>) context.eventSourceRetriever().getEventSourceFor(type);
    return source.get(new ResourceID(reference.getName(), variation.getMetadata().getNamespace()));
  }
}
