package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An AI Config as LaunchDarkly returns it (schema {@code AIConfig}). In list responses {@code variations}
 * holds the latest version of each variation; {@code dependencies} names the agent graphs using the config.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdAIConfig(
    String key,
    String name,
    String description,
    String mode,
    List<String> tags,
    Integer version,
    Long createdAt,
    Long updatedAt,
    String evaluationMetricKey,
    Boolean isInverted,
    @JsonProperty("_maintainer") JsonNode maintainer,
    List<LdVariation> variations,
    @JsonProperty("_links") Map<String, LdLink> links,
    List<LdAIConfigDependency> dependencies) {

  /** The keys of the agent graphs that use the config. */
  public List<String> agentGraphKeys() {
    return dependencies == null
        ? List.of()
        : dependencies.stream().filter(dependency -> "agent-graph".equals(dependency.type())).map(LdAIConfigDependency::key).toList();
  }
}
