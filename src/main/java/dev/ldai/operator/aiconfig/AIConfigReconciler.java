package dev.ldai.operator.aiconfig;

import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LaunchDarklyReconciler;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.SyncContext;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.Timestamps;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reconciles AIConfig: create, patch only what differs, revert drift, delete or retain. */
@Singleton
@ControllerConfiguration(name = "aiconfig", finalizerName = Finalizers.NAME)
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class AIConfigReconciler extends LaunchDarklyReconciler<AIConfig, AIConfigStatus> {

  /** Keys that collide with fixed routes under {@code /ai-configs/}. */
  static final Set<String> RESERVED_KEYS = Set.of("model-configs", "quick-stats", "prompt-snippets");

  public AIConfigReconciler(ReconcileSupport support) {
    super(support);
  }

  /**
   * Also out of date when the listed variations differ from {@code status.variations}: that is how the
   * status follows variation changes, whether or not LaunchDarkly moves the config's version for them.
   */
  @Override
  protected boolean outOfDate(AIConfig resource, ProjectSnapshot snapshot) {
    AIConfigStatus status = resource.getStatus();
    String project = resource.getSpec().getProjectKey();
    return snapshot.configDiffers(project, status.getKey(), status.getVersion())
        || (project.equals(snapshot.project()) && status.getKey() != null
            && snapshot.config(status.getKey())
                .filter(listed -> !AIConfigMapping.variations(listed).equals(
                    status.getVariations() == null ? List.of() : status.getVariations()))
                .isPresent());
  }

  @Override
  protected Class<AIConfigStatus> statusType() {
    return AIConfigStatus.class;
  }

  @Override
  protected String claim(AIConfig resource, Context<AIConfig> context) {
    return resource.getSpec().getProjectKey() + "/" + Keys.effectiveKey(resource, resource.getSpec());
  }

  @Override
  protected Outcome sync(SyncContext<AIConfig, AIConfigStatus> sync) {
    AIConfigSpec spec = sync.resource().getSpec();
    String project = spec.getProjectKey();
    String key = sync.key();
    validate(key, spec);
    LaunchDarklyClient client = sync.client(project);
    if (sync.owns(key) && sync.unchangedSinceLastAttempt(project)) {
      return Outcome.ready("AI Config %s is in sync".formatted(key));
    }
    LdAIConfig existing;
    if (sync.owns(key)) {
      Optional<LdAIConfig> current = sync.listing(project)
          .map(listing -> listing.config(key))
          .orElseGet(() -> client.getConfig(project, key));
      if (current.isEmpty()) {
        return create(sync, project, key);
      }
      existing = current.get();
    } else {
      Optional<LdAIConfig> created =
          sync.createClaimingKey(key, () -> client.createConfig(project, AIConfigMapping.toPost(key, spec)));
      if (created.isPresent()) {
        return created(sync, key, created.get());
      }
      existing = sync.readTaken("AI Config " + key, () -> client.getConfig(project, key));
    }
    if (!sync.owns(key)) {
      if (!sync.mayAdopt()) {
        return Outcome.stalled(Reason.AlreadyExists,
            "AI Config %s already exists in project %s; set spec.adoptionPolicy: Adopt to manage it"
                .formatted(key, project));
      }
      sync.status().setKey(key);
      sync.support().events().normal(sync.resource(), "Adopted", "Adopt",
          "Adopted existing AI Config %s".formatted(key));
    }
    if (spec.getMode() != null && existing.mode() != null && !spec.getMode().wireValue().equals(existing.mode())) {
      fillStatus(sync.status(), existing);
      return Outcome.stalled(Reason.InvalidSpec,
          "spec.mode: is %s but the AI Config in LaunchDarkly is %s, and LaunchDarkly cannot change a mode"
              .formatted(spec.getMode().wireValue(), existing.mode()));
    }
    LdAIConfigPatch patch = AIConfigMapping.patchFor(spec, existing);
    if (patch.isEmpty()) {
      fillStatus(sync.status(), existing);
      return Outcome.ready("AI Config %s is in sync".formatted(key));
    }
    LdAIConfig patched = client.patchConfig(project, key, patch);
    boolean driftOnly =
        sync.resource().getMetadata().getGeneration().equals(sync.status().getObservedGeneration());
    if (driftOnly) {
      sync.support().events().driftCorrected(sync.resource(), "Update",
          "Reverted changes made in LaunchDarkly to AI Config %s".formatted(key));
    } else {
      sync.support().events().normal(sync.resource(), "Updated", "Update", "Updated AI Config %s".formatted(key));
    }
    fillStatus(sync.status(), patched);
    return Outcome.ready("AI Config %s is in sync".formatted(key));
  }

  private static void validate(String key, AIConfigSpec spec) {
    if (RESERVED_KEYS.contains(key)) {
      throw new InvalidSpecException(
          "spec.key: \"%s\" is reserved by LaunchDarkly's API; set another key".formatted(key));
    }
    if (spec.getMaintainerId() != null && spec.getMaintainerTeamKey() != null) {
      throw new InvalidSpecException(
          "spec.maintainerId and spec.maintainerTeamKey: set at most one of them");
    }
  }

  /** Creates the object of a resource that owns the key: a re-creation, or a retry of a create. */
  private Outcome create(SyncContext<AIConfig, AIConfigStatus> sync, String project, String key) {
    return created(sync, key, createOrFind(sync.client(), project, key, sync.resource().getSpec()));
  }

  private Outcome created(SyncContext<AIConfig, AIConfigStatus> sync, String key, LdAIConfig created) {
    fillStatus(sync.status(), created);
    if (sync.wasSynced()) {
      sync.support().events().driftCorrected(sync.resource(), "Create",
          "AI Config %s was deleted in LaunchDarkly; recreated it".formatted(key));
    } else {
      sync.support().events().normal(sync.resource(), "Created", "Create",
          "Created AI Config %s".formatted(key));
    }
    return Outcome.ready("AI Config %s is in sync".formatted(key));
  }

  /** A create whose earlier attempt may have been applied without us seeing the answer. */
  private static LdAIConfig createOrFind(
      LaunchDarklyClient client, String project, String key, AIConfigSpec spec) {
    try {
      return client.createConfig(project, AIConfigMapping.toPost(key, spec));
    } catch (LaunchDarklyException e) {
      if (e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      return client.getConfig(project, key).orElseThrow(() -> e);
    }
  }

  @Override
  protected Optional<String> deleteInLaunchDarkly(AIConfig resource, LaunchDarklyClient client) {
    String key = resource.getStatus().getKey();
    boolean existed = client.deleteConfig(resource.getSpec().getProjectKey(), key);
    return Optional.of(existed
        ? "Deleted AI Config %s".formatted(key)
        : "AI Config %s was already gone from LaunchDarkly".formatted(key));
  }

  private static void fillStatus(AIConfigStatus status, LdAIConfig config) {
    status.setKey(config.key());
    status.setVersion(config.version());
    status.setCreatedAt(Timestamps.fromEpochMillis(config.createdAt()));
    status.setUpdatedAt(Timestamps.fromEpochMillis(config.updatedAt()));
    status.setVariations(AIConfigMapping.variations(config));
  }
}
