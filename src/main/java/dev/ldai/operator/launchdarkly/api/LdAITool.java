package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One version of an AI tool as LaunchDarkly returns it (schema {@code AITool}): a JSON Schema an agent can
 * call. {@code schema} and {@code customParameters} are any JSON objects, kept as LaunchDarkly wrote them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdAITool(
    String key,
    String description,
    JsonNode schema,
    JsonNode customParameters,
    List<String> tags,
    Integer version,
    Long createdAt,
    @JsonProperty("_maintainer") JsonNode maintainer,
    @JsonProperty("_links") Map<String, LdLink> links) implements LdVersioned {}
