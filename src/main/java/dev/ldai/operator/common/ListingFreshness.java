package dev.ldai.operator.common;

import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.status.CommonStatus;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The listing-freshness rule, in one place. A project listing shows a resource's object as LaunchDarkly
 * held it when the listing began; it can stand in for a read only if it began after this process last
 * reconciled the resource (it then shows the resource's own writes, and anything changed since), and it is
 * news for the resource only then. Remembers, per resource, when it was last reconciled here and whether
 * its cleanup began; forgets both when the resource goes.
 */
final class ListingFreshness implements PerResourceState {

  private final Map<String, Instant> lastAttempts = new ConcurrentHashMap<>();
  private final Set<String> cleanupsStarted = ConcurrentHashMap.newKeySet();

  void attempted(String uid, Instant finishedAt) {
    lastAttempts.put(uid, finishedAt);
  }

  /** When this process last finished reconciling the resource; null before its first reconcile here. */
  Instant lastAttempt(String uid) {
    return lastAttempts.get(uid);
  }

  void cleanupStarted(String uid) {
    cleanupsStarted.add(uid);
    lastAttempts.remove(uid);
  }

  @Override
  public void forget(String uid) {
    lastAttempts.remove(uid);
    cleanupsStarted.remove(uid);
  }

  @Override
  public Set<String> resources() {
    Set<String> remembered = new HashSet<>(lastAttempts.keySet());
    remembered.addAll(cleanupsStarted);
    return remembered;
  }

  /** The listing a reconcile may use instead of reading LaunchDarkly: one that began after the last reconcile. */
  Optional<ProjectSnapshot> standingInForRead(String uid, Optional<ProjectSnapshot> latest) {
    Instant last = lastAttempts.get(uid);
    return latest.filter(snapshot -> last != null && snapshot.takenAt().isAfter(last));
  }

  /**
   * True when LaunchDarkly can have nothing new for the resource: it is Ready at its generation without a
   * pending error, and no listing of the project began since this process last reconciled it (or, on the
   * first reconcile after a start, none was made yet). Such a reconcile was woken by a referent's event that
   * changes nothing for it, by a periodic reconcile, or by the start itself; changes made in LaunchDarkly
   * reach it through the next listing.
   */
  boolean nothingNew(CustomResource<?, ? extends CommonStatus> resource, Optional<ProjectSnapshot> latest) {
    CommonStatus stored = resource.getStatus();
    if (stored == null || stored.getError() != null || !stored.isReadyAt(resource.getMetadata().getGeneration())) {
      return false;
    }
    Instant last = lastAttempts.get(resource.getMetadata().getUid());
    return last == null ? latest.isEmpty() : latest.filter(snapshot -> snapshot.takenAt().isAfter(last)).isEmpty();
  }

  /**
   * Whether a listing is news for the resource: it was synced, the listing began after its last reconcile,
   * and {@code outOfDate} (the kind's comparison of versions) says the listing shows another version of its
   * object than the resource last saw, or none.
   *
   * <p>It is also news, whatever it lists, for a resource whose deletion or spec change this process has
   * not acted on, should the operator SDK have dropped its event: a deletion until its cleanup started, a
   * spec change until a status reports its generation. (A status write whose answer shows such a change
   * reschedules the resource at once; this is the net under that.)
   */
  <R extends CustomResource<? extends ManagedSpec, ? extends CommonStatus>> boolean isNews(
      R resource, ProjectSnapshot snapshot, Predicate<R> outOfDate) {
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
    return (last == null || snapshot.takenAt().isAfter(last)) && outOfDate.test(resource);
  }
}
