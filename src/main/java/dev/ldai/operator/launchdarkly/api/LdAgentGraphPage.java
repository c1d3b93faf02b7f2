package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One page of list-agent-graphs (schema {@code AgentGraphs}); its graphs come without their edges. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdAgentGraphPage(
    List<LdAgentGraph> items, Integer totalCount, @JsonProperty("_links") Map<String, LdLink> links)
    implements LdPage<LdAgentGraph> {}
