package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An edge of an agent graph, from one AI Config to another (schemas {@code AgentGraphEdge}, as LaunchDarkly
 * returns it, and {@code AgentGraphEdgePost}, as it is sent: the same fields). {@code handoff} is any JSON
 * object, kept as written; null is not sent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdAgentGraphEdge(String key, String sourceConfig, String targetConfig, JsonNode handoff) {}
