package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Body of update-AI-tool (schema {@code AIToolPatch}): only non-null fields are sent and replaced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdAIToolPatch(
    String description,
    JsonNode schema,
    JsonNode customParameters,
    List<String> tags,
    String maintainerId,
    String maintainerTeamKey) {}
