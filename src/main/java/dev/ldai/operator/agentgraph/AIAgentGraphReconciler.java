package dev.ldai.operator.agentgraph;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.AIConfigMode;
import dev.ldai.operator.common.Creates;
import dev.ldai.operator.common.Deletion;
import dev.ldai.operator.common.Dependency;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LaunchDarklyReconciler;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.ReconcileTriggers;
import dev.ldai.operator.common.ShownInListing;
import dev.ldai.operator.common.Sync;
import dev.ldai.operator.common.Target;
import dev.ldai.operator.common.Updated;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.drift.ProjectSnapshot.Part;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphEdge;
import dev.ldai.operator.status.Timestamps;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciles AIAgentGraph: waits for the AIConfigs it names, creates the graph, sends only what differs
 * (root and every edge together when either changes), reverts edits made in LaunchDarkly, and deletes it.
 *
 * <p>A graph carries no tags, so no owner tag marks the one a resource made: after a create whose answer was
 * lost, the graph under the key is this resource's when it is the one the spec describes; a graph found
 * under the key otherwise is taken only under {@code adoptionPolicy: Adopt}. Reads at rest are the project
 * listing's, which leaves edges out: a graph is read again only when its {@code updatedAt} moved.
 */
@Singleton
@ControllerConfiguration(name = "aiagentgraph", finalizerName = Finalizers.NAME, generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = ReconcileTriggers.class))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class AIAgentGraphReconciler
    extends LaunchDarklyReconciler<AIAgentGraph, AIAgentGraphStatus, AIAgentGraphReconciler.Where, LdAgentGraph, GraphChange>
    implements Creates<AIAgentGraph, AIAgentGraphStatus, AIAgentGraphReconciler.Where, LdAgentGraph>,
        ShownInListing<AIAgentGraph> {

  /** The AIConfigs of this namespace the graph's nodes name; the graph waits until each exists in LaunchDarkly. */
  static final Dependency<AIAgentGraph, AIConfig> CONFIGS = Dependency.onEach(AIConfig.class, AIAgentGraphReconciler::configRefs);

  /**
   * An agent graph in a project, and its root and edges resolved to config keys: empty when the spec has
   * none, and in a target recorded for deletion, which needs only the key.
   */
  public record Where(String project, String key, Optional<GraphShape> shape) implements Target {
    @Override
    public String what() {
      return "agent graph " + key;
    }

    @Override
    public String where() {
      return "project " + project;
    }
  }

  private final GraphReads reads = support.perResource(new GraphReads());

  public AIAgentGraphReconciler(ReconcileSupport support) {
    super(support);
  }

  @Override
  protected Class<AIAgentGraphStatus> statusType() {
    return AIAgentGraphStatus.class;
  }

  @Override
  protected Set<Part> partsToList(AIAgentGraph resource) {
    return Set.of(Part.AGENT_GRAPHS);
  }

  @Override
  protected List<Dependency<AIAgentGraph, ?>> dependencies() {
    return List.of(CONFIGS);
  }

  @Override
  protected String claim(AIAgentGraph resource, Context<AIAgentGraph> context) {
    return "%s/agent-graph/%s".formatted(resource.getSpec().getProjectKey(), Keys.effectiveKey(resource, resource.getSpec()));
  }

  /**
   * Resolves every node to its AI Config key. An AIConfig named here must exist in LaunchDarkly (not
   * necessarily Ready at its generation: a change to its prompt does not make the graph wait), be in the
   * graph's project, and be of mode agent (which cannot change).
   */
  @Override
  protected Where target(AIAgentGraph resource, Context<AIAgentGraph> context) {
    AIAgentGraphSpec spec = resource.getSpec();
    Optional<GraphShape> shape = Optional.empty();
    if (spec.getRoot() != null) {
      String root = configKey(resource, spec.getRoot(), "spec.root", context);
      List<LdAgentGraphEdge> edges = new ArrayList<>();
      List<GraphEdge> specEdges = spec.getEdges() == null ? List.of() : spec.getEdges();
      for (int i = 0; i < specEdges.size(); i++) {
        GraphEdge edge = specEdges.get(i);
        edges.add(new LdAgentGraphEdge(edge.getKey(),
            configKey(resource, edge.getSource(), "spec.edges[%d].source".formatted(i), context),
            configKey(resource, edge.getTarget(), "spec.edges[%d].target".formatted(i), context),
            edge.getHandoff()));
      }
      shape = Optional.of(new GraphShape(root, edges));
    }
    return new Where(spec.getProjectKey(), Keys.effectiveKey(resource, spec), shape);
  }

  private static String configKey(AIAgentGraph graph, GraphNode node, String field, Context<AIAgentGraph> context) {
    if (node.getConfigRef() == null) {
      return node.getConfigKey();
    }
    AIConfig config = CONFIGS.existing(graph, node.getConfigRef().getName(), context);
    requireJoinable(graph, config, field);
    return config.getStatus().getKey();
  }

  /** An AIConfig a node of the graph names must be in the graph's project, and of mode agent. */
  public static void requireJoinable(AIAgentGraph graph, AIConfig config, String field) {
    String configProject = config.getSpec().getProjectKey();
    if (!graph.getSpec().getProjectKey().equals(configProject)) {
      throw new InvalidSpecException("%s: AIConfig %s is in project %s, not %s"
          .formatted(field, config.getMetadata().getName(), configProject, graph.getSpec().getProjectKey()));
    }
    if (config.getSpec().getMode() != AIConfigMode.agent) {
      throw new InvalidSpecException("%s: AIConfig %s is mode %s; an agent graph joins agent-mode AI Configs"
          .formatted(field, config.getMetadata().getName(), modeOf(config.getSpec().getMode())));
    }
  }

  /** A config a node names by key, which LaunchDarkly lists with a mode, must be of mode agent. */
  public static void requireAgentMode(String configKey, LdAIConfig listed) {
    if (listed.mode() != null && !AIConfigMode.agent.wireValue().equals(listed.mode())) {
      throw new InvalidSpecException(
          "configKey %s: the AI Config is mode %s in LaunchDarkly; an agent graph joins agent-mode AI Configs"
              .formatted(configKey, listed.mode()));
    }
  }

  private static String modeOf(AIConfigMode mode) {
    return mode == null ? "completion (the default)" : mode.wireValue();
  }

  @Override
  protected Optional<Where> recordedTarget(AIAgentGraph resource) {
    return Optional.ofNullable(resource.getStatus()).map(AIAgentGraphStatus::getKey)
        .map(key -> new Where(resource.getSpec().getProjectKey(), key, Optional.empty()));
  }

  /** The remembered graph while the listing shows its {@code updatedAt} unchanged; else a GET. */
  @Override
  protected Optional<LdAgentGraph> observe(Sync<AIAgentGraph, AIAgentGraphStatus, Where> sync) {
    Where where = sync.target();
    Optional<ProjectSnapshot> listing = sync.listing().filter(snapshot -> snapshot.lists(Part.AGENT_GRAPHS));
    if (listing.isPresent()) {
      Optional<LdAgentGraph> listed = listing.get().agentGraph(where.key());
      if (listed.isEmpty()) {
        return Optional.empty();
      }
      Optional<LdAgentGraph> unchanged = reads.unchanged(sync.uid(), listed.get());
      if (unchanged.isPresent()) {
        return unchanged;
      }
    }
    Optional<LdAgentGraph> read = sync.client().getAgentGraph(where.project(), where.key());
    read.ifPresentOrElse(graph -> reads.remember(sync.uid(), graph), () -> reads.forget(sync.uid()));
    return read;
  }

  /** A graph has no tags: a listed graph is never known to be this resource's. */
  @Override
  public Listed listed(Sync<AIAgentGraph, AIAgentGraphStatus, Where> sync, ProjectSnapshot listing) {
    return listing.agentGraph(sync.target().key()).isPresent() ? Listed.FOREIGN : Listed.ABSENT;
  }

  /** Without tags, the graph is this resource's when it is the one the create sent. */
  @Override
  public boolean carriesOwnerTag(Sync<AIAgentGraph, AIAgentGraphStatus, Where> sync, LdAgentGraph observed) {
    return GraphMapping.madeFrom(sync.resource().getSpec(), sync.target().shape(), observed);
  }

  @Override
  public LdAgentGraph create(Sync<AIAgentGraph, AIAgentGraphStatus, Where> sync) {
    requireAgentModeOfUnmanagedNodes(sync);
    Where where = sync.target();
    LdAgentGraph created = sync.client().createAgentGraph(where.project(),
        GraphMapping.toPost(where.key(), sync.resource().getSpec(), where.shape()));
    reads.remember(sync.uid(), created);
    return created;
  }

  @Override
  protected Diff<GraphChange> diff(Sync<AIAgentGraph, AIAgentGraphStatus, Where> sync, LdAgentGraph observed) {
    requireAgentModeOfUnmanagedNodes(sync);
    return GraphMapping.diff(sync.resource().getSpec(), sync.target().shape(), observed);
  }

  /**
   * A config named by key is not managed here: the latest listing of the project, when there is one, tells
   * its mode. (A key the listing does not show is left to LaunchDarkly, which refuses an unknown config.)
   */
  private void requireAgentModeOfUnmanagedNodes(Sync<AIAgentGraph, AIAgentGraphStatus, Where> sync) {
    AIAgentGraphSpec spec = sync.resource().getSpec();
    Optional<ProjectSnapshot> latest = support.poller().latest(sync.token(), spec.getProjectKey());
    if (latest.isEmpty()) {
      return;
    }
    spec.nodes().stream().map(GraphNode::getConfigKey).filter(Objects::nonNull).distinct()
        .forEach(key -> latest.get().config(key).ifPresent(listed -> requireAgentMode(key, listed)));
  }

  /** A PATCH; or, to drop root and edges (which no PATCH can), a delete and a create. */
  @Override
  protected Updated<LdAgentGraph> update(
      Sync<AIAgentGraph, AIAgentGraphStatus, Where> sync, LdAgentGraph observed, Diff<GraphChange> diff) {
    Where where = sync.target();
    if (diff.change().recreate()) {
      sync.client().deleteAgentGraph(where.project(), where.key());
      reads.forget(sync.uid());
      LdAgentGraph created = create(sync);
      return Updated.replaced(created,
          "the spec has no root and no edges, and LaunchDarkly cannot remove them from a graph: deleted it and created it again");
    }
    LdAgentGraph patched = sync.client().patchAgentGraph(where.project(), where.key(), diff.change().patch());
    reads.remember(sync.uid(), patched);
    return Updated.patched(patched, String.join(", ", diff.fields()) + " changed");
  }

  @Override
  protected Deletion delete(AIAgentGraph resource, Where recorded, LaunchDarklyClient client) {
    boolean existed = client.deleteAgentGraph(recorded.project(), recorded.key());
    return Deletion.done(existed
        ? "Deleted agent graph %s".formatted(recorded.key())
        : "Agent graph %s was already gone from LaunchDarkly".formatted(recorded.key()));
  }

  @Override
  protected void fillStatus(AIAgentGraphStatus status, LdAgentGraph graph) {
    status.setKey(graph.key());
    status.setCreatedAt(Timestamps.fromEpochMillis(graph.createdAt()));
    status.setUpdatedAt(Timestamps.fromEpochMillis(graph.updatedAt()));
    status.setRootConfigKey(graph.rootConfigKey());
    status.setEdgeCount(GraphMapping.edgesOf(graph).size());
    status.setConfigKeys(GraphMapping.configKeys(graph));
  }

  /** Out of date when the listing shows another {@code updatedAt}, or no such graph. */
  @Override
  public boolean outOfDate(AIAgentGraph resource, ProjectSnapshot snapshot) {
    AIAgentGraphStatus status = resource.getStatus();
    if (!snapshot.lists(Part.AGENT_GRAPHS) || !resource.getSpec().getProjectKey().equals(snapshot.project())
        || status.getKey() == null) {
      return false;
    }
    return snapshot.agentGraph(status.getKey())
        .map(listed -> !Objects.equals(Timestamps.fromEpochMillis(listed.updatedAt()), status.getUpdatedAt()))
        .orElse(true);
  }

  private static List<LocalReference> configRefs(AIAgentGraph graph) {
    return graph.getSpec() == null
        ? List.of()
        : graph.getSpec().nodes().stream().map(GraphNode::getConfigRef).filter(Objects::nonNull).toList();
  }
}
