package dev.ldai.operator.common;

import dev.ldai.operator.status.Reason;
import java.util.Optional;

/**
 * What a kind's delete did in LaunchDarkly: done (deleted, already gone, or kept by LaunchDarkly as part of
 * its parent), or refused for now, and the finalizer stays. The base records it as an Event.
 */
public record Deletion(Optional<Reason> refusal, String message) {

  public static Deletion done(String message) {
    return new Deletion(Optional.empty(), message);
  }

  /** Refused for now (e.g. a model config in use): asked again with backoff, at most every resync interval. */
  public static Deletion refused(Reason reason, String message) {
    return new Deletion(Optional.of(reason), message);
  }

  public boolean isDone() {
    return refusal.isEmpty();
  }
}
