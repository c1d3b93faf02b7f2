package dev.ldai.operator.agentgraph;

import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Maintainer;
import dev.ldai.operator.common.Semantic;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphEdge;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPatch;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps an AIAgentGraph spec (its nodes resolved, {@link GraphShape}) to LaunchDarkly's agent graph, and the
 * change between them. Edges compare by key in any order, {@code handoff} as a JSON value (an absent handoff
 * and {@code {}} are the same); a change of root or edges sends both, with every edge, as LaunchDarkly
 * requires. A spec without root and edges, for a graph that has them, needs the graph made again.
 */
public final class GraphMapping {

  static final String ROOT_AND_EDGES = "rootConfigKey, edges";

  private GraphMapping() {}

  public static LdAgentGraphPost toPost(String key, AIAgentGraphSpec spec, Optional<GraphShape> shape) {
    return new LdAgentGraphPost(key, spec.getName(), spec.getDescription(), spec.getMaintainerId(),
        spec.getMaintainerTeamKey(), shape.map(GraphShape::rootConfigKey).orElse(null),
        shape.map(GraphShape::edges).orElse(null));
  }

  /** Fields the spec leaves out (description, maintainer) are not managed and never patched. */
  public static Diff<GraphChange> diff(AIAgentGraphSpec spec, Optional<GraphShape> shape, LdAgentGraph actual) {
    if (shape.isEmpty() && hasRootOrEdges(actual)) {
      return new Diff<>(List.of("rootConfigKey", "edges"), GraphChange.recreating());
    }
    List<String> fields = new ArrayList<>();
    boolean name = !spec.getName().equals(actual.name());
    boolean description = spec.getDescription() != null && !spec.getDescription().equals(actual.description());
    String maintainerId = Maintainer.memberToSend(spec, actual.maintainer());
    String maintainerTeamKey = Maintainer.teamToSend(spec, actual.maintainer());
    boolean rootAndEdges = shape.isPresent() && !sameShape(shape.get(), actual);
    addIf(fields, name, "name");
    addIf(fields, description, "description");
    addIf(fields, maintainerId != null, "maintainerId");
    addIf(fields, maintainerTeamKey != null, "maintainerTeamKey");
    if (rootAndEdges) {
      fields.add("rootConfigKey");
      fields.add("edges");
    }
    return new Diff<>(List.copyOf(fields), GraphChange.patching(new LdAgentGraphPatch(
        name ? spec.getName() : null,
        description ? spec.getDescription() : null,
        maintainerId,
        maintainerTeamKey,
        rootAndEdges ? shape.get().rootConfigKey() : null,
        rootAndEdges ? shape.get().edges() : null)));
  }

  /**
   * The spec that describes LaunchDarkly's graph as it is, so that {@link #diff} finds no field to send. Each
   * node names its AIConfig by resource where {@code configName} knows one for the key, else by key. An empty
   * description is left out, and so not managed.
   */
  public static AIAgentGraphSpec toSpec(String projectKey, LdAgentGraph graph, Function<String, Optional<String>> configName) {
    AIAgentGraphSpec spec = new AIAgentGraphSpec();
    spec.setKey(graph.key());
    spec.setProjectKey(projectKey);
    spec.setName(graph.name());
    spec.setDescription(graph.description() == null || graph.description().isEmpty() ? null : graph.description());
    spec.setMaintainerId(Maintainer.memberIdOf(graph.maintainer()));
    spec.setMaintainerTeamKey(Maintainer.teamKeyOf(graph.maintainer()));
    if (graph.rootConfigKey() != null) {
      spec.setRoot(nodeOf(graph.rootConfigKey(), configName));
      spec.setEdges(edgesOf(graph).stream().map(edge -> new GraphEdge(edge.key(), nodeOf(edge.sourceConfig(), configName),
          nodeOf(edge.targetConfig(), configName), edge.handoff())).toList());
    }
    return spec;
  }

  private static GraphNode nodeOf(String configKey, Function<String, Optional<String>> configName) {
    return configName.apply(configKey).map(GraphNode::ref).orElseGet(() -> GraphNode.key(configKey));
  }

  /** Whether LaunchDarkly holds this root and these edges (by key, in any order). */
  public static boolean sameShape(GraphShape wanted, LdAgentGraph actual) {
    if (!wanted.rootConfigKey().equals(actual.rootConfigKey())) {
      return false;
    }
    List<LdAgentGraphEdge> held = edgesOf(actual);
    if (held.size() != wanted.edges().size()) {
      return false;
    }
    Map<String, LdAgentGraphEdge> heldByKey = held.stream()
        .collect(Collectors.toMap(LdAgentGraphEdge::key, Function.identity(), (first, second) -> first));
    return wanted.edges().stream().allMatch(edge -> sameEdge(edge, heldByKey.get(edge.key())));
  }

  /** Whether the graph LaunchDarkly holds is the one a create from this spec would have made. */
  public static boolean madeFrom(AIAgentGraphSpec spec, Optional<GraphShape> shape, LdAgentGraph actual) {
    return spec.getName().equals(actual.name())
        && shape.map(wanted -> sameShape(wanted, actual)).orElseGet(() -> !hasRootOrEdges(actual));
  }

  /** The keys of the configs the graph joins: its root and every edge's ends, sorted. */
  public static List<String> configKeys(LdAgentGraph graph) {
    List<String> keys = new ArrayList<>();
    keys.add(graph.rootConfigKey());
    edgesOf(graph).forEach(edge -> {
      keys.add(edge.sourceConfig());
      keys.add(edge.targetConfig());
    });
    return keys.stream().filter(Objects::nonNull).distinct().sorted().toList();
  }

  static List<LdAgentGraphEdge> edgesOf(LdAgentGraph graph) {
    return graph.edges() == null ? List.of() : graph.edges();
  }

  private static boolean hasRootOrEdges(LdAgentGraph actual) {
    return actual.rootConfigKey() != null || !edgesOf(actual).isEmpty();
  }

  private static boolean sameEdge(LdAgentGraphEdge wanted, LdAgentGraphEdge held) {
    return held != null
        && Objects.equals(wanted.sourceConfig(), held.sourceConfig())
        && Objects.equals(wanted.targetConfig(), held.targetConfig())
        && Semantic.sameJson(wanted.handoff(), held.handoff());
  }

  private static void addIf(List<String> fields, boolean differs, String field) {
    if (differs) {
      fields.add(field);
    }
  }
}
