package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A variation pinning a version of an AI tool (schema {@code ToolReference}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdToolReference(
    String aiConfigKey,
    String aiConfigName,
    String variationId,
    String variationKey,
    String variationName,
    Integer toolVersion) {}
