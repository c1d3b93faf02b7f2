package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An AI model config as LaunchDarkly returns it (schema {@code ModelConfig}). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdModelConfig(
    String key,
    String name,
    String id,
    String icon,
    String provider,
    Boolean global,
    JsonNode params,
    JsonNode customParams,
    List<String> tags,
    Integer version,
    Double costPerInputToken,
    Double costPerOutputToken,
    Double costPerCachedInputToken,
    Boolean isRestricted) {}
