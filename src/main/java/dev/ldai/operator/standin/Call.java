package dev.ldai.operator.standin;

import java.util.List;
import java.util.Map;

/**
 * One request the stand-in received and how it answered. {@code query} is the raw query string (null when
 * none), {@code route} null for an unknown path, {@code status} 0 when no answer was sent (response lost or
 * connection dropped), {@code headers} the request headers by lower-case name with the {@code Authorization}
 * value masked, {@code apiVersion} the {@code LD-API-Version} header as sent (null when absent),
 * {@code receivedAt} the stand-in clock's epoch milliseconds when the request arrived, and {@code retryAt}
 * for a 429 the epoch milliseconds before which the client was told not to call again (0 otherwise).
 */
public record Call(
    String method, String path, String query, Route route, int status, String requestBody,
    Map<String, List<String>> headers, String apiVersion, long receivedAt, long retryAt) {

  /** What {@link #headers} shows instead of the token. */
  public static final String MASKED = "(masked)";
}
