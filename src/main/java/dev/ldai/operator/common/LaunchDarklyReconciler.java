package dev.ldai.operator.common;

import dev.ldai.operator.common.Creates.Listed;
import dev.ldai.operator.common.RetryPolicy.Failure;
import dev.ldai.operator.drift.LaunchDarklyChanges;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.drift.ProjectSnapshot.Part;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.CredentialsException;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.LaunchDarklyErrorStatus;
import dev.ldai.operator.status.ConditionTypes;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The managed-resource contract (DESIGN §6). A kind supplies where its object lives ({@link #target}, and
 * {@link #recordedTarget} once synced), four verbs ({@link #observe}, {@link Creates#create} if it makes
 * its object, {@link #update}, {@link #delete}) and two pure functions ({@link #diff}, {@link #fillStatus}),
 * and says how changes in LaunchDarkly reach it ({@link ShownInListing} or {@link ReadPeriodically}). This
 * class owns the order, once for every kind: management policies, claims and conflicts, referents,
 * credentials, observe, then take back, create (recording the intent first), adopt or update; the Events;
 * every failure as a condition ({@link RetryPolicy}); and the one status write.
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
  private final ListingFreshness freshness = new ListingFreshness();

  protected LaunchDarklyReconciler(ReconcileSupport support) {
    if (!(this instanceof ShownInListing) && !(this instanceof ReadPeriodically)) {
      throw new IllegalStateException(getClass().getSimpleName() + " must say how changes in LaunchDarkly reach it: "
          + "implement ShownInListing or ReadPeriodically");
    }
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

  /** Where the resource's object is, as its status records it; empty when it never synced. */
  protected abstract Optional<T> recordedTarget(R resource);

  /** The object as LaunchDarkly holds it ({@link Sync#listing()} when it can stand in); empty when absent. */
  protected abstract Optional<O> observe(Sync<R, S, T> sync);

  /** Where the object differs from the spec; may throw {@link StalledException} for what cannot change. */
  protected abstract Diff<P> diff(Sync<R, S, T> sync, O observed);

  /** Brings the object to the spec. */
  protected abstract Updated<O> update(Sync<R, S, T> sync, O observed, Diff<P> diff);

  /** Deletes the object where the resource recorded it. */
  protected abstract Deletion delete(R resource, T recorded, LaunchDarklyClient client);

  /** Writes what LaunchDarkly answered into the status. */
  protected abstract void fillStatus(S status, O observed);

  /** The Secret reference whose token the resource uses; null for the namespace default. */
  protected SecretKeyReference credentialsOf(R resource, Context<R> context) {
    return resource.getSpec().getCredentialsSecretRef();
  }

  /**
   * Records in the status where the object lives, for a kind whose {@link #recordedTarget} is not in its
   * spec alone; true when that changed since the last reconcile.
   */
  protected boolean recordTarget(S status, T target) {
    return false;
  }

  /** What the project listings must hold for the resource besides configs and model configs. */
  protected Set<Part> partsToList(R resource) {
    return Set.of();
  }

  /** Referents whose readiness wakes this kind's resources; see {@link Dependency}. */
  protected List<Dependency<R, ?>> dependencies() {
    return List.of();
  }

  @SuppressWarnings("unchecked")
  private Optional<Creates<R, S, T, O>> creator() {
    return this instanceof Creates<?, ?, ?, ?> creates ? Optional.of((Creates<R, S, T, O>) creates) : Optional.empty();
  }

  private boolean shownInListing() {
    return this instanceof ShownInListing;
  }

  // ---- Event sources ----

  /**
   * Labelled credentials Secrets, the project poller's news about LaunchDarkly, and the kind's referents.
   */
  @Override
  public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
    support.addLiveResources(context.getPrimaryResourceClass(),
        () -> context.getPrimaryCache().list().map(resource -> resource.getMetadata().getUid()));
    support.perResource(freshness);
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

  /** Whether a listing is news for the resource; see {@link ListingFreshness#isNews}. */
  @SuppressWarnings("unchecked")
  boolean concernedBy(R resource, ProjectSnapshot snapshot) {
    return freshness.isNews(resource, snapshot,
        r -> this instanceof ShownInListing<?> listed && ((ShownInListing<R>) listed).outOfDate(r, snapshot));
  }

  ListingFreshness freshness() {
    return freshness;
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
    return reconcile(resource, context, ReconcileScope.of(context));
  }

  UpdateControl<R> reconcile(R resource, Context<R> context, ReconcileScope<R, S> scope) {
    S next = nextStatus(resource);
    StatusWriter<R, S> writer = scope.statusWriter(resource);
    Attempt attempt = attempt(resource, context, scope, next, writer);
    if (attempt.outcome().state() != Outcome.State.PAUSED) {
      ReconcileRequest.of(resource).ifPresent(next::setLastHandledReconcileAt);
    }
    String uid = resource.getMetadata().getUid();
    freshness.attempted(uid, support.clock().instant());
    Optional<Duration> retryIn = attempt.failure().flatMap(Failure::retryIn);
    if (retryIn.isEmpty()) {
      support.retries().succeeded(uid);
    } else {
      LOG.debugf("%s %s/%s: %s; retrying in %d ms", resource.getKind(), resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(), attempt.outcome().message(), retryIn.get().toMillis());
    }
    return finish(resource, next, writer, attempt);
  }

  /** An outcome, and the failure that led to it, if one did. */
  private record Attempt(Outcome outcome, Optional<Failure> failure) {}

  private Attempt attempt(R resource, Context<R> context, ReconcileScope<R, S> scope, S next, StatusWriter<R, S> writer) {
    try {
      return new Attempt(outcomeOf(resource, context, scope, next, writer), Optional.empty());
    } catch (RuntimeException e) {
      Failure failure = support.retries().failure(resource.getMetadata().getUid(), e);
      if (e instanceof LaunchDarklyException answered && answered.kind() == ErrorKind.UNAUTHORIZED) {
        support.credentialsChanged(resource.getMetadata().getNamespace());
      }
      if (failure.unexpected()) {
        LOG.warnf(e, "Reconciling %s %s/%s failed unexpectedly", resource.getKind(),
            resource.getMetadata().getNamespace(), resource.getMetadata().getName());
      }
      failure.error().ifPresent(next::setError);
      return new Attempt(failure.outcome(), Optional.of(failure));
    }
  }

  private Outcome outcomeOf(R resource, Context<R> context, ReconcileScope<R, S> scope, S next, StatusWriter<R, S> writer) {
    if (resource.getSpec() == null) {
      return Outcome.stalled(Reason.InvalidSpec, "spec is required");
    }
    if (ManagementPolicy.isPaused(resource)) {
      return Outcome.paused("Reconcile paused by the annotation %s: %s; no LaunchDarkly calls until it is removed"
          .formatted(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED));
    }
    Optional<R> older = olderClaimant(resource, context, scope);
    if (older.isPresent()) {
      return Outcome.stalled(Reason.Conflict, "%s %s/%s %s %s".formatted(resource.getKind(),
          older.get().getMetadata().getNamespace(), older.get().getMetadata().getName(),
          hasSynced(older.get()) ? "already manages" : "claims", claim(resource, context)));
    }
    return sync(resource, context, next, writer);
  }

  private Outcome sync(R resource, Context<R> context, S next, StatusWriter<R, S> writer) {
    T target = target(resource, context);
    checkKey(target.key(), next);
    boolean targetMoved = recordTarget(next, target);
    ApiToken token = support.tokenFor(resource, credentialsOf(resource, context));
    String uid = resource.getMetadata().getUid();
    support.poller().watch(token, target.project(), uid, partsToList(resource));
    Optional<ProjectSnapshot> latest = support.poller().latest(token, target.project());
    boolean owns = target.key().equals(next.getKey());
    boolean afresh = ReconcileRequest.pending(resource);
    if (owns && !targetMoved && !afresh && shownInListing() && freshness.nothingNew(resource, latest)) {
      return ready(resource, target, next);
    }
    Sync<R, S, T> sync = new Sync<>(resource, next, target, token, support.client(token),
        afresh ? null : freshness.lastAttempt(uid),
        shownInListing() && !afresh ? freshness.standingInForRead(uid, latest) : Optional.empty(),
        (reason, message) -> writer.write(intent(resource, next, reason, message)));
    if (ManagementPolicy.observes(resource)) {
      return observeOnly(owns ? sync : sync.reading());
    }
    next.setDrift(null);
    Optional<Creates<R, S, T, O>> creator = creator();
    if (creator.isEmpty()) {
      return takeOver(owns ? sync : sync.reading());
    }
    if (owns) {
      Optional<O> observed = observe(sync);
      if (observed.isEmpty()) {
        return recreate(sync, creator.get()).map(created -> created(sync, created)).orElseGet(() -> refuseTaken(sync));
      }
      return hasSynced(resource) ? converge(sync, observed.get()) : afterCreateIntent(sync, creator.get(), observed.get());
    }
    return claim(sync, creator.get(),
        afresh ? support.poller().relist(token, target.project()) : support.poller().listing(token, target.project()));
  }

  /**
   * The key is recorded as a create intent, and the resource never synced: the object under it is this
   * resource's when it carries its owner tag (the create's answer was lost); otherwise the create failed and
   * someone else made the key since, which only adoption may take.
   */
  private Outcome afterCreateIntent(Sync<R, S, T> sync, Creates<R, S, T, O> creator, O observed) {
    if (!creator.carriesOwnerTag(sync, observed)) {
      return refuseTaken(sync);
    }
    support.events().normal(sync.resource(), "Created", "Create", "Created %s in %s (found after its answer was lost)"
        .formatted(sync.target().what(), sync.target().where()));
    return converge(sync, observed);
  }

  /** The key this resource recorded holds an object someone else made: the claim is withdrawn. */
  private Outcome refuseTaken(Sync<R, S, T> sync) {
    sync.status().setKey(null);
    return adopt(sync.reading());
  }

  /**
   * A resource that does not hold its key yet: the project listing (made now if this process has none) tells
   * whether the key is free, whether its object carries this resource's owner tag (taken back with no
   * write, as after re-applying manifests to a rebuilt cluster), or whether someone else made it.
   */
  private Outcome claim(Sync<R, S, T> sync, Creates<R, S, T, O> creator, ProjectSnapshot listing) {
    return switch (creator.listed(sync, listing)) {
      case OWN -> takeBack(sync, creator, listing);
      case FOREIGN -> adopt(sync.reading());
      case ABSENT -> claimByCreating(sync, creator)
          .map(created -> created(sync, created))
          .orElseGet(() -> claimTakenKey(sync, creator));
    };
  }

  /** The create found the key taken since the listing: a listing begun after it says by whom. */
  private Outcome claimTakenKey(Sync<R, S, T> sync, Creates<R, S, T, O> creator) {
    ProjectSnapshot listing = support.poller().relist(sync.token(), sync.target().project());
    Listed listed = creator.listed(sync, listing);
    if (listed == Listed.ABSENT) {
      throw new LaunchDarklyException(409, "conflict", "%s was reported to exist, then not listed; trying again"
          .formatted(sync.target().what()), ErrorKind.TRANSIENT);
    }
    return listed == Listed.OWN ? takeBack(sync, creator, listing) : adopt(sync.listedBy(listing));
  }

  /** Takes back the object this resource made, as the listing shows it. */
  private Outcome takeBack(Sync<R, S, T> sync, Creates<R, S, T, O> creator, ProjectSnapshot listing) {
    T target = sync.target();
    Sync<R, S, T> listed = sync.listedBy(listing);
    O own = observe(listed).orElseThrow(() -> new LaunchDarklyException(409, "conflict",
        target.what() + " was listed, then not found; trying again", ErrorKind.TRANSIENT));
    creator.recordSent(listed);
    sync.status().setKey(target.key());
    support.events().normal(sync.resource(), "TookBack", "Claim",
        "%s in %s carries this resource's owner tag; managing it again".formatted(target.what(), target.where()));
    return converge(listed, own);
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
   * Creates the object of a resource that never claimed its key. The intent is recorded before the call, so
   * that after a crash between the create and the status write the object is recognised as this resource's;
   * when the key is taken the claim is withdrawn and the result is empty.
   */
  private Optional<O> claimByCreating(Sync<R, S, T> sync, Creates<R, S, T, O> creator) {
    S before = StatusComparison.copy(sync.status(), statusType());
    creator.recordSent(sync);
    sync.status().setKey(sync.target().key());
    sync.recordIntent(Reason.Creating, "Creating %s in LaunchDarkly".formatted(sync.target().what()));
    try {
      return Optional.of(creator.create(sync));
    } catch (LaunchDarklyException e) {
      if (e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      StatusComparison.overwrite(sync.status(), before);
      return Optional.empty();
    }
  }

  /**
   * A create for a resource that owns the key: a re-creation, or a retry of a create whose answer was lost.
   * Empty when the key was taken meanwhile by an object without this resource's owner tag.
   */
  private Optional<O> recreate(Sync<R, S, T> sync, Creates<R, S, T, O> creator) {
    creator.recordSent(sync);
    try {
      return Optional.of(creator.create(sync));
    } catch (LaunchDarklyException e) {
      if (e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      O taken = observe(sync.reading()).orElseThrow(() -> e);
      return creator.carriesOwnerTag(sync, taken) ? Optional.of(taken) : Optional.empty();
    }
  }

  /**
   * Takes over an object someone else made, if the spec allows, as {@code sync} observes it: read from
   * LaunchDarkly, or from a listing begun after a create found the key taken (an older listing may predate
   * the object). Refused without a call under {@code adoptionPolicy: Never}.
   */
  private Outcome adopt(Sync<R, S, T> sync) {
    T target = sync.target();
    if (!(sync.resource().getSpec() instanceof CommonSpec keyed) || keyed.getAdoptionPolicy() != AdoptionPolicy.Adopt) {
      return notMadeHere(target);
    }
    O taken = observe(sync).orElseThrow(() -> new LaunchDarklyException(409, "conflict",
        target.what() + " was reported to exist, then not found; trying again", ErrorKind.TRANSIENT));
    sync.status().setKey(target.key());
    support.events().normal(sync.resource(), "Adopted", "Adopt", "Adopted existing " + target.what());
    return converge(sync, taken);
  }

  /** The object exists, this resource did not make it (no owner tag), and the spec does not adopt it. */
  public static Outcome notMadeHere(Target target) {
    return Outcome.stalled(Reason.AlreadyExists,
        "%s already exists in %s and this resource did not make it; set spec.adoptionPolicy: Adopt to manage it"
            .formatted(target.what(), target.where()));
  }

  /** Under management policy Observe, an object LaunchDarkly does not hold is waited for, never created. */
  public static Outcome absentWhileObserving(Target target) {
    return Outcome.reconciling(Reason.NotFound, "%s does not exist in %s; managementPolicy Observe does not create it"
        .formatted(target.what(), target.where()));
  }

  /** A kind that never makes its object takes it over as soon as it exists. */
  private Outcome takeOver(Sync<R, S, T> sync) {
    O observed = observe(sync).orElseThrow(() -> new NotInLaunchDarklyException(
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
    if (diff.isEmpty() || OwnerTag.leftForTheNextChange(sync.resource().getSpec(), diff.fields())) {
      return ready(sync.resource(), sync.target(), sync.status());
    }
    Updated<O> updated = update(sync, observed, diff);
    fillStatus(sync.status(), updated.object());
    String action = updated.replaced() ? "Replace" : "Update";
    String message = "%s %s: %s".formatted(updated.replaced() ? "Replaced" : "Updated", sync.target().what(), updated.change());
    if (isDriftOnly(sync.resource(), sync.status()) && !diff.fields().equals(List.of(OwnerTag.FIELD))) {
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
      return absentWhileObserving(target);
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
    boolean keepConditions = attempt.failure().filter(Failure::isPassing).isPresent() && generation != null
        && resource.getStatus() != null && resource.getStatus().isReadyAt(generation);
    if (!keepConditions) {
      status.setObservedGeneration(generation);
      Conditions.apply(status, outcome, generation, support.clock());
    }
    boolean warned = recordWarningOnce(resource, outcome, "Reconcile");
    R stored;
    try {
      stored = StatusComparison.differsBeyondTimestamps(writer.stored().getStatus(), status) ? writer.write(status) : writer.stored();
    } catch (RuntimeException e) {
      return statusWriteFailed(resource, e, attempt, warned);
    }
    UpdateControl<R> control = UpdateControl.noUpdate();
    if (changedSince(resource, stored)) {
      // The write's answer shows a spec change or a deletion whose own event the operator SDK drops.
      return control.rescheduleAfter(0);
    }
    attempt.failure().flatMap(Failure::retryIn).or(() -> nextCheck(resource, outcome)).ifPresent(control::rescheduleAfter);
    return control;
  }

  /**
   * A Warning Event when the resource becomes Stalled, or meets an unexpected error, for this reason: once
   * per state, not once per retry.
   */
  private boolean recordWarningOnce(R resource, Outcome outcome, String action) {
    boolean warns = outcome.state() == Outcome.State.STALLED || outcome.reason() == Reason.OperatorError;
    boolean alreadyShown = resource.getStatus() != null && resource.getStatus().condition(ConditionTypes.READY)
        .filter(ready -> "False".equals(ready.getStatus()) && outcome.reason().name().equals(ready.getReason()))
        .isPresent();
    if (warns && !alreadyShown) {
      support.events().warning(resource, outcome.reason().name(), action, outcome.message());
      return true;
    }
    return false;
  }

  /**
   * Nothing else can show that the status could not be written: a Warning Event (unless this reconcile
   * already recorded one), and a retry with backoff (the attempt's own, if it failed too).
   */
  private UpdateControl<R> statusWriteFailed(R resource, RuntimeException e, Attempt attempt, boolean warned) {
    LOG.warnf(e, "Writing the status of %s %s/%s failed", resource.getKind(),
        resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    if (!warned) {
      support.events().warning(resource, Reason.OperatorError.name(), "WriteStatus", "Writing the status failed: " + e.getMessage());
    }
    Duration retryIn = attempt.failure().flatMap(Failure::retryIn)
        .or(() -> support.retries().failure(resource.getMetadata().getUid(), e).retryIn())
        .orElse(support.config().resyncInterval());
    return UpdateControl.<R>noUpdate().rescheduleAfter(retryIn);
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
  @SuppressWarnings("unchecked")
  private Optional<Duration> nextCheck(R resource, Outcome outcome) {
    return switch (outcome.reason()) {
      // In sync: the project poller's news brings the resource back if LaunchDarkly changes.
      case Synced -> this instanceof ReadPeriodically<?> periodic
          ? Optional.of(((ReadPeriodically<R>) periodic).readAgainAfter(resource))
          : Optional.empty();
      case InvalidSpec, Conflict, DependencyNotReady, Paused -> Optional.empty();
      case Unauthorized -> Optional.of(support.config().unauthorizedRetryInterval());
      default -> Optional.of(support.config().resyncInterval());
    };
  }

  // ---- Cleanup ----

  @Override
  public DeleteControl cleanup(R resource, Context<R> context) {
    return cleanup(resource, context, ReconcileScope.of(context));
  }

  DeleteControl cleanup(R resource, Context<R> context, ReconcileScope<R, S> scope) {
    String uid = resource.getMetadata().getUid();
    freshness.cleanupStarted(uid);
    DeleteControl control = deleteOrRelease(resource, context, scope);
    if (control.isRemoveFinalizer()) {
      support.forget(uid);
    }
    return control;
  }

  private DeleteControl deleteOrRelease(R resource, Context<R> context, ReconcileScope<R, S> scope) {
    if (resource.getSpec() == null) {
      return DeleteControl.defaultDelete();
    }
    String claim = claim(resource, context);
    DeletionDecision<T> decision = DeletionDecision.of(resource.getSpec(), ManagementPolicy.isPaused(resource),
        support.deletionPolicy(resource.getSpec()), recordedTarget(resource), claim,
        () -> olderClaimant(resource, context, scope).isPresent());
    if (decision instanceof DeletionDecision.Leave<T> leave) {
      leave.reason().ifPresent(reason -> support.events().normal(resource, reason, "Delete", leave.message()));
      return DeleteControl.defaultDelete();
    }
    T recorded = ((DeletionDecision.Delete<T>) decision).recorded();
    try {
      Deletion deletion = delete(resource, recorded, support.clientFor(resource, credentialsOf(resource, context)));
      if (deletion.isDone()) {
        support.events().normal(resource, "Deleted", "Delete", deletion.message());
        return DeleteControl.defaultDelete();
      }
      reportDeleteProblem(resource, scope, Outcome.stalled(deletion.refusal().get(), deletion.message()), Optional.empty());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(askAgainAfterRefusal(resource));
    } catch (CredentialsException e) {
      return release(resource, claim, e.getMessage());
    } catch (RuntimeException e) {
      Failure failure = support.retries().failure(resource.getMetadata().getUid(), e);
      if (failure.retryIn().isEmpty()) {
        return release(resource, claim, e.getMessage());
      }
      reportFailedDelete(resource, scope, recorded, failure, e);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(failure.retryIn().get());
    }
  }

  /**
   * A refusal lasts as long as what it names (a variation pinning a tool, say), which is often being deleted
   * at the same time: asked again soon, then less often, at most every resync interval.
   */
  private Duration askAgainAfterRefusal(R resource) {
    Duration backoff = support.retries().nextDelay(resource.getMetadata().getUid());
    Duration resync = support.config().resyncInterval();
    return backoff.compareTo(resync) < 0 ? backoff : resync;
  }

  /** A delete that will be tried again: the conditions and {@code status.error} say why meanwhile. */
  private void reportFailedDelete(R resource, ReconcileScope<R, S> scope, T recorded, Failure failure, RuntimeException e) {
    if (failure.unexpected()) {
      LOG.warnf(e, "Deleting %s of %s/%s failed unexpectedly", recorded.what(),
          resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    } else {
      LOG.debugf("Deleting %s in LaunchDarkly failed, will retry: %s", recorded.what(), e.getMessage());
    }
    reportDeleteProblem(resource, scope, Outcome.reconciling(failure.outcome().reason(),
        "Deleting %s in LaunchDarkly failed; retrying: %s".formatted(recorded.what(), failure.outcome().message())),
        failure.error());
  }

  /** While the finalizer stays, the conditions (and {@code status.error}) say why; a Warning Event once. */
  private void reportDeleteProblem(R resource, ReconcileScope<R, S> scope, Outcome outcome, Optional<LaunchDarklyErrorStatus> error) {
    recordWarningOnce(resource, outcome, "Delete");
    S next = nextStatus(resource);
    error.ifPresent(next::setError);
    Conditions.apply(next, outcome, resource.getMetadata().getGeneration(), support.clock());
    StatusWriter<R, S> writer = scope.statusWriter(resource);
    try {
      if (StatusComparison.differsBeyondTimestamps(writer.stored().getStatus(), next)) {
        writer.write(next);
      }
    } catch (RuntimeException writeFailure) {
      LOG.warnf(writeFailure, "Writing the status of %s/%s during its deletion failed",
          resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }
  }

  /** Gives up on LaunchDarkly rather than blocking the deletion forever. */
  private DeleteControl release(R resource, String claim, String why) {
    LOG.warnf("Releasing %s/%s without deleting %s in LaunchDarkly: %s",
        resource.getMetadata().getNamespace(), resource.getMetadata().getName(), claim, why);
    support.events().warning(resource, "DeleteSkipped", "Delete",
        "%s not deleted in LaunchDarkly: %s".formatted(claim, why));
    return DeleteControl.defaultDelete();
  }

  // ---- Claims ----

  /** The resource that wins the claim over this one; resources that only observe claim nothing. */
  private Optional<R> olderClaimant(R resource, Context<R> context, ReconcileScope<R, S> scope) {
    if (ManagementPolicy.observes(resource)) {
      return Optional.empty();
    }
    return Claims.olderClaimant(resource,
        scope.resources().filter(other -> other.getSpec() != null && !ManagementPolicy.observes(other)),
        r -> claim(r, context), LaunchDarklyReconciler::hasSynced);
  }

  /** Whether the resource ever synced its object: it then keeps its claim against newer resources. */
  private static boolean hasSynced(CustomResource<?, ? extends CommonStatus> resource) {
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
}
