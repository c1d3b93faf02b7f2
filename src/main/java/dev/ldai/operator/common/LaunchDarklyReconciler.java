package dev.ldai.operator.common;

import dev.ldai.operator.drift.LaunchDarklyChanges;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.CredentialsException;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.ratelimit.ThrottledException;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.LaunchDarklyErrorStatus;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.StatusComparison;
import dev.ldai.operator.status.Timestamps;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The reconcile loop shared by the three kinds: run the kind's sync (fetch → compare → act), turn its
 * outcome or LaunchDarkly's error into status, and patch the status only when more than timestamps
 * changed. Errors that may pass (5xx, I/O, rate limits) are retried by rescheduling the resource: after the
 * wait LaunchDarkly advised, else with exponential backoff and jitter, without a limit on attempts. The
 * retry re-reads LaunchDarkly before acting, so a write whose answer was lost is not blindly repeated.
 */
public abstract class LaunchDarklyReconciler<
        R extends CustomResource<? extends CommonSpec, S> & Namespaced, S extends CommonStatus>
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

  /** The status class of the kind. */
  protected abstract Class<S> statusType();

  /** What identifies the LaunchDarkly object, e.g. {@code project/key}; two resources must not share it. */
  protected abstract String claim(R resource, Context<R> context);

  /** The Secret reference whose token the resource uses; null for the namespace default. */
  protected SecretKeyReference credentialsOf(R resource, Context<R> context) {
    return resource.getSpec().getCredentialsSecretRef();
  }

  /** Brings LaunchDarkly to the spec and fills {@code sync.status()}. */
  protected abstract Outcome sync(SyncContext<R, S> sync);

  /**
   * Deletes the object in LaunchDarkly.
   *
   * @return a message for the Event, or empty when LaunchDarkly refuses for now and the finalizer must
   *     stay
   */
  protected abstract Optional<String> deleteInLaunchDarkly(R resource, LaunchDarklyClient client);

  /** An outcome, and when to try again if LaunchDarkly asked for patience. */
  private record Attempt(Outcome outcome, Optional<Duration> retryIn) {
    static Attempt of(Outcome outcome) {
      return new Attempt(outcome, Optional.empty());
    }

    static Attempt retry(Outcome outcome, Duration in) {
      return new Attempt(outcome, Optional.of(in));
    }
  }

  /** Whether LaunchDarkly now lists another version of this resource's object than it last saw, or none. */
  protected abstract boolean outOfDate(R resource, ProjectSnapshot snapshot);

  /**
   * Every kind watches labelled credentials Secrets and the project poller's news about LaunchDarkly;
   * kinds with more event sources add theirs to these.
   */
  @Override
  public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
    return List.of(credentialSecrets(context), new LaunchDarklyChanges<>(support.poller(), snapshot ->
        context.getPrimaryCache().list()
            .filter(resource -> concernedBy(resource, snapshot))
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet())));
  }

  /**
   * Whether a listing is news for the resource: it was synced, the listing began after its last reconcile,
   * and it lists another version of its object than the resource last saw, or none.
   *
   * <p>It is also news, whatever it lists, for a resource whose deletion or spec change this process has
   * not acted on: the operator SDK drops the event of a change that crossed a status write of the resource
   * (the write's answer is newer and already shows it), so nothing else would wake it. A deletion counts
   * until its cleanup started (then it is under way, and a second run would only repeat it); a spec
   * change until a status reports its generation.
   */
  boolean concernedBy(R resource, ProjectSnapshot snapshot) {
    if (resource.getMetadata().getDeletionTimestamp() != null) {
      return !cleanupsStarted.contains(resource.getMetadata().getUid());
    }
    if (resource.getSpec() == null || resource.getStatus() == null) {
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

  private InformerEventSource<Secret, R> credentialSecrets(EventSourceContext<R> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, context.getPrimaryResourceClass())
            .withName("credential-secrets")
            .withLabelSelector(RefusedInNamespace.CREDENTIALS_LABEL)
            .withSecondaryToPrimaryMapper(new RefusedInNamespace<>(namespace -> context.getPrimaryCache().list(namespace)))
            .build(),
        context);
  }

  @Override
  public UpdateControl<R> reconcile(R resource, Context<R> context) {
    S status = nextStatus(resource);
    if (resource.getSpec() == null) {
      return finish(resource, status, Attempt.of(Outcome.stalled(Reason.InvalidSpec, "spec is required")));
    }
    String uid = resource.getMetadata().getUid();
    SyncContext<R, S> sync = new SyncContext<>(
        resource, status, context, support, credentialsOf(resource, context), lastAttempts.get(uid));
    Attempt attempt = attempt(sync);
    recordAttempt(resource, support.clock().instant());
    if (attempt.retryIn().isEmpty()) {
      support.backoff().succeeded(resource.getMetadata().getUid());
    } else {
      LOG.debugf("%s %s/%s: %s; retrying in %d ms", resource.getKind(), resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(), attempt.outcome().message(), attempt.retryIn().get().toMillis());
    }
    Optional<R> afterIntent = sync.afterIntent();
    if (afterIntent.isEmpty()) {
      return finish(resource, status, attempt);
    }
    // The stored status changed under the operator SDK's feet: its patch, computed against the status
    // this reconcile started from, would no longer apply cleanly. Replace the status instead.
    UpdateControl<R> control = finish(resource, status, attempt);
    resource.getMetadata().setResourceVersion(afterIntent.get().getMetadata().getResourceVersion());
    context.resourceOperations().updatePrimaryStatus(resource);
    UpdateControl<R> replaced = UpdateControl.noUpdate();
    control.getScheduleDelay().ifPresent(replaced::rescheduleAfter);
    return replaced;
  }

  private Attempt attempt(SyncContext<R, S> sync) {
    R resource = sync.resource();
    String id = resource.getMetadata().getUid();
    try {
      return Attempt.of(outcomeOf(sync));
    } catch (ThrottledException e) {
      return Attempt.retry(Outcome.reconciling(Reason.RateLimited, e.getMessage()),
          support.backoff().advised(id, e.retryAfter()));
    } catch (LaunchDarklyException e) {
      sync.status().setError(errorStatus(e));
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

  private Outcome outcomeOf(SyncContext<R, S> sync) {
    R resource = sync.resource();
    Context<R> context = sync.context();
    Optional<R> older =
        Claims.olderClaimant(
            resource, context.getPrimaryCache().list(), r -> claim(r, context), LaunchDarklyReconciler::manages);
    if (older.isPresent()) {
      return Outcome.stalled(
          Reason.Conflict,
          "%s %s/%s %s %s"
              .formatted(
                  resource.getKind(),
                  older.get().getMetadata().getNamespace(),
                  older.get().getMetadata().getName(),
                  manages(older.get()) ? "already manages" : "claims",
                  claim(resource, context)));
    }
    try {
      return sync(sync);
    } catch (DependencyNotReadyException e) {
      return Outcome.reconciling(Reason.DependencyNotReady, e.getMessage());
    } catch (InvalidSpecException e) {
      return Outcome.stalled(Reason.InvalidSpec, e.getMessage());
    } catch (CredentialsException e) {
      return Outcome.stalled(Reason.Unauthorized, e.getMessage());
    }
  }

  private UpdateControl<R> finish(R resource, S status, Attempt attempt) {
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
    boolean changed = StatusComparison.differsBeyondTimestamps(resource.getStatus(), status);
    resource.setStatus(status);
    UpdateControl<R> control =
        changed ? UpdateControl.patchStatus(resource) : UpdateControl.noUpdate();
    attempt.retryIn().or(() -> nextCheck(outcome)).ifPresent(control::rescheduleAfter);
    return control;
  }

  /**
   * When to look at LaunchDarkly again without an event. A spec change re-triggers what waits on the
   * spec; a dependency's own events re-trigger what waits on it.
   */
  private Optional<Duration> nextCheck(Outcome outcome) {
    return switch (outcome.reason()) {
      // In sync: the project poller's news brings the resource back if LaunchDarkly changes.
      case Synced, InvalidSpec, Conflict, DependencyNotReady -> Optional.empty();
      case Unauthorized -> Optional.of(support.config().unauthorizedRetryInterval());
      default -> Optional.of(support.config().resyncInterval());
    };
  }

  @Override
  public DeleteControl cleanup(R resource, Context<R> context) {
    String uid = resource.getMetadata().getUid();
    recordCleanupStarted(resource);
    DeleteControl control = deleteOrRelease(resource, context);
    if (control.isRemoveFinalizer()) {
      cleanupsStarted.remove(uid);
    }
    return control;
  }

  /** Remembers that this process began deleting the resource (see {@link #concernedBy}). */
  void recordCleanupStarted(R resource) {
    cleanupsStarted.add(resource.getMetadata().getUid());
  }

  private DeleteControl deleteOrRelease(R resource, Context<R> context) {
    lastAttempts.remove(resource.getMetadata().getUid());
    String name = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    if (resource.getSpec() == null) {
      return DeleteControl.defaultDelete();
    }
    if (support.deletionPolicy(resource.getSpec()) == DeletionPolicy.Retain) {
      support.events().normal(resource, "Retained", "Delete",
          "Deletion policy Retain: %s left in LaunchDarkly".formatted(claim(resource, context)));
      return DeleteControl.defaultDelete();
    }
    if (resource.getStatus() == null || resource.getStatus().getKey() == null) {
      return DeleteControl.defaultDelete();
    }
    Optional<R> older =
        Claims.olderClaimant(
            resource, context.getPrimaryCache().list(), r -> claim(r, context), LaunchDarklyReconciler::manages);
    if (older.isPresent()) {
      // The LaunchDarkly object belongs to the older claimant; deleting it here would break that one.
      return DeleteControl.defaultDelete();
    }
    String id = resource.getMetadata().getUid();
    try {
      LaunchDarklyClient client = support.clientFor(resource, credentialsOf(resource, context));
      Optional<String> deleted = deleteInLaunchDarkly(resource, client);
      if (deleted.isEmpty()) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(support.config().resyncInterval());
      }
      support.backoff().succeeded(id);
      support.events().normal(resource, "Deleted", "Delete", deleted.get());
      return DeleteControl.defaultDelete();
    } catch (CredentialsException e) {
      return release(resource, name, claim(resource, context), e.getMessage());
    } catch (ThrottledException e) {
      LOG.debugf("Deleting %s in LaunchDarkly deferred: %s", claim(resource, context), e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(support.backoff().advised(id, e.retryAfter()));
    } catch (LaunchDarklyException e) {
      if (!isRetryable(e)) {
        return release(resource, name, claim(resource, context), e.getMessage());
      }
      LOG.debugf("Deleting %s in LaunchDarkly failed, will retry: %s", claim(resource, context), e.getMessage());
      Duration wait = e.retryAfter().map(d -> support.backoff().advised(id, d))
          .orElseGet(() -> support.backoff().nextDelay(id));
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait);
    }
  }

  /** Gives up on LaunchDarkly rather than blocking the deletion forever. */
  private DeleteControl release(R resource, String name, String claim, String why) {
    support.backoff().succeeded(resource.getMetadata().getUid());
    LOG.warnf("Releasing %s without deleting %s in LaunchDarkly: %s", name, claim, why);
    support.events().warning(resource, "DeleteSkipped", "Delete",
        "%s not deleted in LaunchDarkly: %s".formatted(claim, why));
    return DeleteControl.defaultDelete();
  }

  private static boolean manages(CustomResource<?, ? extends CommonStatus> resource) {
    return resource.getStatus() != null && resource.getStatus().getLastSyncTime() != null;
  }

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
    Reason reason =
        switch (e.kind()) {
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
