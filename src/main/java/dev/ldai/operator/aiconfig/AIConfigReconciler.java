package dev.ldai.operator.aiconfig;

import dev.ldai.operator.common.EventRecorder;
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
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.ParentOfVariation;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

  /** A variation's change of version re-reads the config, so that {@code status.variations} follows. */
  @Override
  public List<EventSource<?, AIConfig>> prepareEventSources(EventSourceContext<AIConfig> context) {
    List<EventSource<?, AIConfig>> sources = new ArrayList<>(super.prepareEventSources(context));
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(AIConfigVariation.class, AIConfig.class)
                .withSecondaryToPrimaryMapper(new ParentOfVariation())
                .withOnUpdateFilter((newer, older) -> versionChanged(newer, older))
                .build(),
            context));
    return sources;
  }

  private static boolean versionChanged(AIConfigVariation newer, AIConfigVariation older) {
    return newer.getStatus() != null
        && (older.getStatus() == null
            || !Objects.equals(newer.getStatus().getVersion(), older.getStatus().getVersion()));
  }

  @Override
  protected boolean outOfDate(AIConfig resource, ProjectSnapshot snapshot) {
    return snapshot.configDiffers(
        resource.getSpec().getProjectKey(), resource.getStatus().getKey(), resource.getStatus().getVersion());
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
    Optional<LdAIConfig> current = client.getConfig(project, key);
    if (current.isEmpty()) {
      return create(sync, project, key);
    }
    LdAIConfig existing = current.get();
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
    sync.support().events().normal(sync.resource(), driftOnly ? EventRecorder.DRIFT_CORRECTED : "Updated", "Update",
        (driftOnly ? "Reverted changes made in LaunchDarkly to AI Config %s" : "Updated AI Config %s")
            .formatted(key));
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

  private Outcome create(SyncContext<AIConfig, AIConfigStatus> sync, String project, String key) {
    boolean recreate = sync.wasSynced();
    sync.recordIntentToCreate(key);
    LdAIConfig created = createOrFind(sync.client(), project, key, sync.resource().getSpec());
    fillStatus(sync.status(), created);
    if (recreate) {
      sync.support().events().warning(sync.resource(), EventRecorder.DRIFT_CORRECTED, "Create",
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
