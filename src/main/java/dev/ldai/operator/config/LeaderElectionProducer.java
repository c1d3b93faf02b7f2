package dev.ldai.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Leader election on a Lease, active in the production profile (the operator SDK's default): with more
 * than one replica only the Lease holder reconciles. The Lease name is fixed by configuration so RBAC can
 * restrict get/update to it.
 */
public class LeaderElectionProducer {

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(LdaiConfig config) {
    return new LeaderElectionConfiguration(
        config.leaderElection().leaseName(), config.leaderElection().leaseNamespace().orElse(null));
  }
}
