package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Body of update-variation (schema {@code AIConfigVariationPatch}); each PATCH creates a new version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdVariationPatch(
    String name,
    List<LdMessage> messages,
    JsonNode model,
    String modelConfigKey,
    String comment,
    String description,
    String instructions,
    List<LdTool> tools,
    LdJudgeConfiguration judgeConfiguration,
    String state) {}
