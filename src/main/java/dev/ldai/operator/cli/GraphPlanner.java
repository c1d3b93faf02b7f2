package dev.ldai.operator.cli;

import static dev.ldai.operator.cli.Planning.createOrObserve;
import static dev.ldai.operator.cli.Planning.fieldChanges;
import static dev.ldai.operator.cli.Planning.nowhere;
import static dev.ldai.operator.cli.Planning.path;
import static dev.ldai.operator.cli.Planning.readyKey;
import static dev.ldai.operator.cli.Planning.referenced;

import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.agentgraph.AIAgentGraphReconciler;
import dev.ldai.operator.agentgraph.AIAgentGraphSpec;
import dev.ldai.operator.agentgraph.GraphChange;
import dev.ldai.operator.agentgraph.GraphEdge;
import dev.ldai.operator.agentgraph.GraphMapping;
import dev.ldai.operator.agentgraph.GraphNode;
import dev.ldai.operator.agentgraph.GraphShape;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.cli.PlannedChange.Action;
import dev.ldai.operator.cli.PlannedChange.FieldChange;
import dev.ldai.operator.common.AdoptionPolicy;
import dev.ldai.operator.common.DependencyNotReadyException;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.StalledException;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the operator would do for an AIAgentGraph: every node resolved to an agent-mode AI Config of the manifests
 * or of LaunchDarkly, and {@link GraphMapping}'s diff against the graph with its edges; a graph losing its root
 * and edges is deleted and created again.
 */
final class GraphPlanner extends KindPlanner<AIAgentGraph> {

  GraphPlanner(DesiredResources desired, LaunchDarklyState launchDarkly, PlannedClaims claims) {
    super(desired, launchDarkly, claims);
  }

  @Override
  PlannedChange plan(AIAgentGraph resource) {
    AIAgentGraphSpec spec = resource.getSpec();
    String project = spec.getProjectKey();
    String key = Keys.effectiveKey(resource, spec);
    Change change = new Change(resource, desired.origin(resource), new AIAgentGraphReconciler.Where(project, key, Optional.empty()));
    if (claims.takenByAnother(change, resource, project + "/agent-graph/" + key)) {
      return change.build();
    }
    Optional<GraphShape> shape;
    try {
      shape = shape(resource);
    } catch (StalledException e) {
      return change.refuse(e);
    } catch (DependencyNotReadyException e) {
      return change.refuse("DependencyNotReady", e.getMessage());
    }
    Optional<LdAgentGraph> found = launchDarkly.agentGraph(project, key);
    if (found.isEmpty()) {
      return createOrObserve(change, resource, GraphMapping.toPost(key, spec, shape), path(project, "agent-graphs"), () -> {});
    }
    LdAgentGraph actual = found.get();
    Diff<GraphChange> diff = GraphMapping.diff(spec, shape, actual);
    GraphChange graphChange = diff.change();
    Object sent = graphChange.recreate() ? GraphMapping.toPost(key, spec, shape) : graphChange.patch();
    List<FieldChange> fields = fieldChanges(diff.fields(), actual, sent);
    if (ManagementPolicy.observes(resource)) {
      return change.act(Action.OBSERVE, fields, List.of());
    }
    if (spec.getAdoptionPolicy() != AdoptionPolicy.Adopt) {
      change.note("LaunchDarkly does not record who made an agent graph: unless an AIAgentGraph of the cluster made this"
          + " one, it is refused without spec.adoptionPolicy: Adopt");
    }
    if (diff.isEmpty()) {
      return change.build();
    }
    return graphChange.recreate()
        ? change.act(Action.REPLACE, fields, List.of("DELETE " + path(project, "agent-graphs", key), "POST " + path(project, "agent-graphs")))
        : change.act(Action.UPDATE, fields, List.of("PATCH " + path(project, "agent-graphs", key)));
  }

  /** The root and edges with every node resolved to an AI Config key, as the graph's reconciler resolves them. */
  private Optional<GraphShape> shape(AIAgentGraph resource) {
    AIAgentGraphSpec spec = resource.getSpec();
    if (spec.getRoot() == null) {
      return Optional.empty();
    }
    String root = configKey(resource, spec.getRoot(), "spec.root");
    List<LdAgentGraphEdge> edges = new ArrayList<>();
    List<GraphEdge> specEdges = spec.getEdges() == null ? List.of() : spec.getEdges();
    for (int i = 0; i < specEdges.size(); i++) {
      GraphEdge edge = specEdges.get(i);
      edges.add(new LdAgentGraphEdge(edge.getKey(), configKey(resource, edge.getSource(), "spec.edges[%d].source".formatted(i)),
          configKey(resource, edge.getTarget(), "spec.edges[%d].target".formatted(i)), edge.getHandoff()));
    }
    return Optional.of(new GraphShape(root, edges));
  }

  private String configKey(AIAgentGraph graph, GraphNode node, String field) {
    String project = graph.getSpec().getProjectKey();
    if (node.getConfigRef() != null) {
      AIConfig config = referenced(desired, graph, AIConfig.class, node.getConfigRef(), field + ".configRef");
      AIAgentGraphReconciler.requireJoinable(graph, config, field);
      return readyKey(config, "AIConfig");
    }
    String key = node.getConfigKey();
    Optional<LdAIConfig> listed = launchDarkly.project(project).config(key);
    if (listed.isPresent()) {
      AIAgentGraphReconciler.requireAgentMode(key, listed.get());
      return key;
    }
    if (desired.keyed(AIConfig.class, project, key).findAny().isEmpty()) {
      throw nowhere(desired, graph, field + ".configKey", "AI Config " + key, project);
    }
    return key;
  }
}
