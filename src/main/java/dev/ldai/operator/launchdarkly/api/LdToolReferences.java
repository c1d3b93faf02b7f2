package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One page of the variations that pin an AI tool (schema {@code ToolReferences}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdToolReferences(
    String resourceKey,
    String resourceType,
    List<LdToolReference> items,
    Integer totalCount,
    @JsonProperty("_links") Map<String, LdLink> links)
    implements LdPage<LdToolReference> {}
