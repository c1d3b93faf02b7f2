package dev.ldai.operator.agentgraph;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.Maintained;
import dev.ldai.operator.common.ProjectScoped;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * LaunchDarkly's {@code AgentGraphPost} / {@code AgentGraphPatch}: a root agent and the handoffs between
 * agents, each node an agent-mode AI Config. Root and edges go together, or the graph has neither.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.key) == has(oldSelf.key) && (!has(self.key) || self.key == oldSelf.key)",
    message = "key is immutable")
@ValidationRule(
    value = "!(has(self.maintainerId) && has(self.maintainerTeamKey))",
    message = "set at most one of maintainerId and maintainerTeamKey")
@ValidationRule(value = "has(self.root) == has(self.edges)", message = "set root and edges together, or neither")
public class AIAgentGraphSpec extends CommonSpec implements ProjectScoped, Maintained {

  /** Bounds the edges' CEL checks (each key compared with every other) within the API server's cost budget. */
  static final int MAX_EDGES = 100;

  @Required
  @Pattern(Keys.PATTERN)
  @Size(max = 256)
  @ValidationRule(value = "self == oldSelf", message = "projectKey is immutable")
  @JsonPropertyDescription("Key of the LaunchDarkly project. Immutable.")
  private String projectKey;

  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("Human-readable name of the graph.")
  private String name;

  @Size(max = 10_000)
  @JsonPropertyDescription("Description of the graph.")
  private String description;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("LaunchDarkly member id of the maintainer. At most one of maintainerId and maintainerTeamKey.")
  private String maintainerId;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Key of the LaunchDarkly team that maintains the graph.")
  private String maintainerTeamKey;

  @JsonPropertyDescription("The agent the graph starts at; with edges (which may be empty).")
  private GraphNode root;

  @Size(max = MAX_EDGES)
  @ValidationRule(value = "self.all(e, self.exists_one(f, f.key == e.key))", message = "edge keys must be unique")
  @JsonPropertyDescription(
      "Handoffs between agents; with root. Compared with LaunchDarkly's by key, in any order; a change sends"
          + " root and every edge.")
  private List<GraphEdge> edges;

  /** The nodes the spec names: the root, then each edge's source and target; none without a root. */
  List<GraphNode> nodes() {
    if (root == null) {
      return List.of();
    }
    List<GraphNode> nodes = new ArrayList<>();
    nodes.add(root);
    (edges == null ? List.<GraphEdge>of() : edges).forEach(edge -> {
      nodes.add(edge.getSource());
      nodes.add(edge.getTarget());
    });
    return nodes.stream().filter(Objects::nonNull).toList();
  }

  @Override
  public String getProjectKey() {
    return projectKey;
  }

  public void setProjectKey(String projectKey) {
    this.projectKey = projectKey;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  @Override
  public String getMaintainerId() {
    return maintainerId;
  }

  public void setMaintainerId(String maintainerId) {
    this.maintainerId = maintainerId;
  }

  @Override
  public String getMaintainerTeamKey() {
    return maintainerTeamKey;
  }

  public void setMaintainerTeamKey(String maintainerTeamKey) {
    this.maintainerTeamKey = maintainerTeamKey;
  }

  public GraphNode getRoot() {
    return root;
  }

  public void setRoot(GraphNode root) {
    this.root = root;
  }

  public List<GraphEdge> getEdges() {
    return edges;
  }

  public void setEdges(List<GraphEdge> edges) {
    this.edges = edges;
  }
}
