package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of update-agent-graph (schema {@code AgentGraphPatch}): only non-null fields are sent and replaced.
 * {@code rootConfigKey} and {@code edges} go together (LaunchDarkly refuses one without the other, and so
 * does this record), and the edges replace all of the graph's edges. An empty maintainer removes it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdAgentGraphPatch(
    String name,
    String description,
    String maintainerId,
    String maintainerTeamKey,
    String rootConfigKey,
    List<LdAgentGraphEdge> edges) {

  public LdAgentGraphPatch {
    AgentGraphShape.requireRootAndEdgesTogether(rootConfigKey, edges);
  }
}
