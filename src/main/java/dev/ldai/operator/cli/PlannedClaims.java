package dev.ldai.operator.cli;

import dev.ldai.operator.common.ManagedSpec;
import dev.ldai.operator.common.ManagementPolicy;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.HashMap;
import java.util.Map;

/**
 * The LaunchDarkly objects the planned resources claim, as the operator's claims do: two resources that would
 * manage one object conflict, and only the older would manage it, which manifests alone cannot tell.
 */
final class PlannedClaims {

  private final Map<String, String> claimants = new HashMap<>();

  /** Whether another planned resource claims the object; the change is then refused with reason Conflict. */
  boolean takenByAnother(Change change, CustomResource<? extends ManagedSpec, ?> resource, String claim) {
    if (ManagementPolicy.observes(resource)) {
      return false;
    }
    String claimant = "%s %s/%s".formatted(resource.getKind(), resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    String earlier = claimants.putIfAbsent(claim, claimant);
    if (earlier == null) {
      return false;
    }
    change.refuse("Conflict", "%s also manages %s; only the older of the two would".formatted(earlier, claim));
    return true;
  }
}
