package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One page of list-configs (schema {@code AIConfigs}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdAIConfigPage(
    List<LdAIConfig> items, Integer totalCount, @JsonProperty("_links") Map<String, LdLink> links)
    implements LdPage<LdAIConfig> {}
