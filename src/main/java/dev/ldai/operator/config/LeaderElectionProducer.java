package dev.ldai.operator.config;

import static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE;
import static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE;
import static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Leader election on a Lease, active in the production profile (the operator SDK's default): with more
 * than one replica only the Lease holder reconciles. The Lease name is fixed by configuration so RBAC can
 * restrict get/update to it. When leading stops, {@link LeaderLease} decides what follows.
 */
public class LeaderElectionProducer {

  private static final boolean EXIT_ON_STOP_LEADING = false;

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(LdaiConfig config, LeaderLease lease) {
    return new LeaderElectionConfiguration(
        config.leaderElection().leaseName(),
        config.leaderElection().leaseNamespace().orElse(null),
        LEASE_DURATION_DEFAULT_VALUE,
        RENEW_DEADLINE_DEFAULT_VALUE,
        RETRY_PERIOD_DEFAULT_VALUE,
        lease.identity(),
        lease.callbacks(),
        EXIT_ON_STOP_LEADING);
  }
}
