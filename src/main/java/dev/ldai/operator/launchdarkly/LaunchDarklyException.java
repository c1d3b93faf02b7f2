package dev.ldai.operator.launchdarkly;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed LaunchDarkly call: HTTP status (0 when no response arrived), LaunchDarkly's error {@code code}
 * and {@code message}, its classification and, for rate limits, how long to wait. Messages never contain
 * the API token.
 */
public class LaunchDarklyException extends RuntimeException {

  private final int httpStatus;
  private final String code;
  private final String apiMessage;
  private final ErrorKind kind;
  private final Duration retryAfter;

  public LaunchDarklyException(
      int httpStatus, String code, String apiMessage, ErrorKind kind, Duration retryAfter, Throwable cause) {
    super(describe(httpStatus, code, apiMessage), cause);
    this.httpStatus = httpStatus;
    this.code = code;
    this.apiMessage = apiMessage;
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public LaunchDarklyException(int httpStatus, String code, String apiMessage, ErrorKind kind) {
    this(httpStatus, code, apiMessage, kind, null, null);
  }

  private static String describe(int httpStatus, String code, String apiMessage) {
    String status = httpStatus == 0 ? "no response" : "HTTP " + httpStatus;
    return "LaunchDarkly " + status + (code == null ? "" : " " + code) + ": " + apiMessage;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** LaunchDarkly's error code, e.g. {@code invalid_request}; null when the body carried none. */
  public String code() {
    return code;
  }

  /** LaunchDarkly's own message (or a description of the I/O failure). */
  public String apiMessage() {
    return apiMessage;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** How long LaunchDarkly asked us to wait ({@code Retry-After} / {@code X-Ratelimit-Reset}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
