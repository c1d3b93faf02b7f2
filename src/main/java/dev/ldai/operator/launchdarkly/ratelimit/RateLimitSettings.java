package dev.ldai.operator.launchdarkly.ratelimit;

import java.time.Duration;

/**
 * How one token's calls are paced.
 *
 * @param maxConcurrentRequests calls in flight at once
 * @param requestsPerSecond the steady rate the operator allows itself
 * @param maxWait the longest a reconcile blocks for a slot; beyond it the resource is rescheduled and
 *     shows {@code RateLimited}
 * @param slowDownBelow when LaunchDarkly reports fewer remaining calls than this, the rest of the window
 *     is spread evenly until its reset instead of being spent at once
 */
public record RateLimitSettings(int maxConcurrentRequests, double requestsPerSecond, Duration maxWait, int slowDownBelow) {

  public RateLimitSettings {
    if (maxConcurrentRequests < 1) {
      throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
    }
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("requestsPerSecond must be positive");
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative");
    }
    if (slowDownBelow < 0) {
      throw new IllegalArgumentException("slowDownBelow must not be negative");
    }
  }

  long spacingMillis() {
    return Math.max(1, Math.round(1000 / requestsPerSecond));
  }
}
