package dev.ldai.operator.agentgraph;

import dev.ldai.operator.launchdarkly.api.LdAgentGraphEdge;
import java.util.List;

/** A graph's root and edges with every node resolved to its AI Config key, as LaunchDarkly takes them. */
public record GraphShape(String rootConfigKey, List<LdAgentGraphEdge> edges) {

  public GraphShape {
    edges = List.copyOf(edges);
  }
}
