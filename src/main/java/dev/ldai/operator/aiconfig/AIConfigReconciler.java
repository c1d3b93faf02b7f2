package dev.ldai.operator.aiconfig;

import dev.ldai.operator.common.Creates;
import dev.ldai.operator.common.Deletion;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LaunchDarklyReconciler;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.ReconcileTriggers;
import dev.ldai.operator.common.ShownInListing;
import dev.ldai.operator.common.Sync;
import dev.ldai.operator.common.Target;
import dev.ldai.operator.common.Updated;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.Timestamps;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reconciles AIConfig: create, patch only what differs, revert drift, delete or retain. */
@Singleton
@ControllerConfiguration(name = "aiconfig", finalizerName = Finalizers.NAME, generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = ReconcileTriggers.class))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class AIConfigReconciler
    extends LaunchDarklyReconciler<AIConfig, AIConfigStatus, AIConfigReconciler.Where, LdAIConfig, LdAIConfigPatch>
    implements Creates<AIConfig, AIConfigStatus, AIConfigReconciler.Where, LdAIConfig>, ShownInListing<AIConfig> {

  /** Keys that collide with fixed routes under {@code /ai-configs/}. */
  static final Set<String> RESERVED_KEYS = Set.of("model-configs", "quick-stats", "prompt-snippets");

  /** An AI Config in a project. */
  public record Where(String project, String key) implements Target {
    @Override
    public String what() {
      return "AI Config " + key;
    }

    @Override
    public String where() {
      return "project " + project;
    }
  }

  public AIConfigReconciler(ReconcileSupport support) {
    super(support);
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
  protected Where target(AIConfig resource, Context<AIConfig> context) {
    AIConfigSpec spec = resource.getSpec();
    String key = Keys.effectiveKey(resource, spec);
    if (RESERVED_KEYS.contains(key)) {
      throw new InvalidSpecException("spec.key: \"%s\" is reserved by LaunchDarkly's API; set another key".formatted(key));
    }
    if (spec.getMaintainerId() != null && spec.getMaintainerTeamKey() != null) {
      throw new InvalidSpecException("spec.maintainerId and spec.maintainerTeamKey: set at most one of them");
    }
    return new Where(spec.getProjectKey(), key);
  }

  @Override
  protected Optional<Where> recordedTarget(AIConfig resource) {
    return Optional.ofNullable(resource.getStatus()).map(AIConfigStatus::getKey)
        .map(key -> new Where(resource.getSpec().getProjectKey(), key));
  }

  @Override
  protected Optional<LdAIConfig> observe(Sync<AIConfig, AIConfigStatus, Where> sync) {
    Where where = sync.target();
    return sync.listing().map(listing -> listing.config(where.key()))
        .orElseGet(() -> sync.client().getConfig(where.project(), where.key()));
  }

  @Override
  public Listed listed(Sync<AIConfig, AIConfigStatus, Where> sync, ProjectSnapshot listing) {
    return listing.config(sync.target().key())
        .map(config -> carriesOwnerTag(sync, config) ? Listed.OWN : Listed.FOREIGN)
        .orElse(Listed.ABSENT);
  }

  @Override
  public boolean carriesOwnerTag(Sync<AIConfig, AIConfigStatus, Where> sync, LdAIConfig config) {
    return OwnerTag.carries(config.tags(), OwnerTag.of(sync.resource()));
  }

  @Override
  public LdAIConfig create(Sync<AIConfig, AIConfigStatus, Where> sync) {
    Where where = sync.target();
    return sync.client().createConfig(where.project(),
        AIConfigMapping.toPost(where.key(), sync.resource().getSpec(), OwnerTag.of(sync.resource())));
  }

  @Override
  protected Diff<LdAIConfigPatch> diff(Sync<AIConfig, AIConfigStatus, Where> sync, LdAIConfig observed) {
    AIConfigSpec spec = sync.resource().getSpec();
    requireSameMode(spec, observed);
    Optional<String> ownerTag = ManagementPolicy.observes(sync.resource()) ? Optional.empty() : Optional.of(OwnerTag.of(sync.resource()));
    return AIConfigMapping.patchFor(spec, observed, ownerTag);
  }

  /** LaunchDarkly cannot change a config's mode: a spec naming another one than the config has is refused. */
  public static void requireSameMode(AIConfigSpec spec, LdAIConfig observed) {
    if (spec.getMode() != null && observed.mode() != null && !spec.getMode().wireValue().equals(observed.mode())) {
      throw new InvalidSpecException(
          "spec.mode: is %s but the AI Config in LaunchDarkly is %s, and LaunchDarkly cannot change a mode"
              .formatted(spec.getMode().wireValue(), observed.mode()));
    }
  }

  @Override
  protected Updated<LdAIConfig> update(
      Sync<AIConfig, AIConfigStatus, Where> sync, LdAIConfig observed, Diff<LdAIConfigPatch> diff) {
    Where where = sync.target();
    LdAIConfig patched = sync.client().patchConfig(where.project(), where.key(), diff.change());
    return Updated.patched(patched, String.join(", ", diff.fields()) + " changed");
  }

  /**
   * Not while an agent graph uses the config (LaunchDarkly refuses): tried again until no graph does, as when
   * a graph and its configs are deleted together, or the resource is retained. A refusal after which no graph
   * uses the config is asked once more: the graph that caused it may have gone in between.
   */
  @Override
  protected Deletion delete(AIConfig resource, Where recorded, LaunchDarklyClient client) {
    boolean existed;
    try {
      existed = client.deleteConfig(recorded.project(), recorded.key());
    } catch (LaunchDarklyException e) {
      // Whether LaunchDarkly words this refusal as a 400 or a 409 is not documented: either is checked.
      if (e.kind() != ErrorKind.INVALID_REQUEST && e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      List<String> graphs =
          client.getConfig(recorded.project(), recorded.key()).map(LdAIConfig::agentGraphKeys).orElse(List.of());
      if (!graphs.isEmpty()) {
        return Deletion.refused(Reason.InUse, "AI Config %s is used by agent graph %s; it is deleted once no graph uses it (or set deletionPolicy: Retain)"
            .formatted(recorded.key(), String.join(", ", graphs)));
      }
      existed = client.deleteConfig(recorded.project(), recorded.key());
    }
    return Deletion.done(existed
        ? "Deleted AI Config %s".formatted(recorded.key())
        : "AI Config %s was already gone from LaunchDarkly".formatted(recorded.key()));
  }

  @Override
  protected void fillStatus(AIConfigStatus status, LdAIConfig config) {
    status.setKey(config.key());
    status.setVersion(config.version());
    status.setCreatedAt(Timestamps.fromEpochMillis(config.createdAt()));
    status.setUpdatedAt(Timestamps.fromEpochMillis(config.updatedAt()));
    status.setVariations(AIConfigMapping.variations(config));
  }

  /**
   * Also out of date when the listed variations differ from {@code status.variations}: that is how the
   * status follows variation changes, whether or not LaunchDarkly moves the config's version for them.
   */
  @Override
  public boolean outOfDate(AIConfig resource, ProjectSnapshot snapshot) {
    AIConfigStatus status = resource.getStatus();
    String project = resource.getSpec().getProjectKey();
    return snapshot.configDiffers(project, status.getKey(), status.getVersion())
        || (project.equals(snapshot.project()) && status.getKey() != null
            && snapshot.config(status.getKey())
                .filter(listed -> !AIConfigMapping.variations(listed).equals(
                    status.getVariations() == null ? List.of() : status.getVariations()))
                .isPresent());
  }
}
