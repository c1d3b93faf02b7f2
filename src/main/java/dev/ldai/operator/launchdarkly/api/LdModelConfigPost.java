package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Body of create-model-config (schema {@code ModelConfigPost}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdModelConfigPost(
    String key,
    String name,
    String id,
    String icon,
    String provider,
    JsonNode params,
    JsonNode customParams,
    List<String> tags,
    Double costPerInputToken,
    Double costPerOutputToken,
    Double costPerCachedInputToken) {}
