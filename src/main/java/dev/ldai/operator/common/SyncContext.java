package dev.ldai.operator.common;

import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.StatusComparison;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * One reconcile of one resource: the resource, the status being built, and the shared support. Also
 * holds the ownership rules every kind applies before it touches an existing LaunchDarkly object.
 */
public final class SyncContext<R extends CustomResource<? extends CommonSpec, S> & Namespaced, S extends CommonStatus> {

  private final R resource;
  private final S status;
  private final Context<R> context;
  private final ReconcileSupport support;
  private final SecretKeyReference credentials;
  private LaunchDarklyClient client;
  private R afterIntent;
  private ApiToken token;

  SyncContext(R resource, S status, Context<R> context, ReconcileSupport support, SecretKeyReference credentials) {
    this.resource = resource;
    this.status = status;
    this.context = context;
    this.support = support;
    this.credentials = credentials;
  }

  public R resource() {
    return resource;
  }

  public S status() {
    return status;
  }

  public Context<R> context() {
    return context;
  }

  public ReconcileSupport support() {
    return support;
  }

  /** The LaunchDarkly key: {@code spec.key}, else {@code metadata.name}; refused when it changed. */
  public String key() {
    String key = Keys.effectiveKey(resource, resource.getSpec());
    if (!Keys.isValid(key)) {
      throw new InvalidSpecException(
          "spec.key: \"%s\" must match %s".formatted(key, Keys.PATTERN));
    }
    if (status.getKey() != null && !status.getKey().equals(key)) {
      throw new InvalidSpecException(
          "spec.key: is immutable; this resource manages \"%s\", not \"%s\""
              .formatted(status.getKey(), key));
    }
    return key;
  }

  public LaunchDarklyClient client() {
    if (client == null) {
      token = support.tokenFor(resource, credentials);
      client = support.client(token);
    }
    return client;
  }

  /**
   * The client for {@code project}, whose drift the project poller then watches with the same token:
   * the resource is reconciled again when its LaunchDarkly object changes, not on a timer.
   */
  public LaunchDarklyClient client(String project) {
    LaunchDarklyClient projectClient = client();
    support.poller().watch(token, project);
    return projectClient;
  }

  /** True when this resource created the object, adopted it, or recorded its intent to create it. */
  public boolean owns(String key) {
    return key.equals(status.getKey());
  }

  /** Whether the spec allows taking over an object this resource did not create. */
  public boolean mayAdopt() {
    return resource.getSpec().getAdoptionPolicy() == AdoptionPolicy.Adopt;
  }

  /** True when a previous reconcile saw the object in LaunchDarkly (so its absence now is drift). */
  public boolean wasSynced() {
    return status.getLastSyncTime() != null;
  }

  /**
   * Records in the stored status, before the create call, that this resource is about to create
   * {@code key}: after a crash between the create and the final status write, the object found in
   * LaunchDarkly is then recognised as ours instead of being refused or created twice.
   */
  public void recordIntentToCreate(String key) {
    if (owns(key)) {
      return;
    }
    status.setKey(key);
    recordIntent(Outcome.reconciling(Reason.Creating, "Creating %s in LaunchDarkly".formatted(key)));
  }

  /**
   * Writes the status as it is now to the cluster, before a LaunchDarkly write whose effect could not be
   * recognised afterwards from LaunchDarkly alone.
   */
  public void recordIntent(Outcome inFlight) {
    Conditions.apply(status, inFlight, resource.getMetadata().getGeneration(), support.clock());
    resource.setStatus(StatusComparison.copy(status, (Class<S>) status.getClass()));
    if (afterIntent != null) {
      resource.getMetadata().setResourceVersion(afterIntent.getMetadata().getResourceVersion());
    }
    afterIntent = context.resourceOperations().jsonMergePatchPrimaryStatus(resource);
  }

  /** The resource as stored after {@link #recordIntentToCreate}, if this reconcile recorded an intent. */
  Optional<R> afterIntent() {
    return Optional.ofNullable(afterIntent);
  }
}
