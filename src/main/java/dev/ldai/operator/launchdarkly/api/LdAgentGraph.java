package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An agent graph as LaunchDarkly returns it (schema {@code AgentGraph}): AI Configs joined by edges from a
 * root config. It has no version, only {@code createdAt} and {@code updatedAt} (epoch milliseconds). Get
 * answers its {@code rootConfigKey} and {@code edges}; a listing leaves the edges out.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdAgentGraph(
    String key,
    String name,
    String description,
    String rootConfigKey,
    List<LdAgentGraphEdge> edges,
    Long createdAt,
    Long updatedAt,
    @JsonProperty("_maintainer") JsonNode maintainer) {}
