package dev.ldai.operator.variation;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.Dependency;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.modelconfig.AIModelConfig;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * Resolves what a variation references — its parent config and its model config — from the informer
 * caches, into LaunchDarkly keys. A referent that is missing or not Ready yet is reported as a wait, not
 * an error: its own events re-trigger the variation.
 */
final class References {

  static final Dependency<AIConfigVariation, AIConfig> PARENT =
      Dependency.on(AIConfig.class, variation -> variation.getSpec() == null ? null : variation.getSpec().getConfigRef());
  static final Dependency<AIConfigVariation, AIModelConfig> MODEL_CONFIG =
      Dependency.on(AIModelConfig.class, variation -> variation.getSpec() == null ? null : variation.getSpec().getModelConfigRef());

  /** The parent config in LaunchDarkly, and the AIConfig resource when it is managed here. */
  record Parent(String projectKey, String configKey, Optional<AIConfig> resource) {}

  private References() {}

  /** The parent, or empty when the referenced AIConfig is unknown (used for claims and credentials). */
  static Optional<Parent> knownParent(AIConfigVariation variation, Context<AIConfigVariation> context) {
    AIConfigVariationSpec spec = variation.getSpec();
    if (spec.getConfigRef() == null) {
      return Optional.of(new Parent(spec.getProjectKey(), spec.getConfigKey(), Optional.empty()));
    }
    return PARENT.referent(variation, context).map(References::parent);
  }

  /** The parent, ready to receive variations; throws {@code DependencyNotReadyException} otherwise. */
  static Parent readyParent(AIConfigVariation variation, Context<AIConfigVariation> context) {
    AIConfigVariationSpec spec = variation.getSpec();
    return spec.getConfigRef() == null
        ? new Parent(spec.getProjectKey(), spec.getConfigKey(), Optional.empty())
        : parent(PARENT.ready(variation, context));
  }

  /** The model config key the variation uses, or null when it names none. */
  static String modelConfigKey(AIConfigVariation variation, Parent parent, Context<AIConfigVariation> context) {
    AIConfigVariationSpec spec = variation.getSpec();
    if (spec.getModelConfigRef() == null) {
      return spec.getModelConfigKey();
    }
    MODEL_CONFIG.referent(variation, context)
        .filter(model -> !model.getSpec().getProjectKey().equals(parent.projectKey()))
        .ifPresent(model -> {
          throw new InvalidSpecException(
              "spec.modelConfigRef: AIModelConfig %s is in project %s, but the AI Config is in project %s"
                  .formatted(model.getMetadata().getName(), model.getSpec().getProjectKey(), parent.projectKey()));
        });
    return MODEL_CONFIG.ready(variation, context).getStatus().getKey();
  }

  private static Parent parent(AIConfig config) {
    return new Parent(config.getSpec().getProjectKey(), Keys.effectiveKey(config, config.getSpec()), Optional.of(config));
  }
}
