package dev.ldai.operator.common;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What deleting a resource does to its LaunchDarkly object, decided before any call: leave it (with an
 * Event saying why, when the user chose that) or delete it where the resource recorded it.
 */
sealed interface DeletionDecision<T> {

  /** The object stays in LaunchDarkly; {@code reason} names the Event, if the choice deserves one. */
  record Leave<T>(Optional<String> reason, String message) implements DeletionDecision<T> {}

  record Delete<T>(T recorded) implements DeletionDecision<T> {}

  /**
   * @param recorded where the resource's object is, as its status records it; empty when it never synced
   * @param claimedByOlder whether an older resource claims the same object, which deleting would break;
   *     asked last, since it scans the kind's resources
   */
  static <T> DeletionDecision<T> of(ManagedSpec spec, boolean paused, DeletionPolicy policy, Optional<T> recorded,
      String claim, BooleanSupplier claimedByOlder) {
    if (paused) {
      return leave("Released", "Reconcile paused: %s left in LaunchDarkly untouched".formatted(claim));
    }
    if (spec.getManagementPolicy() == ManagementPolicy.Observe) {
      return leave("Released", "Management policy Observe: %s left in LaunchDarkly".formatted(claim));
    }
    if (policy == DeletionPolicy.Retain) {
      return leave("Retained", "Deletion policy Retain: %s left in LaunchDarkly".formatted(claim));
    }
    if (recorded.isEmpty()) {
      return new Leave<>(Optional.empty(), "%s was never synced".formatted(claim));
    }
    if (claimedByOlder.getAsBoolean()) {
      return new Leave<>(Optional.empty(), "%s belongs to an older claimant".formatted(claim));
    }
    return new Delete<>(recorded.get());
  }

  private static <T> DeletionDecision<T> leave(String reason, String message) {
    return new Leave<>(Optional.of(reason), message);
  }
}
