package dev.ldai.operator.launchdarkly;

import dev.ldai.operator.launchdarkly.ratelimit.RateLimitAdvice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Classifies LaunchDarkly's answers and reads its advice on when to retry. */
public final class ErrorClassifier {

  private ErrorClassifier() {}

  /**
   * LaunchDarkly sometimes words a passing condition as a 400: a rate limit on config creation, or a
   * config it "could not delete" for now. Those are recognised by their text and retried.
   */
  public static ErrorKind classify(int httpStatus, String code, String message) {
    String text = ((code == null ? "" : code) + " " + (message == null ? "" : message)).toLowerCase(Locale.ROOT);
    if (httpStatus == 0 || httpStatus >= 500 || (httpStatus == 400 && saysCouldNotDelete(text))) {
      return ErrorKind.TRANSIENT;
    }
    return switch (httpStatus) {
      case 401, 403 -> ErrorKind.UNAUTHORIZED;
      case 404 -> ErrorKind.NOT_FOUND;
      case 409 -> ErrorKind.ALREADY_EXISTS;
      case 429 -> ErrorKind.RATE_LIMITED;
      case 400 -> {
        if (saysRateLimited(text)) {
          yield ErrorKind.RATE_LIMITED;
        }
        yield saysAlreadyExists(text) ? ErrorKind.ALREADY_EXISTS : ErrorKind.INVALID_REQUEST;
      }
      default -> ErrorKind.INVALID_REQUEST;
    };
  }

  private static boolean saysAlreadyExists(String text) {
    return text.contains("already exists") || text.contains("already_exists");
  }

  private static boolean saysRateLimited(String text) {
    return text.contains("rate limit") || text.contains("rate_limit") || text.contains("too many requests");
  }

  private static boolean saysCouldNotDelete(String text) {
    return text.contains("could not delete");
  }

  /**
   * How long LaunchDarkly asks us to wait: {@code Retry-After} in seconds, else until
   * {@code X-Ratelimit-Reset} (epoch milliseconds).
   */
  public static Optional<Duration> retryAfter(String retryAfterHeader, String resetHeader, Clock clock) {
    OptionalLong retryAfter = RateLimitAdvice.parse(retryAfterHeader);
    if (retryAfter.isPresent()) {
      return Optional.of(Duration.ofSeconds(retryAfter.getAsLong())).filter(d -> !d.isNegative());
    }
    OptionalLong reset = RateLimitAdvice.parse(resetHeader);
    if (reset.isEmpty()) {
      return Optional.empty();
    }
    Duration untilReset = Duration.between(Instant.now(clock), Instant.ofEpochMilli(reset.getAsLong()));
    return Optional.of(untilReset.isNegative() ? Duration.ZERO : untilReset);
  }
}
