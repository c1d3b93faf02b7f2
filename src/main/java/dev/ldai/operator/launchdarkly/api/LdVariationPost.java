package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Body of create-variation (schema {@code AIConfigVariationPost}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdVariationPost(
    String key,
    String name,
    List<LdMessage> messages,
    JsonNode model,
    String modelConfigKey,
    String comment,
    String description,
    String instructions,
    List<LdTool> tools,
    LdJudgeConfiguration judgeConfiguration) {}
