package dev.ldai.operator.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This replica's hold on the leader-election Lease, and what happens when it ends.
 *
 * <p>The operator SDK can only {@code System.exit(1)} when leading stops, and leading also stops while the
 * application shuts down (stopping the operator stops the elector): an exit from inside the running JVM
 * shutdown blocks forever. So the SDK is told not to exit, and this decides instead: stopping because the
 * application shuts down (its reconciles are over by then) hands the Lease over, so another replica leads
 * at once instead of after the Lease expires; losing the Lease while running ends the application with
 * exit code 1, so that two replicas never reconcile side by side and the Deployment starts a fresh one.
 */
@ApplicationScoped
public class LeaderLease {

  private static final Logger LOG = Logger.getLogger(LeaderLease.class);
  private static final int LEADERSHIP_LOST = 1;
  private static final String NO_HOLDER = "";

  private final KubernetesClient client;
  private final Clock clock;
  private final String namespace;
  private final String name;
  private final String identity;
  private volatile boolean shuttingDown;

  public LeaderLease(KubernetesClient client, Clock clock, LdaiConfig config) {
    this.client = client;
    this.clock = clock;
    this.namespace = config.leaderElection().leaseNamespace().orElseGet(client::getNamespace);
    this.name = config.leaderElection().leaseName();
    this.identity = Optional.ofNullable(System.getenv("HOSTNAME")).filter(host -> !host.isBlank())
        .orElseGet(() -> UUID.randomUUID().toString());
  }

  /** Who holds the Lease while this replica leads: the pod name, as the operator SDK would choose it. */
  String identity() {
    return identity;
  }

  LeaderCallbacks callbacks() {
    // The operator SDK starts reconciling and logs a new leader by itself.
    return new LeaderCallbacks(() -> {}, this::stoppedLeading, leader -> {});
  }

  // Before the operator SDK's own observer, which stops the operator and with it the leader election.
  void applicationStopping(
      @Observes(notifyObserver = Reception.IF_EXISTS) @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    shuttingDown = true;
  }

  private void stoppedLeading() {
    if (shuttingDown) {
      release();
    } else {
      LOG.errorf("Lost the Lease %s/%s (taken over, or not renewed in time): exiting so that only one operator"
          + " reconciles", namespace, name);
      Quarkus.asyncExit(LEADERSHIP_LOST);
    }
  }

  private void release() {
    LeaseLock lock = new LeaseLock(namespace, name, identity);
    try {
      LeaderElectionRecord held = lock.get(client);
      if (held == null || !identity.equals(held.getHolderIdentity())) {
        return;
      }
      // As client-go releases: no holder (an empty one; a null would be left out of the merge patch) and a
      // one-second term, so that any replica, Go or Java, may take the Lease at its next try.
      ZonedDateTime now = ZonedDateTime.now(clock);
      lock.update(client, new LeaderElectionRecord(NO_HOLDER, Duration.ofSeconds(1), now, now, held.getLeaderTransitions()));
      LOG.infof("Released the Lease %s/%s: another replica can lead at once", namespace, name);
    } catch (KubernetesClientException e) {
      LOG.warnf("Could not release the Lease %s/%s (%s): another replica leads once it expires",
          namespace, name, e.getMessage());
    }
  }
}
