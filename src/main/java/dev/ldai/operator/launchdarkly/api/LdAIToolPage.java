package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One page of list-AI-tools, or of one tool's versions (schema {@code AITools}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdAIToolPage(
    List<LdAITool> items, Integer totalCount, @JsonProperty("_links") Map<String, LdLink> links)
    implements LdPage<LdAITool> {}
