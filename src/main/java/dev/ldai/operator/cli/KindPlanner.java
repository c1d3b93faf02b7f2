package dev.ldai.operator.cli;

import io.fabric8.kubernetes.client.CustomResource;

/**
 * The planner of one kind that depends on others: it sees the manifests, what LaunchDarkly holds, and the
 * objects the manifests planned so far have claimed.
 */
abstract class KindPlanner<R extends CustomResource<?, ?>> {

  final DesiredResources desired;
  final LaunchDarklyState launchDarkly;
  final PlannedClaims claims;

  KindPlanner(DesiredResources desired, LaunchDarklyState launchDarkly, PlannedClaims claims) {
    this.desired = desired;
    this.launchDarkly = launchDarkly;
    this.claims = claims;
  }

  abstract PlannedChange plan(R resource);
}
