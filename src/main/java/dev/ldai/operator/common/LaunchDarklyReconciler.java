package dev.ldai.operator.common;

import dev.ldai.operator.drift.LaunchDarklyChanges;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.CredentialsException;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.ratelimit.ThrottledException;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.LaunchDarklyErrorStatus;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.StatusComparison;
import dev.ldai.operator.status.Timestamps;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The managed-resource contract. A kind supplies where its object lives ({@link #target}), four verbs
 * ({@link #observe}, {@link #create}, {@link #update}, {@link #delete}) and two pure functions
 * ({@link #diff}, {@link #fillStatus}); this class owns the order, once for every kind: management
 * policies, claims and conflicts, referents, credentials, observe, then create (recording the intent
 * first), adopt or update, the Events, errors as conditions, retries, and the one status write.
 *
 * <p>Errors that may pass (5xx, I/O, rate limits) are retried by rescheduling the resource: after the wait
 * LaunchDarkly advised, else with exponential backoff and jitter, without a limit on attempts. The retry
 * observes LaunchDarkly again before acting, so a write whose answer was lost is not blindly repeated.
 *
 * @param <R> the resource
 * @param <S> its status
 * @param <T> where its object lives
 * @param <O> the object as LaunchDarkly answers it
 * @param <P> what an update sends
 */
public abstract class LaunchDarklyReconciler<
        R extends CustomResource<? extends ManagedSpec, S> & Namespaced,
        S extends CommonStatus,
        T extends Target,
        O,
        P>
    implements Reconciler<R>, Cleaner<R> {

  private static final Logger LOG = Logger.getLogger(LaunchDarklyReconciler.class);

  protected final ReconcileSupport support;
  /** When this process last finished reconciling each resource (by uid); older listings do not concern it. */
  private final Map<String, Instant> lastAttempts = new ConcurrentHashMap<>();
  /** Resources (by uid) whose cleanup this process began and has not finished. */
  private final Set<String> cleanupsStarted = ConcurrentHashMap.newKeySet();

  protected LaunchDarklyReconciler(ReconcileSupport support) {
    this.support = support;
  }

  // ---- The kind's part ----

  protected abstract Class<S> statusType();

  /** What identifies the LaunchDarkly object, e.g. {@code project/key}; two resources must not share it. */
  protected abstract String claim(R resource, Context<R> context);

  /**
   * Where the object lives, from the spec and the referents; throws {@link DependencyNotReadyException}
   * while a referent is not Ready and {@link InvalidSpecException} for a spec LaunchDarkly cannot take.
   */
  protected abstract T target(R resource, Context<R> context);

  /** The object as LaunchDarkly holds it ({@link Sync#listing()} when it can stand in); empty when absent. */
  protected abstract Optional<O> observe(Sync<R, S, T> sync);

  /** Creates the object; LaunchDarkly's ALREADY_EXISTS propagates. */
  protected abstract O create(Sync<R, S, T> sync);

  /** Where the object differs from the spec; may throw {@link StalledException} for what cannot change. */
  protected abstract Diff<P> diff(Sync<R, S, T> sync, O observed);

  /** Brings the object to the spec. */
  protected abstract Updated<O> update(Sync<R, S, T> sync, O observed, Diff<P> diff);

  /**
   * Deletes the object in LaunchDarkly.
   *
   * @return a message for the Event, or empty when LaunchDarkly refuses for now and the finalizer must stay
   */
  protected abstract Optional<String> delete(R resource, LaunchDarklyClient client);

  /** Writes what LaunchDarkly answered into the status. */
  protected abstract void fillStatus(S status, O observed);

  /** Whether LaunchDarkly now lists another version of this resource's object than it last saw, or none. */
  protected abstract boolean outOfDate(R resource, ProjectSnapshot snapshot);

  /** The Secret reference whose token the resource uses; null for the namespace default. */
  protected SecretKeyReference credentialsOf(R resource, Context<R> context) {
    return resource.getSpec().getCredentialsSecretRef();
  }

  /** Records in the status where the object lives; true when that changed since the last reconcile. */
  protected boolean recordTarget(S status, T target) {
    return false;
  }

  /**
   * For a kind whose object the project listing does not show (an environment's targeting): how long after
   * a reconcile found it in sync it is read again, to find changes made in LaunchDarkly. Empty (the
   * default): the listing shows the object, and a resource is read only when the listing shows a change.
   */
  protected Optional<Duration> readAgainAfter(R resource) {
    return Optional.empty();
  }

  /**
   * False for a kind whose object exists as soon as its parent does (an environment's targeting): it is
   * taken over on the first reconcile, never created, and adoption does not apply.
   */
  protected boolean createsItsObject() {
    return true;
  }

  /** Records in the status, before the create intent is written, what LaunchDarkly will not show back. */
  protected void beforeCreate(Sync<R, S, T> sync) {}

  /** Referents whose readiness wakes this kind's resources; see {@link Dependency}. */
  protected List<Dependency<R, ?>> dependencies() {
    return List.of();
  }

  // ---- Event sources ----

  /**
   * Labelled credentials Secrets, the project poller's news about LaunchDarkly, and the kind's referents.
   */
  @Override
  public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
    support.addLiveResources(context.getPrimaryResourceClass(),
        () -> context.getPrimaryCache().list().map(resource -> resource.getMetadata().getUid()));
    List<EventSource<?, R>> sources = new ArrayList<>();
    sources.add(credentialSecrets(context));
    sources.add(new LaunchDarklyChanges<>(support.poller(), snapshot ->
        context.getPrimaryCache().list()
            .filter(resource -> concernedBy(resource, snapshot))
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet())));
    dependencies().forEach(dependency -> sources.add(dependency.eventSource(context)));
    return sources;
  }

  /**
   * Whether a listing is news for the resource: it was synced, the listing began after its last reconcile,
   * and it lists another version of its object than the resource last saw, or none.
   *
   * <p>It is also news, whatever it lists, for a resource whose deletion or spec change this process has
   * not acted on, should the operator SDK have dropped its event: a deletion until its cleanup started, a
   * spec change until a status reports its generation. (A status write whose answer shows such a change
   * reschedules the resource at once; this is the net under that.)
   */
  boolean concernedBy(R resource, ProjectSnapshot snapshot) {
    if (resource.getMetadata().getDeletionTimestamp() != null) {
      return !cleanupsStarted.contains(resource.getMetadata().getUid());
    }
    if (resource.getSpec() == null || resource.getStatus() == null || ManagementPolicy.isPaused(resource)) {
      return false;
    }
    Long generation = resource.getMetadata().getGeneration();
    Long observed = resource.getStatus().getObservedGeneration();
    if (generation != null && observed != null && observed < generation) {
      return true;
    }
    Instant last = lastAttempts.get(resource.getMetadata().getUid());
    return (last == null || snapshot.takenAt().isAfter(last)) && outOfDate(resource, snapshot);
  }

  /** Remembers when this process last finished reconciling the resource. */
  void recordAttempt(R resource, Instant finishedAt) {
    lastAttempts.put(resource.getMetadata().getUid(), finishedAt);
  }

  /** A labelled credentials Secret that changes ends the tokens remembered for its namespace, and wakes the refused. */
  private InformerEventSource<Secret, R> credentialSecrets(EventSourceContext<R> context) {
    RefusedInNamespace<R> refused = new RefusedInNamespace<>(namespace -> context.getPrimaryCache().list(namespace));
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, context.getPrimaryResourceClass())
            .withName("credential-secrets")
            .withLabelSelector(RefusedInNamespace.CREDENTIALS_LABEL)
            .withSecondaryToPrimaryMapper(secret -> {
              support.credentialsChanged(secret.getMetadata().getNamespace());
              return refused.toPrimaryResourceIDs(secret);
            })
            .build(),
        context);
  }

  // ---- Reconcile: the order ----

  @Override
  public UpdateControl<R> reconcile(R resource, Context<R> context) {
    S next = nextStatus(resource);
    StatusWriter<R, S> writer = new StatusWriter<>(resource, context);
    Attempt attempt = attempt(resource, context, next, writer);
    recordAttempt(resource, support.clock().instant());
    if (attempt.retryIn().isEmpty()) {
      support.backoff().succeeded(resource.getMetadata().getUid());
    } else {
      LOG.debugf("%s %s/%s: %s; retrying in %d ms", resource.getKind(), resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(), attempt.outcome().message(), attempt.retryIn().get().toMillis());
    }
    return finish(resource, next, writer, attempt);
  }

  /** An outcome, and when to try again if LaunchDarkly asked for patience. */
  private record Attempt(Outcome outcome, Optional<Duration> retryIn) {
    static Attempt of(Outcome outcome) {
      return new Attempt(outcome, Optional.empty());
    }

    static Attempt retry(Outcome outcome, Duration in) {
      return new Attempt(outcome, Optional.of(in));
    }
  }

  private Attempt attempt(R resource, Context<R> context, S next, StatusWriter<R, S> writer) {
    String id = resource.getMetadata().getUid();
    try {
      return Attempt.of(outcomeOf(resource, context, next, writer));
    } catch (ThrottledException e) {
      return Attempt.retry(Outcome.reconciling(Reason.RateLimited, e.getMessage()),
          support.backoff().advised(id, e.retryAfter()));
    } catch (LaunchDarklyException e) {
      next.setError(errorStatus(e));
      if (e.kind() == ErrorKind.UNAUTHORIZED) {
        support.credentialsChanged(resource.getMetadata().getNamespace());
      }
      if (!isRetryable(e)) {
        return Attempt.of(terminalOutcome(e));
      }
      if (e.kind() == ErrorKind.RATE_LIMITED) {
        Duration wait = e.retryAfter().map(d -> support.backoff().advised(id, d))
            .orElseGet(() -> support.backoff().nextDelay(id));
        return Attempt.retry(Outcome.reconciling(Reason.RateLimited, e.getMessage()), wait);
      }
      return Attempt.retry(Outcome.reconciling(Reason.LaunchDarklyUnavailable, e.getMessage()),
          support.backoff().nextDelay(id));
    }
  }

  private Outcome outcomeOf(R resource, Context<R> context, S next, StatusWriter<R, S> writer) {
    if (resource.getSpec() == null) {
      return Outcome.stalled(Reason.InvalidSpec, "spec is required");
    }
    if (ManagementPolicy.isPaused(resource)) {
      return Outcome.paused("Reconcile paused by the annotation %s: %s; no LaunchDarkly calls until it is removed"
          .formatted(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED));
    }
    Optional<R> older = olderClaimant(resource, context);
    if (older.isPresent()) {
      return Outcome.stalled(Reason.Conflict, "%s %s/%s %s %s".formatted(resource.getKind(),
          older.get().getMetadata().getNamespace(), older.get().getMetadata().getName(),
          manages(older.get()) ? "already manages" : "claims", claim(resource, context)));
    }
    try {
      return sync(resource, context, next, writer);
    } catch (DependencyNotReadyException e) {
      return Outcome.reconciling(Reason.DependencyNotReady, e.getMessage());
    } catch (NotInLaunchDarklyException e) {
      return Outcome.reconciling(Reason.NotFound, e.getMessage());
    } catch (StalledException e) {
      return Outcome.stalled(e.reason(), e.getMessage());
    } catch (CredentialsException e) {
      return Outcome.stalled(Reason.Unauthorized, e.getMessage());
    }
  }

  private Outcome sync(R resource, Context<R> context, S next, StatusWriter<R, S> writer) {
    T target = target(resource, context);
    checkKey(target.key(), next);
    boolean targetMoved = recordTarget(next, target);
    ApiToken token = support.tokenFor(resource, credentialsOf(resource, context));
    support.poller().watch(token, target.project(), resource.getMetadata().getUid());
    Optional<ProjectSnapshot> latest = support.poller().latest(token, target.project());
    Instant last = lastAttempts.get(resource.getMetadata().getUid());
    boolean owns = target.key().equals(next.getKey());
    boolean listed = readAgainAfter(resource).isEmpty();
    if (owns && !targetMoved && listed && nothingNewSince(resource, latest, last)) {
      return ready(resource, target, next);
    }
    Sync<R, S, T> sync = new Sync<>(resource, next, target, token, support.client(token), last,
        latest.filter(snapshot -> listed && last != null && snapshot.takenAt().isAfter(last)),
        (reason, message) -> writer.write(intent(resource, next, reason, message)));
    if (ManagementPolicy.observes(resource)) {
      return observeOnly(owns ? sync : sync.reading());
    }
    next.setDrift(null);
    if (owns) {
      Optional<O> observed = observe(sync);
      return observed.isPresent() ? converge(sync, observed.get()) : created(sync, recreate(sync));
    }
    if (!createsItsObject()) {
      return takeOver(sync.reading());
    }
    Optional<O> created = claimByCreating(sync);
    return created.isPresent() ? created(sync, created.get()) : adopt(sync);
  }

  /**
   * True when LaunchDarkly can have nothing new for the resource: it is Ready at its generation without a
   * pending error, and no listing of the project began since this process last reconciled it (or, on the
   * first reconcile after a start, none was made yet). Such a reconcile was woken by a referent's event that
   * changes nothing for it, by a periodic reconcile, or by the start itself; changes made in LaunchDarkly
   * reach it through the next listing.
   */
  private static boolean nothingNewSince(CustomResource<?, ? extends CommonStatus> resource,
      Optional<ProjectSnapshot> latest, Instant last) {
    CommonStatus stored = resource.getStatus();
    if (stored == null || stored.getError() != null || !stored.isReadyAt(resource.getMetadata().getGeneration())) {
      return false;
    }
    return last == null ? latest.isEmpty() : latest.filter(snapshot -> snapshot.takenAt().isAfter(last)).isEmpty();
  }

  /** The key must be valid, and the one this resource already manages. */
  private static void checkKey(String key, CommonStatus status) {
    if (!Keys.isValid(key)) {
      throw new InvalidSpecException("spec.key: \"%s\" must match %s".formatted(key, Keys.PATTERN));
    }
    if (status.getKey() != null && !status.getKey().equals(key)) {
      throw new InvalidSpecException("spec.key: is immutable; this resource manages \"%s\", not \"%s\""
          .formatted(status.getKey(), key));
    }
  }

  /**
   * Creates the object of a resource that never claimed its key, without reading first: LaunchDarkly's
   * answer tells whether the key was free. The intent is recorded before the call, so that after a crash
   * between the create and the status write the object is recognised as this resource's; when the key is
   * taken the claim is withdrawn and the result is empty.
   */
  private Optional<O> claimByCreating(Sync<R, S, T> sync) {
    S before = StatusComparison.copy(sync.status(), statusType());
    beforeCreate(sync);
    sync.status().setKey(sync.target().key());
    sync.recordIntent(Reason.Creating, "Creating %s in LaunchDarkly".formatted(sync.target().what()));
    try {
      return Optional.of(create(sync));
    } catch (LaunchDarklyException e) {
      if (e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      StatusComparison.overwrite(sync.status(), before);
      return Optional.empty();
    }
  }

  /** A create for a resource that owns the key: a re-creation, or a retry of a create whose answer was lost. */
  private O recreate(Sync<R, S, T> sync) {
    beforeCreate(sync);
    try {
      return create(sync);
    } catch (LaunchDarklyException e) {
      if (e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      return observe(sync.reading()).orElseThrow(() -> e);
    }
  }

  /**
   * Takes over the object whose key a create found taken, if the spec allows. LaunchDarkly is asked, not
   * the listing, which may predate the object; if it is gone again, the reconcile is retried.
   */
  private Outcome adopt(Sync<R, S, T> sync) {
    T target = sync.target();
    O taken = observe(sync.reading()).orElseThrow(() -> new LaunchDarklyException(409, "conflict",
        target.what() + " was reported to exist, then not found; trying again", ErrorKind.TRANSIENT));
    if (!(sync.resource().getSpec() instanceof CommonSpec keyed) || keyed.getAdoptionPolicy() != AdoptionPolicy.Adopt) {
      return Outcome.stalled(Reason.AlreadyExists,
          "%s already exists in %s; set spec.adoptionPolicy: Adopt to manage it".formatted(target.what(), target.where()));
    }
    sync.status().setKey(target.key());
    support.events().normal(sync.resource(), "Adopted", "Adopt", "Adopted existing " + target.what());
    return converge(sync, taken);
  }

  private Outcome takeOver(Sync<R, S, T> sync) {
    O observed = observe(sync).orElseThrow(() -> new StalledException(Reason.NotFound,
        "%s does not exist in %s".formatted(sync.target().what(), sync.target().where())));
    sync.status().setKey(sync.target().key());
    return converge(sync, observed);
  }

  /** After a create: what the create did not take is updated at once, without an Event of its own. */
  private Outcome created(Sync<R, S, T> sync, O created) {
    fillStatus(sync.status(), created);
    Diff<P> rest = diff(sync, created);
    if (!rest.isEmpty()) {
      fillStatus(sync.status(), update(sync, created, rest).object());
    }
    String what = sync.target().what();
    if (sync.status().getLastSyncTime() != null) {
      support.events().driftCorrected(sync.resource(), "Create", "%s was deleted in LaunchDarkly; recreated it".formatted(what));
    } else {
      support.events().normal(sync.resource(), "Created", "Create", "Created %s in %s".formatted(what, sync.target().where()));
    }
    return ready(sync.resource(), sync.target(), sync.status());
  }

  private Outcome converge(Sync<R, S, T> sync, O observed) {
    fillStatus(sync.status(), observed);
    Diff<P> diff = diff(sync, observed);
    if (diff.isEmpty()) {
      return ready(sync.resource(), sync.target(), sync.status());
    }
    Updated<O> updated = update(sync, observed, diff);
    fillStatus(sync.status(), updated.object());
    String action = updated.replaced() ? "Replace" : "Update";
    String message = "%s %s: %s".formatted(updated.replaced() ? "Replaced" : "Updated", sync.target().what(), updated.change());
    if (isDriftOnly(sync.resource(), sync.status())) {
      support.events().driftCorrected(sync.resource(), action, "Reverted changes made in LaunchDarkly. " + message);
    } else {
      support.events().normal(sync.resource(), updated.replaced() ? "Replaced" : "Updated", action, message);
    }
    return ready(sync.resource(), sync.target(), sync.status());
  }

  /**
   * Management policy Observe: mirror the object into the status, report where it differs from the spec,
   * write nothing to LaunchDarkly.
   */
  private Outcome observeOnly(Sync<R, S, T> sync) {
    T target = sync.target();
    Optional<O> observed = observe(sync);
    if (observed.isEmpty()) {
      return Outcome.reconciling(Reason.NotFound, "%s does not exist in %s; managementPolicy Observe does not create it"
          .formatted(target.what(), target.where()));
    }
    sync.status().setKey(target.key());
    fillStatus(sync.status(), observed.get());
    List<String> drift = diff(sync, observed.get()).fields();
    List<String> reported = sync.resource().getStatus() == null ? null : sync.resource().getStatus().getDrift();
    sync.status().setDrift(drift.isEmpty() ? null : drift);
    if (!drift.isEmpty() && !drift.equals(reported)) {
      support.events().warning(sync.resource(), "DriftDetected", "Observe",
          "%s differs from the spec in %s; managementPolicy Observe leaves it".formatted(target.what(), String.join(", ", drift)));
    }
    return ready(sync.resource(), target, sync.status());
  }

  private static Outcome ready(CustomResource<? extends ManagedSpec, ?> resource, Target target, CommonStatus status) {
    if (!ManagementPolicy.observes(resource)) {
      return Outcome.ready("%s is in sync".formatted(target.what()));
    }
    return status.getDrift() == null
        ? Outcome.ready("%s exists and matches the spec (managementPolicy Observe)".formatted(target.what()))
        : Outcome.ready("%s exists; differs from the spec in %s (managementPolicy Observe: not reverted)"
            .formatted(target.what(), String.join(", ", status.getDrift())));
  }

  /** The resource's spec did not change since the status was last written: LaunchDarkly did. */
  private static boolean isDriftOnly(CustomResource<?, ?> resource, CommonStatus status) {
    return Objects.equals(resource.getMetadata().getGeneration(), status.getObservedGeneration());
  }

  private S intent(R resource, S next, Reason reason, String message) {
    Conditions.apply(next, Outcome.reconciling(reason, message), resource.getMetadata().getGeneration(), support.clock());
    return next;
  }

  private UpdateControl<R> finish(R resource, S status, StatusWriter<R, S> writer, Attempt attempt) {
    Outcome outcome = attempt.outcome();
    Long generation = resource.getMetadata().getGeneration();
    if (outcome.isReady()) {
      status.setError(null);
      status.setLastSyncTime(Timestamps.now(support.clock()));
    }
    // A passing failure of a drift check does not make a synced resource unready: LaunchDarkly still
    // holds what the spec says as far as anyone knows. The error is reported; the conditions stay.
    boolean keepConditions = attempt.retryIn().isPresent() && generation != null && resource.getStatus() != null
        && resource.getStatus().isReadyAt(generation);
    if (!keepConditions) {
      status.setObservedGeneration(generation);
      Conditions.apply(status, outcome, generation, support.clock());
    }
    // Recorded once, when the resource becomes Stalled for this reason.
    if (outcome.state() == Outcome.State.STALLED
        && (resource.getStatus() == null || !resource.getStatus().isStalledFor(outcome.reason()))) {
      support.events().warning(resource, outcome.reason().name(), "Reconcile", outcome.message());
    }
    R stored = StatusComparison.differsBeyondTimestamps(writer.stored().getStatus(), status) ? writer.write(status) : writer.stored();
    UpdateControl<R> control = UpdateControl.noUpdate();
    if (changedSince(resource, stored)) {
      // The write's answer shows a spec change or a deletion whose own event the operator SDK drops.
      return control.rescheduleAfter(0);
    }
    attempt.retryIn().or(() -> nextCheck(resource, outcome)).ifPresent(control::rescheduleAfter);
    return control;
  }

  private static boolean changedSince(CustomResource<?, ?> reconciled, CustomResource<?, ?> stored) {
    Long before = reconciled.getMetadata().getGeneration();
    Long after = stored.getMetadata().getGeneration();
    return (before != null && after != null && after > before)
        || (reconciled.getMetadata().getDeletionTimestamp() == null && stored.getMetadata().getDeletionTimestamp() != null);
  }

  /**
   * When to look at LaunchDarkly again without an event. A spec change re-triggers what waits on the
   * spec; a dependency's own events re-trigger what waits on it; removing the pause annotation re-triggers
   * a paused resource.
   */
  private Optional<Duration> nextCheck(R resource, Outcome outcome) {
    return switch (outcome.reason()) {
      // In sync: the project poller's news brings the resource back if LaunchDarkly changes.
      case Synced -> readAgainAfter(resource);
      case InvalidSpec, Conflict, DependencyNotReady, Paused -> Optional.empty();
      case Unauthorized -> Optional.of(support.config().unauthorizedRetryInterval());
      default -> Optional.of(support.config().resyncInterval());
    };
  }

  // ---- Cleanup ----

  @Override
  public DeleteControl cleanup(R resource, Context<R> context) {
    String uid = resource.getMetadata().getUid();
    recordCleanupStarted(resource);
    lastAttempts.remove(uid);
    DeleteControl control = deleteOrRelease(resource, context);
    if (control.isRemoveFinalizer()) {
      cleanupsStarted.remove(uid);
      support.forget(uid);
    }
    return control;
  }

  /** Remembers that this process began deleting the resource (see {@link #concernedBy}). */
  void recordCleanupStarted(R resource) {
    cleanupsStarted.add(resource.getMetadata().getUid());
  }

  private DeleteControl deleteOrRelease(R resource, Context<R> context) {
    if (resource.getSpec() == null) {
      return DeleteControl.defaultDelete();
    }
    String claim = claim(resource, context);
    if (ManagementPolicy.isPaused(resource)) {
      support.events().normal(resource, "Released", "Delete",
          "Reconcile paused: %s left in LaunchDarkly untouched".formatted(claim));
      return DeleteControl.defaultDelete();
    }
    if (ManagementPolicy.observes(resource)) {
      support.events().normal(resource, "Released", "Delete",
          "Management policy Observe: %s left in LaunchDarkly".formatted(claim));
      return DeleteControl.defaultDelete();
    }
    if (support.deletionPolicy(resource.getSpec()) == DeletionPolicy.Retain) {
      support.events().normal(resource, "Retained", "Delete",
          "Deletion policy Retain: %s left in LaunchDarkly".formatted(claim));
      return DeleteControl.defaultDelete();
    }
    if (resource.getStatus() == null || resource.getStatus().getKey() == null) {
      return DeleteControl.defaultDelete();
    }
    if (olderClaimant(resource, context).isPresent()) {
      // The LaunchDarkly object belongs to the older claimant; deleting it here would break that one.
      return DeleteControl.defaultDelete();
    }
    return deleteInLaunchDarkly(resource, context, claim);
  }

  private DeleteControl deleteInLaunchDarkly(R resource, Context<R> context, String claim) {
    String id = resource.getMetadata().getUid();
    try {
      LaunchDarklyClient client = support.clientFor(resource, credentialsOf(resource, context));
      Optional<String> deleted = delete(resource, client);
      if (deleted.isEmpty()) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(support.config().resyncInterval());
      }
      support.backoff().succeeded(id);
      support.events().normal(resource, "Deleted", "Delete", deleted.get());
      return DeleteControl.defaultDelete();
    } catch (CredentialsException e) {
      return release(resource, claim, e.getMessage());
    } catch (ThrottledException e) {
      LOG.debugf("Deleting %s in LaunchDarkly deferred: %s", claim, e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(support.backoff().advised(id, e.retryAfter()));
    } catch (LaunchDarklyException e) {
      if (!isRetryable(e)) {
        return release(resource, claim, e.getMessage());
      }
      LOG.debugf("Deleting %s in LaunchDarkly failed, will retry: %s", claim, e.getMessage());
      Duration wait = e.retryAfter().map(d -> support.backoff().advised(id, d))
          .orElseGet(() -> support.backoff().nextDelay(id));
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait);
    }
  }

  /** Gives up on LaunchDarkly rather than blocking the deletion forever. */
  private DeleteControl release(R resource, String claim, String why) {
    support.backoff().succeeded(resource.getMetadata().getUid());
    LOG.warnf("Releasing %s/%s without deleting %s in LaunchDarkly: %s",
        resource.getMetadata().getNamespace(), resource.getMetadata().getName(), claim, why);
    support.events().warning(resource, "DeleteSkipped", "Delete",
        "%s not deleted in LaunchDarkly: %s".formatted(claim, why));
    return DeleteControl.defaultDelete();
  }

  // ---- Claims ----

  /** The resource that wins the claim over this one; resources that only observe claim nothing. */
  private Optional<R> olderClaimant(R resource, Context<R> context) {
    if (ManagementPolicy.observes(resource)) {
      return Optional.empty();
    }
    return Claims.olderClaimant(resource,
        context.getPrimaryCache().list().filter(other -> other.getSpec() != null && !ManagementPolicy.observes(other)),
        r -> claim(r, context), LaunchDarklyReconciler::manages);
  }

  private static boolean manages(CustomResource<?, ? extends CommonStatus> resource) {
    return resource.getStatus() != null && resource.getStatus().getLastSyncTime() != null;
  }

  // ---- Helpers ----

  private S nextStatus(R resource) {
    S copy = StatusComparison.copy(resource.getStatus(), statusType());
    if (copy != null) {
      return copy;
    }
    try {
      return statusType().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Status type needs a public no-argument constructor", e);
    }
  }

  private static boolean isRetryable(LaunchDarklyException e) {
    return e.kind() == ErrorKind.TRANSIENT || e.kind() == ErrorKind.RATE_LIMITED;
  }

  private static Outcome terminalOutcome(LaunchDarklyException e) {
    Reason reason = switch (e.kind()) {
      case UNAUTHORIZED -> Reason.Unauthorized;
      case ALREADY_EXISTS -> Reason.AlreadyExists;
      default -> Reason.InvalidSpec;
    };
    return Outcome.stalled(reason, e.getMessage());
  }

  private LaunchDarklyErrorStatus errorStatus(LaunchDarklyException e) {
    return new LaunchDarklyErrorStatus(e.httpStatus(), e.code(), e.apiMessage(), Timestamps.now(support.clock()));
  }
}
