package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One version of a prompt snippet as LaunchDarkly returns it (schema {@code PromptSnippet}): text that
 * prompts include by a {@code {{snippet.KEY#VERSION}}} tag.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdPromptSnippet(
    String key,
    String name,
    String description,
    String text,
    List<String> tags,
    Integer version,
    Long createdAt,
    @JsonProperty("_maintainer") JsonNode maintainer,
    @JsonProperty("_links") Map<String, LdLink> links) implements LdVersioned {}
