package dev.ldai.operator.common;

import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.Reason;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What a kind's verbs get for one reconcile of one resource: the resource, the status being built, where
 * its object lives, the client with its credentials, the project listing when it can stand in for a
 * read, and the one way to record an intent before a LaunchDarkly write.
 */
public final class Sync<R extends CustomResource<? extends ManagedSpec, S>, S extends CommonStatus, T extends Target> {

  private final R resource;
  private final S status;
  private final T target;
  private final ApiToken token;
  private final LaunchDarklyClient client;
  private final Instant lastAttempt;
  private final Optional<ProjectSnapshot> listing;
  private final BiConsumer<Reason, String> intents;

  Sync(R resource, S status, T target, ApiToken token, LaunchDarklyClient client, Instant lastAttempt,
      Optional<ProjectSnapshot> listing, BiConsumer<Reason, String> intents) {
    this.resource = resource;
    this.status = status;
    this.target = target;
    this.token = token;
    this.client = client;
    this.lastAttempt = lastAttempt;
    this.listing = listing;
    this.intents = intents;
  }

  public R resource() {
    return resource;
  }

  /** The status being built by this reconcile. */
  public S status() {
    return status;
  }

  public T target() {
    return target;
  }

  public LaunchDarklyClient client() {
    return client;
  }

  /** The token the client calls with: whose view of LaunchDarkly the answers are. */
  public ApiToken token() {
    return token;
  }

  /**
   * When this process last finished reconciling the resource; null on its first reconcile since the start, and
   * when a {@link ReconcileRequest} asks for LaunchDarkly to be read afresh.
   */
  public Instant lastAttempt() {
    return lastAttempt;
  }

  /**
   * The latest listing of the target's project, when it shows every write made for the resource and
   * anything changed in LaunchDarkly since (it began after this process last reconciled the resource);
   * empty: read LaunchDarkly instead.
   */
  public Optional<ProjectSnapshot> listing() {
    return listing;
  }

  /** The same reconcile, reading LaunchDarkly rather than trusting a listing. */
  Sync<R, S, T> reading() {
    return listing.isEmpty() ? this : new Sync<>(resource, status, target, token, client, lastAttempt, Optional.empty(), intents);
  }

  /** The same reconcile, with a listing that shows the object as it may be used. */
  Sync<R, S, T> listedBy(ProjectSnapshot snapshot) {
    return new Sync<>(resource, status, target, token, client, lastAttempt, Optional.of(snapshot), intents);
  }

  /**
   * Writes the status as built so far to the cluster, with the resource Reconciling for {@code reason},
   * before a LaunchDarkly write whose effect could not be recognised afterwards from LaunchDarkly alone.
   */
  public void recordIntent(Reason reason, String message) {
    intents.accept(reason, message);
  }

  public String uid() {
    return resource.getMetadata().getUid();
  }
}
