package dev.ldai.operator.standin;

/**
 * One request the stand-in received and how it answered. {@code route} is null for an unknown path,
 * {@code status} 0 when the response was deliberately lost, {@code apiVersion} the {@code LD-API-Version}
 * header as sent (null when absent).
 */
public record Call(
    String method, String path, Route route, int status, String requestBody, String apiVersion) {}
