package dev.ldai.operator.modelconfig;

import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LaunchDarklyReconciler;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.SyncContext;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles AIModelConfig: creates the model config, and because LaunchDarkly has no update for model
 * configs, replaces it (delete + create) when the spec and LaunchDarkly differ — unless a variation
 * uses it.
 */
@Singleton
@ControllerConfiguration(name = "aimodelconfig", finalizerName = Finalizers.NAME)
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class AIModelConfigReconciler extends LaunchDarklyReconciler<AIModelConfig, AIModelConfigStatus> {

  private final ModelConfigUsage usage;

  public AIModelConfigReconciler(ReconcileSupport support, ModelConfigUsage usage) {
    super(support);
    this.usage = usage;
  }

  @Override
  protected Class<AIModelConfigStatus> statusType() {
    return AIModelConfigStatus.class;
  }

  @Override
  protected String claim(AIModelConfig resource, Context<AIModelConfig> context) {
    return resource.getSpec().getProjectKey()
        + "/model-configs/"
        + Keys.effectiveKey(resource, resource.getSpec());
  }

  @Override
  protected boolean outOfDate(AIModelConfig resource, ProjectSnapshot snapshot) {
    return snapshot.modelDiffers(
        resource.getSpec().getProjectKey(), resource.getStatus().getKey(), resource.getStatus().getVersion());
  }

  @Override
  protected Outcome sync(SyncContext<AIModelConfig, AIModelConfigStatus> sync) {
    AIModelConfigSpec spec = sync.resource().getSpec();
    String project = spec.getProjectKey();
    String key = sync.key();
    LaunchDarklyClient client = sync.client(project);
    if (sync.owns(key) && sync.unchangedSinceLastAttempt(project)) {
      return Outcome.ready("Model config %s is in sync".formatted(key));
    }
    LdModelConfig existing;
    if (sync.owns(key)) {
      Optional<LdModelConfig> current = sync.listing(project)
          .map(listing -> listing.model(key))
          .orElseGet(() -> client.getModelConfig(project, key));
      if (current.isEmpty()) {
        return create(sync, project, key);
      }
      existing = current.get();
    } else {
      Optional<LdModelConfig> created =
          sync.createClaimingKey(key, () -> client.createModelConfig(project, ModelConfigMapping.toPost(key, spec)));
      if (created.isPresent()) {
        return created(sync, key, created.get());
      }
      existing = sync.readTaken("Model config " + key, () -> client.getModelConfig(project, key));
    }
    if (Boolean.TRUE.equals(existing.global())) {
      return Outcome.stalled(Reason.AlreadyExists,
          "%s is a global model config provided by LaunchDarkly; reference it with modelConfigKey instead"
              .formatted(key));
    }
    if (!sync.owns(key)) {
      if (!sync.mayAdopt()) {
        return Outcome.stalled(Reason.AlreadyExists,
            "Model config %s already exists in project %s; set spec.adoptionPolicy: Adopt to manage it"
                .formatted(key, project));
      }
      sync.status().setKey(key);
      sync.support().events().normal(sync.resource(), "Adopted", "Adopt",
          "Adopted existing model config %s".formatted(key));
    }
    List<String> differences = ModelConfigMapping.differences(spec, existing);
    if (differences.isEmpty()) {
      fillStatus(sync.status(), existing);
      return Outcome.ready("Model config %s is in sync".formatted(key));
    }
    return replace(sync, project, key, existing, differences);
  }

  /** Creates the object of a resource that owns the key: a re-creation, or a retry of a create. */
  private Outcome create(
      SyncContext<AIModelConfig, AIModelConfigStatus> sync, String project, String key) {
    return created(sync, key, createOrFind(sync.client(), project, key, sync.resource().getSpec()));
  }

  private Outcome created(SyncContext<AIModelConfig, AIModelConfigStatus> sync, String key, LdModelConfig created) {
    fillStatus(sync.status(), created);
    if (sync.wasSynced()) {
      sync.support().events().driftCorrected(sync.resource(), "Create",
          "Model config %s was deleted in LaunchDarkly; recreated it".formatted(key));
    } else {
      sync.support().events().normal(sync.resource(), "Created", "Create",
          "Created model config %s".formatted(key));
    }
    return Outcome.ready("Model config %s is in sync".formatted(key));
  }

  /** A create whose earlier attempt may have been applied without us seeing the answer. */
  private static LdModelConfig createOrFind(
      LaunchDarklyClient client, String project, String key, AIModelConfigSpec spec) {
    try {
      return client.createModelConfig(project, ModelConfigMapping.toPost(key, spec));
    } catch (LaunchDarklyException e) {
      if (e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      return client.getModelConfig(project, key).orElseThrow(() -> e);
    }
  }

  private Outcome replace(
      SyncContext<AIModelConfig, AIModelConfigStatus> sync,
      String project,
      String key,
      LdModelConfig existing,
      List<String> differences) {
    fillStatus(sync.status(), existing);
    List<String> users = usage.usersOf(sync.client(), project, key);
    if (!users.isEmpty()) {
      return Outcome.stalled(Reason.ModelConfigInUse,
          "Model config %s differs in %s but LaunchDarkly can only replace it while unused; used by %s"
              .formatted(key, String.join(", ", differences), String.join(", ", users)));
    }
    try {
      sync.client().deleteModelConfig(project, key);
    } catch (LaunchDarklyException e) {
      if (!ModelConfigUsage.isInUseRefusal(e)) {
        throw e;
      }
      return Outcome.stalled(Reason.ModelConfigInUse,
          "Model config %s differs in %s but LaunchDarkly refuses to replace it: %s"
              .formatted(key, String.join(", ", differences), e.apiMessage()));
    }
    LdModelConfig created = createOrFind(sync.client(), project, key, sync.resource().getSpec());
    fillStatus(sync.status(), created);
    boolean driftOnly = sync.resource().getMetadata().getGeneration().equals(sync.status().getObservedGeneration());
    String message = "Replaced model config %s (%s differed)".formatted(key, String.join(", ", differences));
    if (driftOnly) {
      sync.support().events().driftCorrected(sync.resource(), "Replace", message);
    } else {
      sync.support().events().normal(sync.resource(), "Replaced", "Replace", message);
    }
    return Outcome.ready("Model config %s is in sync".formatted(key));
  }

  @Override
  protected Optional<String> deleteInLaunchDarkly(AIModelConfig resource, LaunchDarklyClient client) {
    String project = resource.getSpec().getProjectKey();
    String key = resource.getStatus().getKey();
    try {
      boolean existed = client.deleteModelConfig(project, key);
      return Optional.of(existed
          ? "Deleted model config %s".formatted(key)
          : "Model config %s was already gone from LaunchDarkly".formatted(key));
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.INVALID_REQUEST && ModelConfigUsage.isInUseRefusal(e)) {
        support.events().warning(resource, Reason.ModelConfigInUse.name(), "Delete",
            "LaunchDarkly refuses to delete model config %s while it is in use: %s"
                .formatted(key, e.apiMessage()));
        return Optional.empty();
      }
      throw e;
    }
  }

  private static void fillStatus(AIModelConfigStatus status, LdModelConfig model) {
    status.setKey(model.key());
    status.setVersion(model.version());
    status.setGlobal(model.global());
    status.setIsRestricted(model.isRestricted());
  }
}
