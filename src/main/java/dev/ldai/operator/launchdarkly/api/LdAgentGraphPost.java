package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of create-agent-graph (schema {@code AgentGraphPost}); null fields are not sent. Without
 * {@code rootConfigKey} and {@code edges} the graph is created with its metadata only; LaunchDarkly refuses
 * one of them without the other, and so does this record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdAgentGraphPost(
    String key,
    String name,
    String description,
    String maintainerId,
    String maintainerTeamKey,
    String rootConfigKey,
    List<LdAgentGraphEdge> edges) {

  public LdAgentGraphPost {
    AgentGraphShape.requireRootAndEdgesTogether(rootConfigKey, edges);
  }
}
