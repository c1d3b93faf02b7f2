package dev.ldai.operator.variation;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.ParentConfig;
import dev.ldai.operator.common.Creates;
import dev.ldai.operator.common.Deletion;
import dev.ldai.operator.common.Dependency;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LaunchDarklyReconciler;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.NotInLaunchDarklyException;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.ReconcileTriggers;
import dev.ldai.operator.common.ShownInListing;
import dev.ldai.operator.common.SecretKeyReference;
import dev.ldai.operator.common.Sync;
import dev.ldai.operator.common.Target;
import dev.ldai.operator.common.Updated;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.drift.ProjectSnapshot.Part;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.Timestamps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciles AIConfigVariation: waits for its parent and model config, creates the variation, and
 * patches only what differs — each PATCH is a new LaunchDarkly version, so none is sent while in sync.
 */
@Singleton
@ControllerConfiguration(name = "aiconfigvariation", finalizerName = Finalizers.NAME,
    generationAwareEventProcessing = false, informer = @Informer(onUpdateFilter = ReconcileTriggers.class))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class AIConfigVariationReconciler extends LaunchDarklyReconciler<
    AIConfigVariation, AIConfigVariationStatus, AIConfigVariationReconciler.Where, VariationHistory,
    LdVariationPatch>
    implements Creates<AIConfigVariation, AIConfigVariationStatus, AIConfigVariationReconciler.Where, VariationHistory>,
    ShownInListing<AIConfigVariation> {

  static final int VERSIONS_SHOWN = 10;

  private final VariationReads reads = support.perResource(new VariationReads());

  /** A variation of an AI Config, the model config it uses, and the tool and snippet versions it pins. */
  public record Where(String project, String configKey, String key, String modelConfigKey, VariationPins pins)
      implements Target {
    @Override
    public String what() {
      return "variation " + key;
    }

    @Override
    public String where() {
      return "AI Config %s/%s".formatted(project, configKey);
    }
  }

  public AIConfigVariationReconciler(ReconcileSupport support) {
    super(support);
  }

  @Override
  protected List<Dependency<AIConfigVariation, ?>> dependencies() {
    return List.of(References.PARENT, References.MODEL_CONFIG, References.TOOLS, References.SNIPPETS);
  }

  @Override
  protected Class<AIConfigVariationStatus> statusType() {
    return AIConfigVariationStatus.class;
  }

  @Override
  protected String claim(AIConfigVariation resource, Context<AIConfigVariation> context) {
    return ParentConfig.claimed(resource, References.PARENT, context)
        + "/variations/" + Keys.effectiveKey(resource, resource.getSpec());
  }

  /** A variation without credentials of its own uses its parent AIConfig's. */
  @Override
  protected SecretKeyReference credentialsOf(AIConfigVariation resource, Context<AIConfigVariation> context) {
    return ParentConfig.credentials(resource, References.PARENT, context);
  }

  @Override
  protected Where target(AIConfigVariation resource, Context<AIConfigVariation> context) {
    ParentConfig parent = ParentConfig.ready(resource, References.PARENT, context);
    String modelConfigKey = References.modelConfigKey(resource, parent, context);
    VariationPins pins = Pinning.resolve(resource, parent.projectKey(), new Pinning.Lookups(
        name -> References.TOOLS.referent(resource, name, context),
        key -> References.SNIPPETS.group(resource, key, context),
        key -> snippetInLaunchDarkly(resource, context, parent.projectKey(), key)));
    return new Where(parent.projectKey(), parent.configKey(), Keys.effectiveKey(resource, resource.getSpec()), modelConfigKey,
        pins);
  }

  /** The current version of a snippet in LaunchDarkly: from the project listing when it holds snippets, else read. */
  private Optional<Integer> snippetInLaunchDarkly(
      AIConfigVariation resource, Context<AIConfigVariation> context, String project, String key) {
    ApiToken token = support.tokenFor(resource, credentialsOf(resource, context));
    Optional<ProjectSnapshot> listing = support.poller().latest(token, project).filter(listed -> listed.lists(Part.SNIPPETS));
    Optional<LdPromptSnippet> snippet = listing.isPresent()
        ? listing.get().snippet(key)
        : support.client(token).getPromptSnippet(project, key);
    return snippet.map(LdPromptSnippet::version);
  }

  /** A variation following a snippet tag needs the project's snippets listed. */
  @Override
  protected Set<Part> partsToList(AIConfigVariation resource) {
    return Pinning.followedSnippetKeys(resource.getSpec()).isEmpty() ? Set.of() : Set.of(Part.SNIPPETS);
  }

  @Override
  protected boolean recordTarget(AIConfigVariationStatus status, Where where) {
    boolean same = Objects.equals(status.getProjectKey(), where.project())
        && Objects.equals(status.getConfigKey(), where.configKey())
        && Objects.equals(status.getModelConfigKey(), where.modelConfigKey());
    status.setProjectKey(where.project());
    status.setConfigKey(where.configKey());
    status.setModelConfigKey(where.modelConfigKey());
    boolean pinsMoved = where.pins().recordIn(status);
    return !same || pinsMoved;
  }

  @Override
  protected Optional<Where> recordedTarget(AIConfigVariation resource) {
    AIConfigVariationStatus status = resource.getStatus();
    if (status == null || status.getProjectKey() == null || status.getConfigKey() == null || status.getKey() == null) {
      return Optional.empty();
    }
    return Optional.of(new Where(status.getProjectKey(), status.getConfigKey(), status.getKey(), status.getModelConfigKey(),
        VariationPins.NONE));
  }

  /** A variation has no tags: it follows its config's owner (see {@link #configCarriesParentsTag}). */
  @Override
  public Listed listed(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync, ProjectSnapshot listing) {
    Where where = sync.target();
    if (listing.variation(where.configKey(), where.key()).isEmpty()) {
      return Listed.ABSENT;
    }
    return configCarriesParentsTag(sync, listing.config(where.configKey())) ? Listed.OWN : Listed.FOREIGN;
  }

  @Override
  public boolean carriesOwnerTag(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync, VariationHistory observed) {
    Where where = sync.target();
    Optional<LdAIConfig> listed = support.poller().latest(sync.token(), where.project())
        .flatMap(listing -> listing.config(where.configKey()));
    return configCarriesParentsTag(sync,
        listed.isPresent() ? listed : sync.client().getConfig(where.project(), where.configKey()));
  }

  /**
   * Whether the variation's AI Config carries the owner tag of the AIConfig resource this one references:
   * its variations are then this cluster's. A config named by keys is not managed here, so no variation of
   * it is taken back without adoption.
   */
  private static boolean configCarriesParentsTag(
      Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync, Optional<LdAIConfig> config) {
    LocalReference configRef = sync.resource().getSpec().getConfigRef();
    if (configRef == null) {
      return false;
    }
    String parentTag = OwnerTag.of(HasMetadata.getKind(AIConfig.class), sync.resource().getMetadata().getNamespace(),
        configRef.getName());
    return config.filter(listed -> OwnerTag.carries(listed.tags(), parentTag)).isPresent();
  }

  /**
   * Instructions and description: recorded with the create intent, so that a create whose answer is lost is
   * not followed by a PATCH of the same text; and when taking back a variation this resource made.
   */
  @Override
  public void recordSent(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync) {
    UnshownText.recordSent(sync.status(), sent(sync), UnshownText.FIELDS);
    sync.status().setPendingUpdate(null);
  }

  @Override
  public VariationHistory create(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync) {
    Where where = sync.target();
    try {
      return VariationHistory.created(sync.client().createVariation(where.project(), where.configKey(),
          VariationMapping.toPost(where.key(), sent(sync), where.modelConfigKey())));
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw new NotInLaunchDarklyException(
            "AI Config %s/%s does not exist in LaunchDarkly".formatted(where.project(), where.configKey()));
      }
      throw explained(sync, e);
    }
  }

  /** The spec as sent: tools and following snippet tags pinned (see {@link VariationPins#sent}). */
  private static AIConfigVariationSpec sent(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync) {
    return sync.target().pins().sent(sync.resource().getSpec());
  }

  /**
   * A refusal (400) of a variation whose tools named by key include one LaunchDarkly lacks, or a version it
   * never made, names that entry; other refusals are LaunchDarkly's own.
   */
  private static RuntimeException explained(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync, LaunchDarklyException e) {
    if (e.kind() != ErrorKind.INVALID_REQUEST) {
      return e;
    }
    String project = sync.target().project();
    return Pinning.missingUnmanagedTool(sync.resource().getSpec().getTools(), project,
            key -> sync.client().getTool(project, key).map(LdAITool::version))
        .<RuntimeException>map(InvalidSpecException::new)
        .orElse(e);
  }

  /**
   * Get-variation does not show instructions and description back: they are compared with the text a listing
   * shows, else with what this resource last sent. A resource that only observes sent nothing, so it cannot
   * tell, and does not report them.
   */
  @Override
  protected Diff<LdVariationPatch> diff(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync, VariationHistory observed) {
    return diffShown(sent(sync), withListedText(sync, observed.latest()), sync.target().modelConfigKey(), sync.status(),
        ManagementPolicy.observes(sync.resource()));
  }

  /**
   * The diff of the spec as sent against the variation as LaunchDarkly shows it; instructions and description
   * equal to those shown are recorded as applied. A resource that only observes does not report them.
   */
  public static Diff<LdVariationPatch> diffShown(AIConfigVariationSpec sent, LdVariation shown, String modelConfigKey,
      AIConfigVariationStatus status, boolean observes) {
    UnshownText.recordShown(status, sent, shown);
    Diff<LdVariationPatch> diff = VariationMapping.diff(sent, shown, modelConfigKey, status);
    return observes
        ? new Diff<>(diff.fields().stream().filter(field -> !UnshownText.FIELDS.contains(field)).toList(), diff.change())
        : diff;
  }

  /**
   * A variation read alone shows no instructions or description; the project's latest listing shows them
   * when it lists the same version (as when an existing variation is taken over).
   */
  private LdVariation withListedText(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync, LdVariation read) {
    if (read.instructions() != null || read.description() != null) {
      return read;
    }
    Where where = sync.target();
    return support.poller().latest(sync.token(), where.project())
        .flatMap(listing -> listing.variation(where.configKey(), where.key()))
        .filter(listed -> Objects.equals(listed.version(), read.version()))
        .map(read::withTextOf)
        .orElse(read);
  }

  /**
   * Patches what differs. Instructions and description, which LaunchDarkly does not show back, are recorded
   * as a pending update first, so that a PATCH whose answer is lost is recognised by the version it made.
   */
  @Override
  protected Updated<VariationHistory> update(
      Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync, VariationHistory current, Diff<LdVariationPatch> diff) {
    AIConfigVariationStatus status = sync.status();
    AIConfigVariationSpec spec = sent(sync);
    Where where = sync.target();
    if (UnshownText.sentBy(diff.fields())) {
      UnshownText.recordPending(status, spec, diff.fields(), current.latest().version());
      sync.recordIntent(Reason.Updating, "Updating " + where.what());
    }
    LdVariation patched;
    try {
      patched = reads.patch(sync, diff.change(), current.latest().version());
    } catch (LaunchDarklyException e) {
      throw explained(sync, e);
    }
    status.setPendingUpdate(null);
    UnshownText.recordSent(status, spec, diff.fields());
    // Another version in between (an edit in LaunchDarkly since the listing or read): the history is read
    // again, and a read still showing the version before the PATCH is not taken for it.
    VariationHistory after = current.isFollowedBy(patched)
        ? current.after(patched)
        : VariationReads.readShowing(sync.client(), where, patched.version())
            .filter(read -> read.shows(patched.version()))
            .orElse(current.after(patched));
    return Updated.patched(after, "%s changed (version %d)".formatted(String.join(", ", diff.fields()), patched.version()));
  }

  /**
   * The variation as LaunchDarkly holds it; empty when it has none under the key. See
   * {@link VariationReads#observe}.
   */
  @Override
  protected Optional<VariationHistory> observe(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync) {
    return reads.observe(sync);
  }

  @Override
  protected Deletion delete(AIConfigVariation resource, Where recorded, LaunchDarklyClient client) {
    try {
      boolean existed = client.deleteVariation(recorded.project(), recorded.configKey(), recorded.key());
      return Deletion.done(existed
          ? "Deleted variation %s".formatted(recorded.key())
          : "Variation %s was already gone from LaunchDarkly".formatted(recorded.key()));
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.INVALID_REQUEST && isLastVariationRefusal(e)) {
        return Deletion.done("Variation %s is the last of AI Config %s; LaunchDarkly keeps it until the config is deleted"
            .formatted(recorded.key(), recorded.configKey()));
      }
      throw e;
    }
  }

  static boolean isLastVariationRefusal(LaunchDarklyException e) {
    return e.apiMessage() != null && e.apiMessage().toLowerCase(Locale.ROOT).contains("last variation");
  }

  /** Also when a snippet it follows is listed at another version than it pinned. */
  @Override
  public boolean outOfDate(AIConfigVariation resource, ProjectSnapshot snapshot) {
    AIConfigVariationStatus status = resource.getStatus();
    return snapshot.variationDiffers(status.getProjectKey(), status.getConfigKey(), status.getKey(), status.getVersion())
        || Pinning.followedSnippetMoved(resource, snapshot);
  }

  /** Also settles a pending update of instructions or description against the version LaunchDarkly shows. */
  @Override
  protected void fillStatus(AIConfigVariationStatus status, VariationHistory current) {
    LdVariation latest = current.latest();
    UnshownText.settlePending(status, latest);
    status.setKey(latest.key());
    status.setVariationId(latest.id());
    status.setVersion(latest.version());
    status.setTotalCount(current.totalCount());
    status.setVersions(current.history().stream().limit(VERSIONS_SHOWN).toList());
    status.setPublishedAt(Timestamps.fromEpochMillis(latest.publishedAt()));
    status.setArchivedAt(Timestamps.fromEpochMillis(latest.archivedAt()));
  }
}
