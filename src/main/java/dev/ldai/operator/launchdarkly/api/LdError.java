package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** LaunchDarkly's error body {@code {code, message}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdError(String code, String message) {}
