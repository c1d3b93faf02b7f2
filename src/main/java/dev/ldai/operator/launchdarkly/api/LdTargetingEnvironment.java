package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One environment's targeting (schema {@code AIConfigTargetingEnvironment}). Variations are indexes into
 * {@link LdTargeting#variations()}; {@code targets} hold the user context kind, {@code contextTargets} the
 * others.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdTargetingEnvironment(
    @JsonProperty("_environmentName") String environmentName,
    @JsonProperty("_version") Integer version,
    Boolean enabled,
    Fallthrough fallthrough,
    Integer offVariation,
    List<Rule> rules,
    List<Target> targets,
    List<Target> contextTargets) {

  /** A variation, or a rollout. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Fallthrough(Integer variation, Rollout rollout) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Rollout(List<Weighted> variations, String bucketBy, String contextKind) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Weighted(Integer variation, Integer weight) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Rule(
      @JsonProperty("_id") String id, String description, List<Clause> clauses, Integer variation, Rollout rollout) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Clause(String contextKind, String attribute, String op, List<JsonNode> values, Boolean negate) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Target(String contextKind, List<String> values, Integer variation) {}
}
