package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One page of list-prompt-snippets, or of one snippet's versions (schema {@code PromptSnippets}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdPromptSnippetPage(
    List<LdPromptSnippet> items, Integer totalCount, @JsonProperty("_links") Map<String, LdLink> links)
    implements LdPage<LdPromptSnippet> {}
