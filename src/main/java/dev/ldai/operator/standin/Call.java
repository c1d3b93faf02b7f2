package dev.ldai.operator.standin;

/** One request the stand-in received and how it answered (status 0: the response was dropped). */
public record Call(
    String method, String path, Route route, int status, String requestBody, String apiVersion) {}
