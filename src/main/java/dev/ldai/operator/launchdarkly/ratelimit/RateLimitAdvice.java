package dev.ldai.operator.launchdarkly.ratelimit;

import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What one LaunchDarkly answer says about the budgets: {@code X-Ratelimit-Global-Remaining},
 * {@code X-Ratelimit-Route-Remaining}, {@code X-Ratelimit-Reset} (epoch milliseconds) and, on 429,
 * {@code Retry-After} (seconds). Absent or unreadable headers are empty.
 */
public record RateLimitAdvice(
    int httpStatus, OptionalLong globalRemaining, OptionalLong routeRemaining, OptionalLong resetEpochMillis,
    OptionalLong retryAfterSeconds) {

  public static RateLimitAdvice from(int httpStatus, Function<String, String> header) {
    return new RateLimitAdvice(
        httpStatus,
        parse(header.apply("X-Ratelimit-Global-Remaining")),
        parse(header.apply("X-Ratelimit-Route-Remaining")),
        parse(header.apply("X-Ratelimit-Reset")),
        parse(header.apply("Retry-After")));
  }

  public boolean rateLimited() {
    return httpStatus == 429;
  }

  /** A numeric header's value; empty when absent or unreadable. */
  public static OptionalLong parse(String value) {
    if (value == null || value.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
