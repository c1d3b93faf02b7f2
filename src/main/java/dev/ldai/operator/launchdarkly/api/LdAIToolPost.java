package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Body of create-AI-tool (schema {@code AIToolPost}); null fields are not sent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdAIToolPost(
    String key,
    String description,
    JsonNode schema,
    JsonNode customParameters,
    List<String> tags,
    String maintainerId,
    String maintainerTeamKey) {}
