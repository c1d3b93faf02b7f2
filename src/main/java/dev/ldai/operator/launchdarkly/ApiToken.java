package dev.ldai.operator.launchdarkly;

import java.util.Objects;

/**
 * A LaunchDarkly API access token. Its {@link #toString()} never reveals the value, so a token can not
 * leak into logs, Events, status or exception messages by accident.
 */
public final class ApiToken {

  private final String value;

  private ApiToken(String value) {
    this.value = value;
  }

  public static ApiToken of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("API token must not be blank");
    }
    return new ApiToken(value.strip());
  }

  /** The raw value, for the {@code Authorization} header only. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiToken token && token.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return "ApiToken[redacted]";
  }
}
