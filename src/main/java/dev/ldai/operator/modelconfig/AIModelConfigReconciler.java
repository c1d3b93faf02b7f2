package dev.ldai.operator.modelconfig;

import dev.ldai.operator.common.Creates;
import dev.ldai.operator.common.Deletion;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LaunchDarklyReconciler;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.ReconcileTriggers;
import dev.ldai.operator.common.ShownInListing;
import dev.ldai.operator.common.StalledException;
import dev.ldai.operator.common.Sync;
import dev.ldai.operator.common.Target;
import dev.ldai.operator.common.Updated;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.status.Reason;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
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
@ControllerConfiguration(name = "aimodelconfig", finalizerName = Finalizers.NAME, generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = ReconcileTriggers.class))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class AIModelConfigReconciler extends
    LaunchDarklyReconciler<AIModelConfig, AIModelConfigStatus, AIModelConfigReconciler.Where, LdModelConfig, Void>
    implements Creates<AIModelConfig, AIModelConfigStatus, AIModelConfigReconciler.Where, LdModelConfig>,
    ShownInListing<AIModelConfig> {

  private final ModelConfigUsage usage;

  /** A model config in a project. */
  public record Where(String project, String key) implements Target {
    @Override
    public String what() {
      return "model config " + key;
    }

    @Override
    public String where() {
      return "project " + project;
    }
  }

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
    return resource.getSpec().getProjectKey() + "/model-configs/" + Keys.effectiveKey(resource, resource.getSpec());
  }

  @Override
  protected Where target(AIModelConfig resource, Context<AIModelConfig> context) {
    return new Where(resource.getSpec().getProjectKey(), Keys.effectiveKey(resource, resource.getSpec()));
  }

  @Override
  protected Optional<Where> recordedTarget(AIModelConfig resource) {
    return Optional.ofNullable(resource.getStatus()).map(AIModelConfigStatus::getKey)
        .map(key -> new Where(resource.getSpec().getProjectKey(), key));
  }

  /** A global model config provided by LaunchDarkly is never this resource's, whatever its key. */
  @Override
  protected Optional<LdModelConfig> observe(Sync<AIModelConfig, AIModelConfigStatus, Where> sync) {
    Where where = sync.target();
    Optional<LdModelConfig> found = sync.listing().map(listing -> listing.model(where.key()))
        .orElseGet(() -> sync.client().getModelConfig(where.project(), where.key()));
    found.ifPresent(model -> refuseGlobal(where, model));
    return found;
  }

  private static void refuseGlobal(Where where, LdModelConfig model) {
    if (Boolean.TRUE.equals(model.global())) {
      throw global(where.key());
    }
  }

  /** A key LaunchDarkly provides as a global model config: never this resource's. */
  public static StalledException global(String key) {
    return new StalledException(Reason.AlreadyExists,
        "%s is a global model config provided by LaunchDarkly; reference it with modelConfigKey instead".formatted(key));
  }

  /** A model config that differs while variations use it: LaunchDarkly could not replace it. */
  public static StalledException inUse(String key, List<String> differences, List<String> users) {
    return new StalledException(Reason.ModelConfigInUse,
        "Model config %s differs in %s but LaunchDarkly can only replace it while unused; used by %s"
            .formatted(key, String.join(", ", differences), String.join(", ", users)));
  }

  /** A global model config, provided by LaunchDarkly, is never this resource's, and cannot be adopted either. */
  @Override
  public Listed listed(Sync<AIModelConfig, AIModelConfigStatus, Where> sync, ProjectSnapshot listing) {
    Optional<LdModelConfig> listed = listing.model(sync.target().key());
    listed.ifPresent(model -> refuseGlobal(sync.target(), model));
    return listed.map(model -> carriesOwnerTag(sync, model) ? Listed.OWN : Listed.FOREIGN).orElse(Listed.ABSENT);
  }

  @Override
  public boolean carriesOwnerTag(Sync<AIModelConfig, AIModelConfigStatus, Where> sync, LdModelConfig model) {
    return !Boolean.TRUE.equals(model.global()) && OwnerTag.carries(model.tags(), OwnerTag.of(sync.resource()));
  }

  @Override
  public LdModelConfig create(Sync<AIModelConfig, AIModelConfigStatus, Where> sync) {
    Where where = sync.target();
    return sync.client().createModelConfig(where.project(), ModelConfigMapping.toPost(where.key(), sync.resource().getSpec(), OwnerTag.of(sync.resource())));
  }

  @Override
  protected Diff<Void> diff(Sync<AIModelConfig, AIModelConfigStatus, Where> sync, LdModelConfig observed) {
    return new Diff<>(ModelConfigMapping.differences(sync.resource().getSpec(), observed), null);
  }

  /** LaunchDarkly cannot update a model config: it is deleted and created again, while no variation uses it. */
  @Override
  protected Updated<LdModelConfig> update(
      Sync<AIModelConfig, AIModelConfigStatus, Where> sync, LdModelConfig observed, Diff<Void> diff) {
    Where where = sync.target();
    String differences = String.join(", ", diff.fields());
    List<String> users = usage.usersOf(sync.client(), where.project(), where.key());
    if (!users.isEmpty()) {
      throw inUse(where.key(), diff.fields(), users);
    }
    try {
      sync.client().deleteModelConfig(where.project(), where.key());
    } catch (LaunchDarklyException e) {
      if (!ModelConfigUsage.isInUseRefusal(e)) {
        throw e;
      }
      throw new StalledException(Reason.ModelConfigInUse,
          "Model config %s differs in %s but LaunchDarkly refuses to replace it: %s"
              .formatted(where.key(), differences, e.apiMessage()));
    }
    return Updated.replaced(create(sync), differences + " differed");
  }

  @Override
  protected Deletion delete(AIModelConfig resource, Where recorded, LaunchDarklyClient client) {
    try {
      boolean existed = client.deleteModelConfig(recorded.project(), recorded.key());
      return Deletion.done(existed
          ? "Deleted model config %s".formatted(recorded.key())
          : "Model config %s was already gone from LaunchDarkly".formatted(recorded.key()));
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.INVALID_REQUEST && ModelConfigUsage.isInUseRefusal(e)) {
        return Deletion.refused(Reason.ModelConfigInUse, "LaunchDarkly refuses to delete model config %s while it is in use: %s"
            .formatted(recorded.key(), e.apiMessage()));
      }
      throw e;
    }
  }

  @Override
  protected void fillStatus(AIModelConfigStatus status, LdModelConfig model) {
    status.setKey(model.key());
    status.setVersion(model.version());
    status.setGlobal(model.global());
    status.setIsRestricted(model.isRestricted());
  }

  @Override
  public boolean outOfDate(AIModelConfig resource, ProjectSnapshot snapshot) {
    return snapshot.modelDiffers(
        resource.getSpec().getProjectKey(), resource.getStatus().getKey(), resource.getStatus().getVersion());
  }
}
