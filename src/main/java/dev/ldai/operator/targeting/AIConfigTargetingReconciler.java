package dev.ldai.operator.targeting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.ParentConfig;
import dev.ldai.operator.common.Deletion;
import dev.ldai.operator.common.Dependency;
import dev.ldai.operator.common.DependencyNotReadyException;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LaunchDarklyReconciler;
import dev.ldai.operator.common.NotInLaunchDarklyException;
import dev.ldai.operator.common.ReadPeriodically;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.ReconcileTriggers;
import dev.ldai.operator.common.SecretKeyReference;
import dev.ldai.operator.common.Sync;
import dev.ldai.operator.common.Target;
import dev.ldai.operator.common.Updated;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdTargetingEnvironment;
import dev.ldai.operator.launchdarkly.api.LdTargetingPatch;
import dev.ldai.operator.variation.AIConfigVariation;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles AIConfigTargeting: what one environment of an AI Config serves. The targeting exists as soon
 * as the config does, so it is taken over, never created; a change is one semantic patch with only the
 * instructions that differ; deleting it (policy Delete) makes the environment serve its off variation.
 */
@Singleton
@ControllerConfiguration(name = "aiconfigtargeting", finalizerName = Finalizers.NAME,
    generationAwareEventProcessing = false, informer = @Informer(onUpdateFilter = ReconcileTriggers.class))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class AIConfigTargetingReconciler extends LaunchDarklyReconciler<AIConfigTargeting, AIConfigTargetingStatus,
    AIConfigTargetingReconciler.Where, AIConfigTargetingReconciler.Observed, List<ObjectNode>>
    implements ReadPeriodically<AIConfigTargeting> {

  static final Dependency<AIConfigTargeting, AIConfig> CONFIG =
      Dependency.on(AIConfig.class, targeting -> targeting.getSpec() == null ? null : targeting.getSpec().getConfigRef());
  /** Every variation of the config: one named by the spec may be on its way. */
  static final Dependency<AIConfigTargeting, AIConfigVariation> VARIATIONS = Dependency.onEachOf(AIConfigVariation.class,
      targeting -> targeting.getSpec() == null ? null : targeting.getSpec().getConfigRef(),
      variation -> variation.getSpec() == null || variation.getSpec().getConfigRef() == null
          ? null : variation.getSpec().getConfigRef().getName());

  /**
   * One environment of an AI Config; its key is the environment's. {@code comingVariations}: the keys of
   * the config's AIConfigVariations in this cluster, which LaunchDarkly may not list yet.
   */
  public record Where(String project, String configKey, String key, Set<String> comingVariations) implements Target {
    @Override
    public String what() {
      return "targeting of AI Config %s in environment %s".formatted(configKey, key);
    }

    @Override
    public String where() {
      return "project " + project;
    }
  }

  /** The config's targeting, and the environment's part of it. */
  public record Observed(LdTargeting targeting, LdTargetingEnvironment environment) {}

  /** Known for at most the longest {@link #readAgainAfter}; package-private for the forget test. */
  final TargetingReads reads = new TargetingReads(support.config().resyncInterval().multipliedBy(5).dividedBy(4));

  public AIConfigTargetingReconciler(ReconcileSupport support) {
    super(support);
    support.poller().beforeEachPoll(() -> reads.forgetExpired(support.clock().instant()));
  }

  @Override
  protected List<Dependency<AIConfigTargeting, ?>> dependencies() {
    return List.of(CONFIG, VARIATIONS);
  }

  @Override
  protected Class<AIConfigTargetingStatus> statusType() {
    return AIConfigTargetingStatus.class;
  }

  @Override
  protected String claim(AIConfigTargeting resource, Context<AIConfigTargeting> context) {
    return ParentConfig.claimed(resource, CONFIG, context) + "/targeting/" + resource.getSpec().getEnvironmentKey();
  }

  /** A targeting without credentials of its own uses its AIConfig's, as a variation does. */
  @Override
  protected SecretKeyReference credentialsOf(AIConfigTargeting resource, Context<AIConfigTargeting> context) {
    return ParentConfig.credentials(resource, CONFIG, context);
  }

  @Override
  protected Where target(AIConfigTargeting resource, Context<AIConfigTargeting> context) {
    ParentConfig parent = ParentConfig.ready(resource, CONFIG, context);
    Set<String> coming = VARIATIONS.group(resource, context).stream()
        .map(variation -> Keys.effectiveKey(variation, variation.getSpec())).collect(Collectors.toSet());
    return new Where(parent.projectKey(), parent.configKey(), resource.getSpec().getEnvironmentKey(), coming);
  }

  @Override
  protected Optional<Where> recordedTarget(AIConfigTargeting resource) {
    AIConfigTargetingStatus status = resource.getStatus();
    if (status == null || status.getProjectKey() == null || status.getConfigKey() == null) {
      return Optional.empty();
    }
    return Optional.of(new Where(status.getProjectKey(), status.getConfigKey(), resource.getSpec().getEnvironmentKey(), Set.of()));
  }

  @Override
  protected boolean recordTarget(AIConfigTargetingStatus status, Where where) {
    boolean moved = !Objects.equals(status.getProjectKey(), where.project())
        || !Objects.equals(status.getConfigKey(), where.configKey());
    status.setProjectKey(where.project());
    status.setConfigKey(where.configKey());
    return moved;
  }

  /**
   * The project listing does not show targeting: the config's targeting is read, unless a read or patch of
   * it by the resource of another environment began after this resource's last reconcile and lists every
   * variation of this cluster the spec names (one created since that call is what woke this resource).
   */
  @Override
  protected Optional<Observed> observe(Sync<AIConfigTargeting, AIConfigTargetingStatus, Where> sync) {
    Where where = sync.target();
    Set<String> awaited = TargetingMapping.namedVariations(sync.resource().getSpec()).keySet().stream()
        .filter(where.comingVariations()::contains).collect(Collectors.toSet());
    LdTargeting targeting = reads.since(config(sync), sync.lastAttempt(), support.clock().instant(),
            known -> TargetingMapping.variationKeys(known).containsAll(awaited),
            () -> sync.client().getTargeting(where.project(), where.configKey()))
        .orElseThrow(() -> new NotInLaunchDarklyException(
            "AI Config %s/%s does not exist in LaunchDarkly".formatted(where.project(), where.configKey())));
    return Optional.of(new Observed(targeting, environmentOf(targeting, where.project(), where.key())));
  }

  /** The environment's part of the config's targeting; a key the project has no environment for is refused. */
  public static LdTargetingEnvironment environmentOf(LdTargeting targeting, String project, String environmentKey) {
    return targeting.environment(environmentKey).orElseThrow(() -> new InvalidSpecException(
        "spec.environmentKey: project %s has no environment \"%s\"".formatted(project, environmentKey)));
  }

  /** A variation the spec names ({@code field}) that the config does not have, nor will. */
  public static InvalidSpecException unknownVariation(String field, String configKey, String variationKey) {
    return new InvalidSpecException("%s: AI Config %s has no variation \"%s\"".formatted(field, configKey, variationKey));
  }

  /**
   * The instructions that differ. A variation the spec names must be one LaunchDarkly lists for the
   * config; one an AIConfigVariation of this cluster has yet to create is waited for.
   */
  @Override
  protected Diff<List<ObjectNode>> diff(
      Sync<AIConfigTargeting, AIConfigTargetingStatus, Where> sync, Observed observed) {
    var listed = TargetingMapping.variationKeys(observed.targeting());
    for (Map.Entry<String, String> named : TargetingMapping.namedVariations(sync.resource().getSpec()).entrySet()) {
      if (!listed.contains(named.getKey())) {
        throw missing(sync, named.getKey(), named.getValue());
      }
    }
    return TargetingMapping.diff(sync.resource().getSpec(), observed.targeting(), observed.environment());
  }

  private RuntimeException missing(Sync<AIConfigTargeting, AIConfigTargetingStatus, Where> sync, String key, String field) {
    return sync.target().comingVariations().contains(key)
        ? new DependencyNotReadyException("Waiting for variation %s of AI Config %s to be created".formatted(key, sync.target().configKey()))
        : unknownVariation(field, sync.target().configKey(), key);
  }

  @Override
  protected Updated<Observed> update(
      Sync<AIConfigTargeting, AIConfigTargetingStatus, Where> sync, Observed observed, Diff<List<ObjectNode>> diff) {
    Where where = sync.target();
    Instant began = support.clock().instant();
    LdTargeting patched = sync.client().patchTargeting(where.project(), where.configKey(),
        new LdTargetingPatch(where.key(), diff.change(), comment(sync.resource())));
    reads.remember(config(sync), began, patched);
    LdTargetingEnvironment environment = patched.environment(where.key()).orElse(observed.environment());
    return Updated.patched(new Observed(patched, environment),
        "%s changed (version %s)".formatted(String.join(", ", diff.fields()), environment.version()));
  }

  /** With policy Delete: the environment serves its off variation again, as before any targeting. */
  @Override
  protected Deletion delete(AIConfigTargeting resource, Where recorded, LaunchDarklyClient client) {
    Optional<LdTargeting> targeting = client.getTargeting(recorded.project(), recorded.configKey());
    Optional<LdTargetingEnvironment> current = targeting.flatMap(t -> t.environment(recorded.key()));
    if (current.isEmpty()) {
      return Deletion.done("AI Config %s or its environment %s is already gone".formatted(recorded.configKey(), recorded.key()));
    }
    var instructions = TargetingMapping.serveOffVariation(targeting.get(), current.get());
    if (!instructions.isEmpty()) {
      client.patchTargeting(recorded.project(), recorded.configKey(),
          new LdTargetingPatch(recorded.key(), instructions, comment(resource)));
    }
    return Deletion.done("Environment %s of AI Config %s serves its off variation".formatted(recorded.key(), recorded.configKey()));
  }

  private static TargetingReads.Config config(Sync<AIConfigTargeting, AIConfigTargetingStatus, Where> sync) {
    return new TargetingReads.Config(sync.token(), sync.target().project(), sync.target().configKey());
  }

  private static String comment(AIConfigTargeting resource) {
    return "ldai-operator: AIConfigTargeting %s/%s".formatted(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }

  @Override
  protected void fillStatus(AIConfigTargetingStatus status, Observed observed) {
    LdTargetingEnvironment environment = observed.environment();
    status.setVersion(environment.version());
    status.setServedVariation(TargetingMapping.servedVariation(observed.targeting(), environment));
    status.setEnabled(environment.enabled());
    status.setEnvironmentName(environment.environmentName());
  }

  /**
   * Neither the project listing nor another cheap read shows targeting, so each targeting is read once per
   * resync interval, each at its own point of the interval (a quarter of it, by uid), not all at once.
   */
  @Override
  public Duration readAgainAfter(AIConfigTargeting resource) {
    Duration interval = support.config().resyncInterval();
    long spread = Math.max(1, interval.toMillis() / 4);
    return interval.plusMillis(Math.floorMod(resource.getMetadata().getUid().hashCode(), spread));
  }
}
