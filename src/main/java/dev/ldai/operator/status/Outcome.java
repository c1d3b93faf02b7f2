package dev.ldai.operator.status;

/**
 * Where a reconcile left a resource: in sync, still working towards it, or stuck until a human acts.
 * Turned into conditions by {@link Conditions}.
 */
public record Outcome(State state, Reason reason, String message) {

  public enum State {
    READY,
    RECONCILING,
    STALLED,
    PAUSED
  }

  public static Outcome ready(String message) {
    return new Outcome(State.READY, Reason.Synced, message);
  }

  public static Outcome reconciling(Reason reason, String message) {
    return new Outcome(State.RECONCILING, reason, message);
  }

  public static Outcome stalled(Reason reason, String message) {
    return new Outcome(State.STALLED, reason, message);
  }

  public static Outcome paused(String message) {
    return new Outcome(State.PAUSED, Reason.Paused, message);
  }

  public boolean isReady() {
    return state == State.READY;
  }
}
