package dev.ldai.operator.launchdarkly;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

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
    Optional<Duration> retryAfter = parseLong(retryAfterHeader).map(Duration::ofSeconds);
    if (retryAfter.isPresent()) {
      return retryAfter.filter(d -> !d.isNegative());
    }
    return parseLong(resetHeader)
        .map(reset -> Duration.between(Instant.now(clock), Instant.ofEpochMilli(reset)))
        .map(d -> d.isNegative() ? Duration.ZERO : d);
  }

  private static Optional<Long> parseLong(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
