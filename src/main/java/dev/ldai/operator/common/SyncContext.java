package dev.ldai.operator.common;

import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.StatusComparison;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

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
  private final Instant lastAttempt;
  private LaunchDarklyClient client;
  private R afterIntent;
  private ApiToken token;

  /**
   * @param lastAttempt when this process last finished reconciling the resource, or null if it never did
   */
  SyncContext(R resource, S status, Context<R> context, ReconcileSupport support, SecretKeyReference credentials,
      Instant lastAttempt) {
    this.resource = resource;
    this.status = status;
    this.context = context;
    this.support = support;
    this.credentials = credentials;
    this.lastAttempt = lastAttempt;
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

  /**
   * The latest listing of the project, when it can stand in for reading this resource's object: it began
   * after this process last reconciled the resource, so it shows every write made for it (including one
   * whose answer was lost) and anything changed in LaunchDarkly since. Empty: read LaunchDarkly instead —
   * always so for the first reconcile in this process, since a listing may predate what was done before.
   */
  public Optional<ProjectSnapshot> listing(String project) {
    client(project);
    return support.poller().latest(token, project)
        .filter(snapshot -> lastAttempt != null && snapshot.takenAt().isAfter(lastAttempt));
  }

  /**
   * True when LaunchDarkly can have nothing new for this resource: it is Ready at its generation without a
   * pending error, and no listing of the project began since this process last reconciled it (or, on the
   * first reconcile after a start, none was made yet). Such a reconcile was woken by a referent's event that
   * changes nothing for it, by a periodic reconcile, or by the start itself; changes made in LaunchDarkly
   * reach it through the next listing.
   */
  public boolean unchangedSinceLastAttempt(String project) {
    client(project);
    S stored = resource.getStatus();
    if (stored == null || stored.getError() != null || !stored.isReadyAt(resource.getMetadata().getGeneration())) {
      return false;
    }
    Optional<ProjectSnapshot> latest = support.poller().latest(token, project);
    return lastAttempt == null
        ? latest.isEmpty()
        : latest.filter(snapshot -> snapshot.takenAt().isAfter(lastAttempt)).isEmpty();
  }

  /**
   * Creates the object of a resource that never claimed its key, without reading first: LaunchDarkly's
   * answer tells whether the key was free. The intent is recorded before the call (see
   * {@link #recordIntentToCreate}); when the key is taken the claim is withdrawn and the result is empty, so
   * that the existing object is read and judged by the adoption policy, never deleted with this resource.
   */
  public <T> Optional<T> createClaimingKey(String key, Supplier<T> create) {
    recordIntentToCreate(key);
    try {
      return Optional.of(create.get());
    } catch (LaunchDarklyException e) {
      if (e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      status.setKey(null);
      return Optional.empty();
    }
  }

  /**
   * Reads the object whose key a create found taken. LaunchDarkly is asked, not the listing, which may
   * predate the object; if it is gone again by now, the reconcile is retried like any passing failure.
   */
  public <T> T readTaken(String what, Supplier<Optional<T>> read) {
    return read.get().orElseThrow(() -> new LaunchDarklyException(409, "conflict",
        what + " was reported to exist, then not found; trying again", ErrorKind.TRANSIENT));
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
