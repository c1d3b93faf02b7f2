package dev.ldai.operator.launchdarkly.api;

import java.util.List;

/** What LaunchDarkly requires of every agent graph body. */
final class AgentGraphShape {

  /** LaunchDarkly answers 400 to a body with a root config and no edges, or edges and no root config. */
  static void requireRootAndEdgesTogether(String rootConfigKey, List<LdAgentGraphEdge> edges) {
    if ((rootConfigKey == null) != (edges == null)) {
      throw new IllegalArgumentException("rootConfigKey and edges of an agent graph go together: "
          + (rootConfigKey == null ? "edges without rootConfigKey" : "rootConfigKey without edges"));
    }
  }

  private AgentGraphShape() {}
}
