package dev.ldai.operator.standin;

/**
 * One request the stand-in received and how it answered. {@code route} is null for an unknown path,
 * {@code status} 0 when no answer was sent (response lost or connection dropped), {@code apiVersion} the
 * {@code LD-API-Version} header as sent (null when absent), {@code receivedAt} the stand-in clock's epoch
 * milliseconds when the request arrived, and {@code retryAt} for a 429 the epoch milliseconds before
 * which the client was told not to call again (0 otherwise).
 */
public record Call(
    String method, String path, Route route, int status, String requestBody, String apiVersion, long receivedAt,
    long retryAt) {}
