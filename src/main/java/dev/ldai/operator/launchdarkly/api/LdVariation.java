package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One version of a variation as LaunchDarkly returns it (schema {@code AIConfigVariation}). The real API
 * omits {@code description} and {@code instructions} from get-variation responses.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdVariation(
    @JsonProperty("_id") String id,
    String key,
    String name,
    Integer version,
    Long createdAt,
    List<LdMessage> messages,
    JsonNode model,
    String modelConfigKey,
    String comment,
    String description,
    String instructions,
    String state,
    @JsonProperty("_publishedAt") Long publishedAt,
    @JsonProperty("_archivedAt") Long archivedAt,
    List<LdTool> tools,
    LdJudgeConfiguration judgeConfiguration) {

  /** This version with the description and instructions another answer (a listing) shows of it. */
  public LdVariation withTextOf(LdVariation shown) {
    return new LdVariation(id, key, name, version, createdAt, messages, model, modelConfigKey, comment,
        shown.description(), shown.instructions(), state, publishedAt, archivedAt, tools, judgeConfiguration);
  }
}
