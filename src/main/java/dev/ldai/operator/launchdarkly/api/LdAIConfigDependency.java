package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What depends on an AI Config (schema {@code AIConfigDependency}): for now, an agent graph using it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdAIConfigDependency(String type, String key) {}
