package dev.ldai.operator.agentgraph;

import dev.ldai.operator.launchdarkly.api.LdAgentGraphPatch;

/**
 * What brings a graph to its spec: a PATCH of what differs, or, when the spec drops a root and edges
 * LaunchDarkly holds (which no PATCH can remove), deleting the graph and creating it again.
 */
public record GraphChange(LdAgentGraphPatch patch, boolean recreate) {

  static GraphChange patching(LdAgentGraphPatch patch) {
    return new GraphChange(patch, false);
  }

  static GraphChange recreating() {
    return new GraphChange(null, true);
  }
}
