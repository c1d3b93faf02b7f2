package dev.ldai.operator.variation;

import dev.ldai.operator.common.EventRecorder;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.DependencyNotReadyException;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LaunchDarklyReconciler;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.SecretKeyReference;
import dev.ldai.operator.common.SyncContext;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationVersions;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.Timestamps;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reconciles AIConfigVariation: waits for its parent and model config, creates the variation, and
 * patches only what differs — each PATCH is a new LaunchDarkly version, so none is sent while in sync.
 */
@Singleton
@ControllerConfiguration(name = "aiconfigvariation", finalizerName = Finalizers.NAME)
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class AIConfigVariationReconciler
    extends LaunchDarklyReconciler<AIConfigVariation, AIConfigVariationStatus> {

  static final int VERSIONS_SHOWN = 10;

  public AIConfigVariationReconciler(ReconcileSupport support) {
    super(support);
  }

  @Override
  public List<EventSource<?, AIConfigVariation>> prepareEventSources(
      EventSourceContext<AIConfigVariation> context) {
    context.getPrimaryCache().addIndexer(VariationIndexes.BY_CONFIG_REF, VariationIndexes::configRef);
    context.getPrimaryCache().addIndexer(VariationIndexes.BY_MODEL_CONFIG_REF, VariationIndexes::modelConfigRef);
    InformerEventSource<AIConfig, AIConfigVariation> configs =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(AIConfig.class, AIConfigVariation.class)
                .withSecondaryToPrimaryMapper(new ReferencingVariations<AIConfig>(
                    key -> context.getPrimaryCache().byIndex(VariationIndexes.BY_CONFIG_REF, key)))
                .withOnUpdateFilter(ReferentChange::concernsVariations)
                .build(),
            context);
    InformerEventSource<AIModelConfig, AIConfigVariation> models =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(AIModelConfig.class, AIConfigVariation.class)
                .withSecondaryToPrimaryMapper(new ReferencingVariations<AIModelConfig>(
                    key -> context.getPrimaryCache().byIndex(VariationIndexes.BY_MODEL_CONFIG_REF, key)))
                .withOnUpdateFilter(ReferentChange::concernsVariations)
                .build(),
            context);
    List<EventSource<?, AIConfigVariation>> sources = new ArrayList<>(super.prepareEventSources(context));
    sources.add(configs);
    sources.add(models);
    return sources;
  }

  @Override
  protected Class<AIConfigVariationStatus> statusType() {
    return AIConfigVariationStatus.class;
  }

  @Override
  protected String claim(AIConfigVariation resource, Context<AIConfigVariation> context) {
    String parent =
        References.knownParent(resource, context)
            .map(p -> p.projectKey() + "/" + p.configKey())
            .orElseGet(() -> "AIConfig " + resource.getMetadata().getNamespace() + "/" + resource.getSpec().getConfigRef().getName());
    return parent + "/variations/" + Keys.effectiveKey(resource, resource.getSpec());
  }

  /** A variation without credentials of its own uses its parent AIConfig's. */
  @Override
  protected SecretKeyReference credentialsOf(AIConfigVariation resource, Context<AIConfigVariation> context) {
    if (resource.getSpec().getCredentialsSecretRef() != null) {
      return resource.getSpec().getCredentialsSecretRef();
    }
    return References.knownParent(resource, context)
        .flatMap(References.Parent::resource)
        .map(config -> config.getSpec().getCredentialsSecretRef())
        .orElse(null);
  }

  @Override
  protected boolean outOfDate(AIConfigVariation resource, ProjectSnapshot snapshot) {
    AIConfigVariationStatus status = resource.getStatus();
    return snapshot.variationDiffers(status.getProjectKey(), status.getConfigKey(), status.getKey(), status.getVersion());
  }

  @Override
  protected Outcome sync(SyncContext<AIConfigVariation, AIConfigVariationStatus> sync) {
    AIConfigVariation resource = sync.resource();
    String key = sync.key();
    References.Parent parent = References.readyParent(resource, sync.context());
    String modelConfigKey = References.modelConfigKey(resource, parent, sync.context());
    AIConfigVariationStatus status = sync.status();
    status.setProjectKey(parent.projectKey());
    status.setConfigKey(parent.configKey());
    status.setModelConfigKey(modelConfigKey);

    Optional<LdVariationVersions> current =
        sync.client(parent.projectKey()).getVariation(parent.projectKey(), parent.configKey(), key)
            .filter(found -> found.items() != null && !found.items().isEmpty());
    if (current.isEmpty()) {
      return create(sync, parent, key, modelConfigKey);
    }
    if (!sync.owns(key)) {
      if (!sync.mayAdopt()) {
        return Outcome.stalled(Reason.AlreadyExists,
            "Variation %s already exists in AI Config %s/%s; set spec.adoptionPolicy: Adopt to manage it"
                .formatted(key, parent.projectKey(), parent.configKey()));
      }
      status.setKey(key);
      sync.support().events().normal(resource, "Adopted", "Adopt", "Adopted existing variation %s".formatted(key));
    }
    List<LdVariation> versions = newestFirst(current.get().items());
    int totalCount = Optional.ofNullable(current.get().totalCount()).orElse(versions.size());
    resolvePendingUpdate(status, versions.get(0));
    VariationMapping.Diff diff = VariationMapping.diff(resource.getSpec(), versions.get(0), modelConfigKey, status);
    if (!diff.isEmpty()) {
      if (diff.fields().contains("instructions") || diff.fields().contains("description")) {
        status.setPendingUpdate(new PendingUpdate(versions.get(0).version(),
            hashIf(diff.fields().contains("instructions"), resource.getSpec().getInstructions()),
            hashIf(diff.fields().contains("description"), resource.getSpec().getDescription())));
        sync.recordIntent(Outcome.reconciling(Reason.Updating, "Updating variation %s".formatted(key)));
      }
      LdVariation patched =
          sync.client().patchVariation(parent.projectKey(), parent.configKey(), key, diff.patch());
      status.setPendingUpdate(null);
      recordApplied(status, resource.getSpec(), diff.fields());
      versions.add(0, patched);
      totalCount++;
      boolean driftOnly = resource.getMetadata().getGeneration().equals(status.getObservedGeneration());
      sync.support().events().normal(resource, driftOnly ? EventRecorder.DRIFT_CORRECTED : "Updated", "Update",
          "%s variation %s: %s changed (version %d)"
              .formatted(driftOnly ? "Reverted changes made in LaunchDarkly to" : "Updated", key,
                  String.join(", ", diff.fields()), patched.version()));
    }
    fillStatus(status, versions, totalCount);
    return Outcome.ready("Variation %s is in sync at version %d".formatted(key, status.getVersion()));
  }

  private Outcome create(
      SyncContext<AIConfigVariation, AIConfigVariationStatus> sync,
      References.Parent parent,
      String key,
      String modelConfigKey) {
    AIConfigVariation resource = sync.resource();
    AIConfigVariationStatus status = sync.status();
    boolean recreate = sync.wasSynced();
    // Recorded with the intent: a create whose answer is lost must not be followed by a PATCH of the same text.
    recordApplied(status, resource.getSpec(), List.of("instructions", "description"));
    status.setPendingUpdate(null);
    sync.recordIntentToCreate(key);
    LdVariation created = createOrFind(sync.client(), parent, key, resource.getSpec(), modelConfigKey);
    List<LdVariation> versions = new ArrayList<>(List.of(created));
    int totalCount = 1;
    // A create does not take every field (state, for one): what it left out is patched at once.
    VariationMapping.Diff rest = VariationMapping.diff(resource.getSpec(), created, modelConfigKey, status);
    if (!rest.isEmpty()) {
      versions.add(0, sync.client().patchVariation(parent.projectKey(), parent.configKey(), key, rest.patch()));
      totalCount++;
    }
    fillStatus(status, versions, totalCount);
    sync.support().events().normal(resource, recreate ? EventRecorder.DRIFT_CORRECTED : "Created", "Create",
        recreate
            ? "Variation %s was deleted in LaunchDarkly; recreated it".formatted(key)
            : "Created variation %s in AI Config %s".formatted(key, parent.configKey()));
    return Outcome.ready("Variation %s is in sync at version %d".formatted(key, status.getVersion()));
  }

  /** A create whose earlier attempt may have been applied without us seeing the answer. */
  private static LdVariation createOrFind(
      LaunchDarklyClient client, References.Parent parent, String key, AIConfigVariationSpec spec, String modelConfigKey) {
    try {
      return client.createVariation(
          parent.projectKey(), parent.configKey(), VariationMapping.toPost(key, spec, modelConfigKey));
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw new DependencyNotReadyException(
            "AI Config %s/%s does not exist in LaunchDarkly".formatted(parent.projectKey(), parent.configKey()));
      }
      if (e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      return client.getVariation(parent.projectKey(), parent.configKey(), key)
          .map(found -> newestFirst(found.items()).get(0))
          .orElseThrow(() -> e);
    }
  }

  @Override
  protected Optional<String> deleteInLaunchDarkly(AIConfigVariation resource, LaunchDarklyClient client) {
    AIConfigVariationStatus status = resource.getStatus();
    String key = status.getKey();
    if (status.getProjectKey() == null || status.getConfigKey() == null) {
      return Optional.of("Variation %s was never created in LaunchDarkly".formatted(key));
    }
    try {
      boolean existed = client.deleteVariation(status.getProjectKey(), status.getConfigKey(), key);
      return Optional.of(existed
          ? "Deleted variation %s".formatted(key)
          : "Variation %s was already gone from LaunchDarkly".formatted(key));
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.INVALID_REQUEST && isLastVariationRefusal(e)) {
        return Optional.of(
            "Variation %s is the last of AI Config %s; LaunchDarkly keeps it until the config is deleted"
                .formatted(key, status.getConfigKey()));
      }
      throw e;
    }
  }

  static boolean isLastVariationRefusal(LaunchDarklyException e) {
    return e.apiMessage() != null && e.apiMessage().toLowerCase(Locale.ROOT).contains("last variation");
  }

  /**
   * Settles a PATCH of instructions or description whose answer never came: LaunchDarkly's version moved
   * on, so it was applied; otherwise it was not and the diff will send it again.
   */
  static void resolvePendingUpdate(AIConfigVariationStatus status, LdVariation latest) {
    PendingUpdate pending = status.getPendingUpdate();
    if (pending == null) {
      return;
    }
    boolean applied = latest.version() != null && pending.getFromVersion() != null
        && latest.version() > pending.getFromVersion();
    if (applied) {
      if (pending.getInstructionsHash() != null) {
        status.setAppliedInstructionsHash(pending.getInstructionsHash());
      }
      if (pending.getDescriptionHash() != null) {
        status.setAppliedDescriptionHash(pending.getDescriptionHash());
      }
    }
    status.setPendingUpdate(null);
  }

  private static String hashIf(boolean sent, String text) {
    return sent && text != null ? VariationMapping.sha256(text) : null;
  }

  private static void recordApplied(AIConfigVariationStatus status, AIConfigVariationSpec spec, List<String> fields) {
    if (fields.contains("instructions") && spec.getInstructions() != null) {
      status.setAppliedInstructionsHash(VariationMapping.sha256(spec.getInstructions()));
    }
    if (fields.contains("description") && spec.getDescription() != null) {
      status.setAppliedDescriptionHash(VariationMapping.sha256(spec.getDescription()));
    }
  }

  private static List<LdVariation> newestFirst(List<LdVariation> versions) {
    List<LdVariation> sorted = new ArrayList<>(versions == null ? List.of() : versions);
    sorted.sort(Comparator.comparing((LdVariation v) -> v.version() == null ? 0 : v.version()).reversed());
    return sorted;
  }

  private static void fillStatus(AIConfigVariationStatus status, List<LdVariation> newestFirst, int totalCount) {
    LdVariation latest = newestFirst.get(0);
    status.setKey(latest.key());
    status.setVariationId(latest.id());
    status.setVersion(latest.version());
    status.setTotalCount(totalCount);
    status.setVersions(newestFirst.stream()
        .limit(VERSIONS_SHOWN)
        .map(v -> new VersionSummary(v.version(), v.id(), Timestamps.fromEpochMillis(v.createdAt())))
        .toList());
    status.setPublishedAt(Timestamps.fromEpochMillis(latest.publishedAt()));
    status.setArchivedAt(Timestamps.fromEpochMillis(latest.archivedAt()));
  }
}
