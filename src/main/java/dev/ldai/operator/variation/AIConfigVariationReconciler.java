package dev.ldai.operator.variation;

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
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
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
import java.util.Objects;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  /** As LaunchDarkly's Terraform provider, which re-reads a variation up to ten times until its version advances. */
  static final int STALE_READ_ATTEMPTS = 10;

  /**
   * Per resource uid, the version a PATCH would have made whose answer never came (the connection dropped
   * or timed out): LaunchDarkly may have applied it, and a read right after it may still show the version
   * before. The next read must show that version, or {@link #STALE_READ_ATTEMPTS} reads must not, before
   * the variation is diffed and patched again.
   */
  private final Map<String, Integer> patchesInDoubt = new ConcurrentHashMap<>();

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
    boolean sameReferents = Objects.equals(status.getProjectKey(), parent.projectKey())
        && Objects.equals(status.getConfigKey(), parent.configKey())
        && Objects.equals(status.getModelConfigKey(), modelConfigKey);
    status.setProjectKey(parent.projectKey());
    status.setConfigKey(parent.configKey());
    status.setModelConfigKey(modelConfigKey);

    String project = parent.projectKey();
    LaunchDarklyClient client = sync.client(project);
    if (sync.owns(key) && sameReferents && sync.unchangedSinceLastAttempt(project)) {
      return Outcome.ready("Variation %s is in sync at version %d".formatted(key, status.getVersion()));
    }
    Current current;
    if (sync.owns(key)) {
      Optional<Current> found = current(sync, client, parent, key);
      if (found.isEmpty()) {
        return create(sync, parent, key, modelConfigKey);
      }
      current = found.get();
    } else {
      Optional<LdVariation> created = claimByCreating(sync, client, parent, key, modelConfigKey);
      if (created.isPresent()) {
        return created(sync, parent, key, modelConfigKey, created.get());
      }
      current = sync.readTaken("Variation " + key, () -> readHistory(client, project, parent.configKey(), key));
    }
    if (!sync.owns(key)) {
      if (!sync.mayAdopt()) {
        return Outcome.stalled(Reason.AlreadyExists,
            "Variation %s already exists in AI Config %s/%s; set spec.adoptionPolicy: Adopt to manage it"
                .formatted(key, project, parent.configKey()));
      }
      status.setKey(key);
      sync.support().events().normal(resource, "Adopted", "Adopt", "Adopted existing variation %s".formatted(key));
    }
    resolvePendingUpdate(status, current.latest());
    VariationMapping.Diff diff = VariationMapping.diff(resource.getSpec(), current.latest(), modelConfigKey, status);
    if (!diff.isEmpty()) {
      if (diff.fields().contains("instructions") || diff.fields().contains("description")) {
        status.setPendingUpdate(new PendingUpdate(current.latest().version(),
            hashIf(diff.fields().contains("instructions"), resource.getSpec().getInstructions()),
            hashIf(diff.fields().contains("description"), resource.getSpec().getDescription())));
        sync.recordIntent(Outcome.reconciling(Reason.Updating, "Updating variation %s".formatted(key)));
      }
      LdVariation patched = patch(sync, parent, key, diff.patch(), current.latest().version());
      status.setPendingUpdate(null);
      recordApplied(status, resource.getSpec(), diff.fields());
      // Another version in between (an edit in LaunchDarkly since the listing or read): the history is read
      // again, and a read still showing the version before the PATCH is not taken for it.
      current = current.isFollowedBy(patched)
          ? current.after(patched)
          : readHistoryShowing(client, project, parent.configKey(), key, patched.version())
              .filter(read -> read.shows(patched.version()))
              .orElse(current.after(patched));
      boolean driftOnly = resource.getMetadata().getGeneration().equals(status.getObservedGeneration());
      String changed = "%s changed (version %d)".formatted(String.join(", ", diff.fields()), patched.version());
      if (driftOnly) {
        sync.support().events().driftCorrected(resource, "Update",
            "Reverted changes made in LaunchDarkly to variation %s: %s".formatted(key, changed));
      } else {
        sync.support().events().normal(resource, "Updated", "Update", "Updated variation %s: %s".formatted(key, changed));
      }
    }
    fillStatus(status, current);
    return Outcome.ready("Variation %s is in sync at version %d".formatted(key, status.getVersion()));
  }

  /** Sends a PATCH; when no answer comes, remembers the version it would have made ({@link #patchesInDoubt}). */
  private LdVariation patch(SyncContext<AIConfigVariation, AIConfigVariationStatus> sync, References.Parent parent,
      String key, LdVariationPatch patch, Integer basedOn) {
    try {
      LdVariation patched = sync.client().patchVariation(parent.projectKey(), parent.configKey(), key, patch);
      patchesInDoubt.remove(sync.resource().getMetadata().getUid());
      return patched;
    } catch (LaunchDarklyException e) {
      if (e.httpStatus() == 0 && basedOn != null) {
        patchesInDoubt.put(sync.resource().getMetadata().getUid(), basedOn + 1);
      }
      throw e;
    }
  }

  /** Creates the variation of a resource that never claimed its key; empty when the key is taken. */
  private static Optional<LdVariation> claimByCreating(SyncContext<AIConfigVariation, AIConfigVariationStatus> sync,
      LaunchDarklyClient client, References.Parent parent, String key, String modelConfigKey) {
    AIConfigVariationStatus status = sync.status();
    AIConfigVariationSpec spec = sync.resource().getSpec();
    // Recorded with the intent: a create whose answer is lost must not be followed by a PATCH of the same text.
    recordApplied(status, spec, List.of("instructions", "description"));
    status.setPendingUpdate(null);
    Optional<LdVariation> created = sync.createClaimingKey(key, () -> post(client, parent, key, spec, modelConfigKey));
    if (created.isEmpty()) {
      status.setAppliedInstructionsHash(null);
      status.setAppliedDescriptionHash(null);
    }
    return created;
  }

  /**
   * The variation as LaunchDarkly holds it; empty when it has none under the key. The project listing
   * stands in for reading it while it lists the version the status already describes (the history in the
   * status is then still true); otherwise every version is read, to show the history.
   */
  private Optional<Current> current(SyncContext<AIConfigVariation, AIConfigVariationStatus> sync,
      LaunchDarklyClient client, References.Parent parent, String key) {
    AIConfigVariationStatus status = sync.status();
    String uid = sync.resource().getMetadata().getUid();
    Optional<Optional<LdVariation>> listed =
        sync.listing(parent.projectKey()).map(listing -> listing.variation(parent.configKey(), key));
    // A listing that began after the last attempt shows whether a PATCH in doubt was applied.
    Integer inDoubt = listed.isPresent() ? patchesInDoubt.remove(uid) : patchesInDoubt.get(uid);
    if (listed.isPresent() && listed.get().isEmpty()) {
      return Optional.empty();
    }
    Optional<LdVariation> unchanged = listed.flatMap(l -> l)
        .filter(latest -> latest.version() != null && latest.version().equals(status.getVersion()))
        .filter(latest -> status.getVersions() != null && status.getTotalCount() != null);
    if (unchanged.isPresent()) {
      return Optional.of(new Current(unchanged.get(), status.getVersions(), status.getTotalCount()));
    }
    // Versions only advance: what the listing shows, or without one what the status already recorded, is
    // the oldest version a true read can show. An older one is a stale read, and must not be diffed and patched.
    Integer shown = listed.isPresent() ? listed.get().map(LdVariation::version).orElse(null) : status.getVersion();
    if (inDoubt != null && (shown == null || inDoubt > shown)) {
      // Kept until a read answers: a failed read leaves the PATCH in doubt for the next attempt.
      Optional<Current> read = readHistoryShowing(client, parent.projectKey(), parent.configKey(), key, inDoubt);
      patchesInDoubt.remove(uid);
      // It shows the PATCH (applied), or no read did (not applied): either way the read is true.
      if (read.isEmpty() || read.get().shows(shown)) {
        return read;
      }
    }
    // Settled either way: a read answered it above, or the listing or status shows a version at least as new.
    patchesInDoubt.remove(uid);
    Optional<Current> read = readHistoryShowing(client, parent.projectKey(), parent.configKey(), key, shown);
    if (read.isPresent() && !read.get().shows(shown)) {
      throw new LaunchDarklyException(0, null,
          "LaunchDarkly still answers version %d of variation %s after showing version %d; reading it again later"
              .formatted(read.get().latest().version(), key, shown),
          ErrorKind.TRANSIENT);
    }
    return read;
  }

  /**
   * The history once a read shows {@code version} or a later one, read up to {@link #STALE_READ_ATTEMPTS}
   * times; otherwise the last read. Right after a PATCH, LaunchDarkly may still answer the version before it.
   */
  private static Optional<Current> readHistoryShowing(
      LaunchDarklyClient client, String project, String configKey, String key, Integer version) {
    Optional<Current> read = readHistory(client, project, configKey, key);
    for (int attempt = 1; attempt < STALE_READ_ATTEMPTS && read.isPresent() && !read.get().shows(version); attempt++) {
      read = readHistory(client, project, configKey, key);
    }
    return read;
  }

  /** Every version LaunchDarkly holds for the key; empty when it holds none. */
  private static Optional<Current> readHistory(LaunchDarklyClient client, String project, String configKey, String key) {
    return client.getVariation(project, configKey, key)
        .filter(read -> read.items() != null && !read.items().isEmpty())
        .map(Current::of);
  }

  /** The latest version of a variation and its history (newest first) with the count LaunchDarkly holds. */
  record Current(LdVariation latest, List<VersionSummary> history, int totalCount) {

    static Current of(LdVariationVersions read) {
      List<LdVariation> versions = newestFirst(read.items());
      return new Current(versions.get(0), versions.stream().map(Current::summary).toList(),
          Optional.ofNullable(read.totalCount()).orElse(versions.size()));
    }

    static Current created(LdVariation created) {
      return new Current(created, List.of(summary(created)), 1);
    }

    /** Whether the latest version is {@code version} or a later one (null: nothing to compare). */
    boolean shows(Integer version) {
      return version == null || latest.version() == null || latest.version() >= version;
    }

    /** Whether {@code next} is the version right after the latest: nobody else wrote in between. */
    boolean isFollowedBy(LdVariation next) {
      return latest.version() != null && next.version() != null && next.version() == latest.version() + 1;
    }

    Current after(LdVariation next) {
      List<VersionSummary> versions = new ArrayList<>();
      versions.add(summary(next));
      versions.addAll(history);
      return new Current(next, versions, totalCount + 1);
    }

    private static VersionSummary summary(LdVariation version) {
      return new VersionSummary(version.version(), version.id(), Timestamps.fromEpochMillis(version.createdAt()));
    }
  }

  /** Creates the variation of a resource that owns the key: a re-creation, or a retry of a create. */
  private Outcome create(
      SyncContext<AIConfigVariation, AIConfigVariationStatus> sync,
      References.Parent parent,
      String key,
      String modelConfigKey) {
    AIConfigVariationStatus status = sync.status();
    recordApplied(status, sync.resource().getSpec(), List.of("instructions", "description"));
    status.setPendingUpdate(null);
    return created(sync, parent, key, modelConfigKey,
        createOrFind(sync.client(), parent, key, sync.resource().getSpec(), modelConfigKey));
  }

  private Outcome created(
      SyncContext<AIConfigVariation, AIConfigVariationStatus> sync,
      References.Parent parent,
      String key,
      String modelConfigKey,
      LdVariation created) {
    AIConfigVariation resource = sync.resource();
    AIConfigVariationStatus status = sync.status();
    Current current = Current.created(created);
    // A create does not take every field (state, for one): what it left out is patched at once.
    VariationMapping.Diff rest = VariationMapping.diff(resource.getSpec(), created, modelConfigKey, status);
    if (!rest.isEmpty()) {
      current = current.after(patch(sync, parent, key, rest.patch(), created.version()));
    }
    fillStatus(status, current);
    if (sync.wasSynced()) {
      sync.support().events().driftCorrected(resource, "Create",
          "Variation %s was deleted in LaunchDarkly; recreated it".formatted(key));
    } else {
      sync.support().events().normal(resource, "Created", "Create",
          "Created variation %s in AI Config %s".formatted(key, parent.configKey()));
    }
    return Outcome.ready("Variation %s is in sync at version %d".formatted(key, status.getVersion()));
  }

  private static LdVariation post(
      LaunchDarklyClient client, References.Parent parent, String key, AIConfigVariationSpec spec, String modelConfigKey) {
    try {
      return client.createVariation(
          parent.projectKey(), parent.configKey(), VariationMapping.toPost(key, spec, modelConfigKey));
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw new DependencyNotReadyException(
            "AI Config %s/%s does not exist in LaunchDarkly".formatted(parent.projectKey(), parent.configKey()));
      }
      throw e;
    }
  }

  /** A create whose earlier attempt may have been applied without us seeing the answer. */
  private static LdVariation createOrFind(
      LaunchDarklyClient client, References.Parent parent, String key, AIConfigVariationSpec spec, String modelConfigKey) {
    try {
      return post(client, parent, key, spec, modelConfigKey);
    } catch (LaunchDarklyException e) {
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

  private static void fillStatus(AIConfigVariationStatus status, Current current) {
    LdVariation latest = current.latest();
    status.setKey(latest.key());
    status.setVariationId(latest.id());
    status.setVersion(latest.version());
    status.setTotalCount(current.totalCount());
    status.setVersions(current.history().stream().limit(VERSIONS_SHOWN).toList());
    status.setPublishedAt(Timestamps.fromEpochMillis(latest.publishedAt()));
    status.setArchivedAt(Timestamps.fromEpochMillis(latest.archivedAt()));
  }
}
