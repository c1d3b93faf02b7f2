package dev.ldai.operator.launchdarkly.ratelimit;

import java.time.Duration;

/**
 * The operator holds a call back because the token's LaunchDarkly budget is spent or would be exceeded;
 * nothing was sent. The resource is retried after {@link #retryAfter()}.
 */
public final class ThrottledException extends RuntimeException {

  private final transient Duration retryAfter;

  public ThrottledException(Duration retryAfter) {
    super("LaunchDarkly's rate limit for this token is reached; the next call is possible in "
        + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + "s");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
