package dev.ldai.operator.agentgraph;

import dev.ldai.operator.common.PerResourceState;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last whole graph (with its edges) this process read or wrote, per resource uid. A listing leaves the
 * edges out; while it shows the graph's {@code updatedAt} unchanged, the graph is the one remembered here and
 * is not read again.
 */
final class GraphReads implements PerResourceState {

  private final Map<String, LdAgentGraph> lastSeen = new ConcurrentHashMap<>();

  @Override
  public Set<String> resources() {
    return Set.copyOf(lastSeen.keySet());
  }

  @Override
  public void forget(String uid) {
    lastSeen.remove(uid);
  }

  void remember(String uid, LdAgentGraph whole) {
    lastSeen.put(uid, whole);
  }

  /** The remembered graph, when the listed one is the same graph at the same {@code updatedAt}. */
  Optional<LdAgentGraph> unchanged(String uid, LdAgentGraph listed) {
    return Optional.ofNullable(lastSeen.get(uid))
        .filter(seen -> seen.key().equals(listed.key()) && listed.updatedAt() != null
            && Objects.equals(seen.updatedAt(), listed.updatedAt()));
  }
}
