package dev.ldai.operator.common;

import dev.ldai.operator.launchdarkly.CredentialsException;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.ratelimit.ThrottledException;
import dev.ldai.operator.status.LaunchDarklyErrorStatus;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What a failure means for a resource, for reconciles and cleanups alike: the outcome its conditions show,
 * the error its status shows, and when to try again. Errors that may pass (5xx, I/O, rate limits) and
 * unexpected exceptions are retried, after the wait LaunchDarkly advised or else with exponential backoff
 * and jitter, without a limit on attempts; the others wait for a change (spec, referent, credentials).
 */
public final class RetryPolicy {

  static final String OPERATOR_ERROR_CODE = "operator_error";

  /**
   * @param unexpected an exception no part of the operator anticipated: reported as {@link Reason#OperatorError}
   */
  public record Failure(Outcome outcome, Optional<LaunchDarklyErrorStatus> error, Optional<Duration> retryIn,
      boolean unexpected) {

    static Failure waiting(Outcome outcome) {
      return new Failure(outcome, Optional.empty(), Optional.empty(), false);
    }

    /** LaunchDarkly may answer next time (5xx, I/O, rate limits): a synced resource stays Ready meanwhile. */
    public boolean isPassing() {
      return retryIn.isPresent() && !unexpected;
    }
  }

  private final RetryBackoff backoff;
  private final Clock clock;

  public RetryPolicy(RetryBackoff backoff, Clock clock) {
    this.backoff = backoff;
    this.clock = clock;
  }

  public Failure failure(String resourceId, RuntimeException e) {
    if (e instanceof DependencyNotReadyException) {
      return Failure.waiting(Outcome.reconciling(Reason.DependencyNotReady, e.getMessage()));
    }
    if (e instanceof NotInLaunchDarklyException) {
      return Failure.waiting(Outcome.reconciling(Reason.NotFound, e.getMessage()));
    }
    if (e instanceof StalledException stalled) {
      return Failure.waiting(Outcome.stalled(stalled.reason(), e.getMessage()));
    }
    if (e instanceof CredentialsException) {
      return Failure.waiting(Outcome.stalled(Reason.Unauthorized, e.getMessage()));
    }
    if (e instanceof ThrottledException throttled) {
      return new Failure(Outcome.reconciling(Reason.RateLimited, e.getMessage()), Optional.empty(),
          Optional.of(backoff.advised(resourceId, throttled.retryAfter())), false);
    }
    if (e instanceof LaunchDarklyException answered) {
      return launchDarklyFailure(resourceId, answered);
    }
    String message = "Unexpected error: " + e;
    return new Failure(Outcome.reconciling(Reason.OperatorError, message),
        Optional.of(new LaunchDarklyErrorStatus(null, OPERATOR_ERROR_CODE, message, Timestamps.now(clock))),
        Optional.of(backoff.nextDelay(resourceId)), true);
  }

  /** The wait before asking again for what was refused, counted as one more failure of the resource. */
  public Duration nextDelay(String resourceId) {
    return backoff.nextDelay(resourceId);
  }

  /** The resource synced, or went: its next failure starts the backoff over. */
  public void succeeded(String resourceId) {
    backoff.succeeded(resourceId);
  }

  private Failure launchDarklyFailure(String resourceId, LaunchDarklyException e) {
    Optional<LaunchDarklyErrorStatus> error = Optional.of(
        new LaunchDarklyErrorStatus(e.httpStatus(), e.code(), e.apiMessage(), Timestamps.now(clock)));
    return switch (e.kind()) {
      case RATE_LIMITED -> new Failure(Outcome.reconciling(Reason.RateLimited, e.getMessage()), error,
          Optional.of(e.retryAfter().map(wait -> backoff.advised(resourceId, wait))
              .orElseGet(() -> backoff.nextDelay(resourceId))), false);
      case TRANSIENT -> new Failure(Outcome.reconciling(Reason.LaunchDarklyUnavailable, e.getMessage()), error,
          Optional.of(backoff.nextDelay(resourceId)), false);
      case UNAUTHORIZED -> new Failure(Outcome.stalled(Reason.Unauthorized, e.getMessage()), error, Optional.empty(), false);
      case ALREADY_EXISTS -> new Failure(Outcome.stalled(Reason.AlreadyExists, e.getMessage()), error, Optional.empty(), false);
      default -> new Failure(Outcome.stalled(Reason.InvalidSpec, e.getMessage()), error, Optional.empty(), false);
    };
  }
}
