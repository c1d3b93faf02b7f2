package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One page of the variations that pin a prompt snippet (schema {@code SnippetReferences}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdSnippetReferences(
    String resourceKey,
    String resourceType,
    List<LdSnippetReference> items,
    Integer totalCount,
    @JsonProperty("_links") Map<String, LdLink> links)
    implements LdPage<LdSnippetReference> {}
