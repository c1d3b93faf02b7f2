package dev.ldai.operator.common;

import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.versioned.VersionedStatus;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which updates of a referent concern the resources that depend on it: whether it is Ready at its
 * generation, its LaunchDarkly key, its project, its credentials or its deletion — not, say, the list of
 * variation versions an AIConfig reports, which changes with every variation write and would wake every
 * sibling.
 *
 * <p>Readiness is what {@link Dependency#ready} waits for: Ready <em>at the referent's generation</em>. A
 * referent whose spec changed stays Ready=True while it catches up, so the condition's status alone would
 * never flip, and a dependent that waited during the catch-up would never be woken.
 *
 * <p>A versioned referent (an AI tool, a prompt snippet) is different: what its dependents use is the version
 * LaunchDarkly serves, which stays usable while the referent catches up with a spec change. It concerns them
 * when it becomes Ready or stops being Ready, at any generation, and when its current version moves, which can
 * happen without a new generation (an edit in LaunchDarkly's UI that the referent reverts makes a version too).
 */
final class ReferentChange {

  private ReferentChange() {}

  static boolean concernsDependents(
      CustomResource<? extends ManagedSpec, ? extends CommonStatus> newer,
      CustomResource<? extends ManagedSpec, ? extends CommonStatus> older) {
    return !Objects.equals(relevant(newer), relevant(older));
  }

  private static List<Object> relevant(CustomResource<? extends ManagedSpec, ? extends CommonStatus> referent) {
    CommonStatus status = referent.getStatus();
    ManagedSpec spec = referent.getSpec();
    return Arrays.asList(
        status == null ? null : status.getKey(),
        status != null && status.isReadyAt(status instanceof VersionedStatus ? null : referent.getMetadata().getGeneration()),
        spec == null || spec.getCredentialsSecretRef() == null ? null : spec.getCredentialsSecretRef().getName(),
        spec instanceof ProjectScoped scoped ? scoped.getProjectKey() : null,
        status instanceof VersionedStatus versioned ? versioned.getVersion() : null,
        referent.getMetadata().getDeletionTimestamp());
  }
}
