package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Body of create-config (schema {@code AIConfigPost}); null fields are not sent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdAIConfigPost(
    String key,
    String name,
    String description,
    String mode,
    List<String> tags,
    String maintainerId,
    String maintainerTeamKey,
    String evaluationMetricKey,
    Boolean isInverted) {}
