package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A variation whose messages or instructions pin a version of a prompt snippet (schema
 * {@code SnippetReference}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdSnippetReference(
    String aiConfigKey,
    String aiConfigName,
    String variationId,
    String variationKey,
    String variationName,
    Integer resourceVersion) {}
