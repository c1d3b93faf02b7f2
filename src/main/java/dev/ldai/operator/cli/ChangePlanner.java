package dev.ldai.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.agentgraph.AIAgentGraphSpec;
import dev.ldai.operator.agentgraph.GraphChange;
import dev.ldai.operator.agentgraph.GraphEdge;
import dev.ldai.operator.agentgraph.GraphMapping;
import dev.ldai.operator.agentgraph.GraphNode;
import dev.ldai.operator.agentgraph.GraphShape;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.AIConfigMapping;
import dev.ldai.operator.aiconfig.AIConfigMode;
import dev.ldai.operator.aiconfig.AIConfigSpec;
import dev.ldai.operator.aiconfig.AIConfigStatus;
import dev.ldai.operator.cli.PlannedChange.Action;
import dev.ldai.operator.cli.PlannedChange.FieldChange;
import dev.ldai.operator.common.AdoptionPolicy;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.DependencyNotReadyException;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.common.Maintainer;
import dev.ldai.operator.common.ManagedSpec;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.StalledException;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphEdge;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import dev.ldai.operator.launchdarkly.api.LdVersioned;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.modelconfig.AIModelConfigSpec;
import dev.ldai.operator.modelconfig.AIModelConfigStatus;
import dev.ldai.operator.modelconfig.ModelConfigMapping;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.snippet.SnippetMapping;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.tool.ToolMapping;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.AIConfigVariationReconciler;
import dev.ldai.operator.variation.AIConfigVariationSpec;
import dev.ldai.operator.variation.AIConfigVariationStatus;
import dev.ldai.operator.variation.Pinning;
import dev.ldai.operator.variation.Tool;
import dev.ldai.operator.variation.VariationMapping;
import dev.ldai.operator.versioned.VersionedStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the operator would do for each manifest, worked out as its reconcilers work it out and with their own
 * mapping and diff classes: the object LaunchDarkly holds under the key (from the listing the operator's poller
 * makes), whose it is (the owner tag), whether the spec may take it over (adoption policy), and the diff. The
 * kinds are planned in the order they depend on one another; each planned resource is given the status it would
 * have once synced (its key, and for tools and snippets the version it would make), so that what references it
 * resolves as the operator would resolve it then.
 */
final class ChangePlanner {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Clock CLOCK = Clock.systemUTC();

  private final DesiredResources desired;
  private final LaunchDarklyState launchDarkly;
  private final TargetingPlanner targetings;
  private final PlannedClaims claims = new PlannedClaims();

  ChangePlanner(DesiredResources desired, LaunchDarklyState launchDarkly) {
    this.desired = desired;
    this.launchDarkly = launchDarkly;
    this.targetings = new TargetingPlanner(desired, launchDarkly, claims);
  }

  List<PlannedChange> plan() {
    List<PlannedChange> changes = new ArrayList<>();
    desired.all(AIModelConfig.class).forEach(model -> changes.add(modelConfig(model)));
    desired.all(AITool.class).forEach(tool -> changes.add(tool(tool)));
    desired.all(PromptSnippet.class).forEach(snippet -> changes.add(snippet(snippet)));
    desired.all(AIConfig.class).forEach(config -> changes.add(config(config)));
    desired.all(AIConfigVariation.class).forEach(variation -> changes.add(variation(variation)));
    desired.all(AIConfigTargeting.class).forEach(targeting -> changes.add(targetings.plan(targeting)));
    desired.all(AIAgentGraph.class).forEach(graph -> changes.add(graph(graph)));
    return changes;
  }

  // ---- The kinds ----

  private PlannedChange modelConfig(AIModelConfig resource) {
    AIModelConfigSpec spec = resource.getSpec();
    String project = spec.getProjectKey();
    String key = Keys.effectiveKey(resource, spec);
    Change change = change(resource, "model config %s in project %s".formatted(key, project));
    if (claims.takenByAnother(change, resource, project + "/model-config/" + key)) {
      return change.build();
    }
    ProjectSnapshot listing = launchDarkly.project(project);
    Optional<LdModelConfig> found = listing.model(key);
    if (found.filter(model -> Boolean.TRUE.equals(model.global())).isPresent()) {
      return change.refuse("AlreadyExists", "%s is a global model config provided by LaunchDarkly; reference it with modelConfigKey instead".formatted(key));
    }
    String created = path(project, "ai-configs", "model-configs");
    if (found.isEmpty()) {
      return createOrObserve(change, resource, ModelConfigMapping.toPost(key, spec, OwnerTag.of(resource)), created,
          () -> synced(resource, new AIModelConfigStatus(), key));
    }
    LdModelConfig actual = found.get();
    List<String> differences = ModelConfigMapping.differences(spec, actual);
    List<FieldChange> fields = fieldChanges(differences, actual, ModelConfigMapping.toPost(key, spec, OwnerTag.of(resource)));
    if (!owned(change, resource, actual.tags(), fields)) {
      return change.build();
    }
    synced(resource, new AIModelConfigStatus(), key);
    if (differences.isEmpty()) {
      return change.build();
    }
    List<String> users = listing.configs().values().stream()
        .flatMap(config -> variationsOf(config).stream()
            .filter(variation -> key.equals(variation.modelConfigKey()))
            .map(variation -> config.key() + "/" + variation.key()))
        .sorted().toList();
    if (!users.isEmpty()) {
      change.fields(fields);
      return change.refuse("ModelConfigInUse", "model config %s differs in %s but LaunchDarkly can only replace it while unused; used by %s"
          .formatted(key, String.join(", ", differences), String.join(", ", users)));
    }
    return change.act(Action.REPLACE, fields, List.of("DELETE " + path(project, "ai-configs", "model-configs", key), "POST " + created));
  }

  private PlannedChange tool(AITool resource) {
    String project = resource.getSpec().getProjectKey();
    String key = Keys.effectiveKey(resource, resource.getSpec());
    return versioned(resource, "AI tool", project, key, "ai-tools", launchDarkly.project(project).tool(key),
        actual -> ToolMapping.diff(resource.getSpec(), actual, ownerTagUnlessObserving(resource)),
        () -> ToolMapping.toPost(key, resource.getSpec(), OwnerTag.of(resource)));
  }

  private PlannedChange snippet(PromptSnippet resource) {
    String project = resource.getSpec().getProjectKey();
    String key = Keys.effectiveKey(resource, resource.getSpec());
    return versioned(resource, "prompt snippet", project, key, "ai-configs/prompt-snippets", launchDarkly.project(project).snippet(key),
        actual -> SnippetMapping.diff(resource.getSpec(), actual, ownerTagUnlessObserving(resource)),
        () -> SnippetMapping.toPost(key, resource.getSpec(), OwnerTag.of(resource)));
  }

  /** A tool or snippet: each PATCH is a new version, which the resource's status would then show. */
  private <O extends LdVersioned> PlannedChange versioned(CustomResource<? extends CommonSpec, VersionedStatus> resource,
      String described, String project, String key, String collection, Optional<O> found,
      Function<O, Diff<?>> diff, java.util.function.Supplier<Object> post) {
    Change change = change(resource, "%s %s in project %s".formatted(described, key, project));
    if (claims.takenByAnother(change, resource, project + "/" + collection + "/" + key)) {
      return change.build();
    }
    if (found.isEmpty()) {
      return createOrObserve(change, resource, post.get(), path(project, collection), () -> synced(resource, versioned(1), key));
    }
    O actual = found.get();
    Diff<?> differences = diff.apply(actual);
    List<FieldChange> fields = fieldChanges(differences.fields(), actual, differences.change());
    if (!owned(change, resource, actual.tags(), fields)) {
      return change.build();
    }
    boolean writes = !differences.isEmpty() && !OwnerTag.leftForTheNextChange(resource.getSpec(), differences.fields());
    synced(resource, versioned(writes ? actual.version() + 1 : actual.version()), key);
    return writes ? change.act(Action.UPDATE, fields, List.of("PATCH " + path(project, collection, key))) : change.build();
  }

  private PlannedChange config(AIConfig resource) {
    AIConfigSpec spec = resource.getSpec();
    String project = spec.getProjectKey();
    String key = Keys.effectiveKey(resource, spec);
    Change change = change(resource, "AI Config %s in project %s".formatted(key, project));
    if (claims.takenByAnother(change, resource, project + "/ai-config/" + key)) {
      return change.build();
    }
    Optional<LdAIConfig> found = launchDarkly.project(project).config(key);
    if (found.isEmpty()) {
      return createOrObserve(change, resource, AIConfigMapping.toPost(key, spec, OwnerTag.of(resource)), path(project, "ai-configs"),
          () -> synced(resource, new AIConfigStatus(), key));
    }
    LdAIConfig actual = found.get();
    if (spec.getMode() != null && actual.mode() != null && !spec.getMode().wireValue().equals(actual.mode())) {
      return change.refuse("InvalidSpec", "spec.mode: is %s but the AI Config in LaunchDarkly is %s, and LaunchDarkly cannot change a mode"
          .formatted(spec.getMode().wireValue(), actual.mode()));
    }
    Diff<?> diff = AIConfigMapping.patchFor(spec, actual, ownerTagUnlessObserving(resource));
    List<FieldChange> fields = fieldChanges(diff.fields(), actual, diff.change());
    if (!owned(change, resource, actual.tags(), fields)) {
      return change.build();
    }
    synced(resource, new AIConfigStatus(), key);
    return diff.isEmpty() || OwnerTag.leftForTheNextChange(spec, diff.fields())
        ? change.build()
        : change.act(Action.UPDATE, fields, List.of("PATCH " + path(project, "ai-configs", key)));
  }

  private PlannedChange variation(AIConfigVariation resource) {
    AIConfigVariationSpec spec = resource.getSpec();
    String key = Keys.effectiveKey(resource, spec);
    Parent parent = Parent.of(resource, spec.getConfigRef(), spec.getProjectKey(), spec.getConfigKey(), desired, launchDarkly);
    Change change = change(resource, "variation %s of AI Config %s in project %s".formatted(key, parent.configKey(), parent.project()));
    if (parent.waitsFor().isPresent()) {
      return change.refuse("DependencyNotReady", parent.waitsFor().get());
    }
    if (claims.takenByAnother(change, resource, parent.project() + "/ai-config/" + parent.configKey() + "/variations/" + key)) {
      return change.build();
    }
    ProjectSnapshot listing = launchDarkly.project(parent.project());
    AIConfigVariationSpec sent;
    String modelConfigKey;
    try {
      modelConfigKey = modelConfigKey(resource, parent.project());
      sent = Pinning.resolve(resource, parent.project(), new Pinning.Lookups(
          name -> desired.named(AITool.class, resource.getMetadata().getNamespace(), name),
          snippetKey -> desired.all(PromptSnippet.class)
              .filter(snippet -> snippet.getMetadata().getNamespace().equals(resource.getMetadata().getNamespace()))
              .filter(snippet -> snippetKey.equals(Keys.effectiveKey(snippet, snippet.getSpec())))
              .toList(),
          snippetKey -> listing.snippet(snippetKey).map(LdPromptSnippet::version))).sent(spec);
      requireToolsByKey(resource, parent.project(), listing);
    } catch (StalledException e) {
      return change.refuse(e.reason().name(), e.getMessage());
    } catch (DependencyNotReadyException e) {
      return change.refuse("DependencyNotReady", e.getMessage());
    }
    boolean observes = ManagementPolicy.observes(resource);
    Optional<LdVariation> found = listing.variation(parent.configKey(), key);
    String variations = path(parent.project(), "ai-configs", parent.configKey(), "variations");
    if (found.isEmpty()) {
      LdVariationPost post = VariationMapping.toPost(key, sent, modelConfigKey);
      if (observes) {
        return createOrObserve(change, resource, post, variations, () -> {});
      }
      AIConfigVariationStatus afterCreate = new AIConfigVariationStatus();
      Diff<LdVariationPatch> rest = AIConfigVariationReconciler.diffShown(sent, answerTo(post), modelConfigKey, afterCreate, false);
      List<String> writes = new ArrayList<>(List.of("POST " + variations));
      if (!rest.isEmpty()) {
        writes.add("PATCH " + path(parent.project(), "ai-configs", parent.configKey(), "variations", key));
      }
      synced(resource, new AIConfigVariationStatus(), key);
      return change.act(Action.CREATE, createdFields(post), writes);
    }
    LdVariation actual = found.get();
    Diff<LdVariationPatch> diff = AIConfigVariationReconciler.diffShown(sent, actual, modelConfigKey, new AIConfigVariationStatus(), observes);
    List<FieldChange> fields = fieldChanges(diff.fields(), actual, diff.change());
    boolean own = spec.getConfigRef() != null && listing.config(parent.configKey())
        .filter(config -> OwnerTag.carries(config.tags(), OwnerTag.of(HasMetadata.getKind(AIConfig.class),
            resource.getMetadata().getNamespace(), spec.getConfigRef().getName())))
        .isPresent();
    if (!ownedOrAdopted(change, resource, own, fields)) {
      return change.build();
    }
    synced(resource, new AIConfigVariationStatus(), key);
    return diff.isEmpty()
        ? change.build()
        : change.act(Action.UPDATE, fields, List.of("PATCH " + path(parent.project(), "ai-configs", parent.configKey(), "variations", key)));
  }

  /** What LaunchDarkly answers a create of the variation: what it was sent, at version 1, with no state set. */
  private static LdVariation answerTo(LdVariationPost post) {
    return new LdVariation(null, post.key(), post.name(), 1, null, post.messages(), post.model(), post.modelConfigKey(),
        post.comment(), post.description(), post.instructions(), null, null, null, post.tools(), post.judgeConfiguration());
  }

  /** The model config the variation uses: an AIModelConfig of the manifests, or a key LaunchDarkly or they have. */
  private String modelConfigKey(AIConfigVariation resource, String project) {
    AIConfigVariationSpec spec = resource.getSpec();
    if (spec.getModelConfigRef() != null) {
      AIModelConfig model = referenced(resource, AIModelConfig.class, spec.getModelConfigRef(), "spec.modelConfigRef");
      if (!model.getSpec().getProjectKey().equals(project)) {
        throw new InvalidSpecException(
            "spec.modelConfigRef: AIModelConfig %s is in project %s, but the AI Config is in project %s"
                .formatted(model.getMetadata().getName(), model.getSpec().getProjectKey(), project));
      }
      return readyKey(model, "AIModelConfig");
    }
    String key = spec.getModelConfigKey();
    if (key != null && launchDarkly.project(project).model(key).isEmpty() && desired.all(AIModelConfig.class)
        .noneMatch(model -> project.equals(model.getSpec().getProjectKey()) && key.equals(Keys.effectiveKey(model, model.getSpec())))) {
      throw new CommandException("%s: spec.modelConfigKey: model config %s is neither in project %s nor in the manifests"
          .formatted(desired.origin(resource), key, project));
    }
    return key;
  }

  /** Tools named by key must exist, in LaunchDarkly or the manifests, with the version named. */
  private void requireToolsByKey(AIConfigVariation resource, String project, ProjectSnapshot listing) {
    List<Tool> tools = resource.getSpec().getTools() == null ? List.of() : resource.getSpec().getTools();
    for (int i = 0; i < tools.size(); i++) {
      Tool entry = tools.get(i);
      if (entry.getToolRef() != null) {
        continue;
      }
      Optional<Integer> latest = desired.all(AITool.class)
          .filter(tool -> project.equals(tool.getSpec().getProjectKey()) && entry.getKey().equals(Keys.effectiveKey(tool, tool.getSpec())))
          .map(tool -> tool.getStatus() == null ? null : tool.getStatus().getVersion())
          .filter(Objects::nonNull)
          .findFirst()
          .or(() -> listing.tool(entry.getKey()).map(LdAITool::version));
      if (latest.isEmpty()) {
        throw new CommandException("%s: spec.tools[%d].key: AI tool %s is neither in project %s nor in the manifests"
            .formatted(desired.origin(resource), i, entry.getKey(), project));
      }
      if (entry.getVersion() != null && entry.getVersion() > latest.get()) {
        throw new InvalidSpecException("spec.tools[%d]: AI tool %s has no version %d in project %s (its latest is %d)"
            .formatted(i, entry.getKey(), entry.getVersion(), project, latest.get()));
      }
    }
  }

  private PlannedChange graph(AIAgentGraph resource) {
    AIAgentGraphSpec spec = resource.getSpec();
    String project = spec.getProjectKey();
    String key = Keys.effectiveKey(resource, spec);
    Change change = change(resource, "agent graph %s in project %s".formatted(key, project));
    if (claims.takenByAnother(change, resource, project + "/agent-graph/" + key)) {
      return change.build();
    }
    Optional<GraphShape> shape;
    try {
      shape = shape(resource);
    } catch (StalledException e) {
      return change.refuse(e.reason().name(), e.getMessage());
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
      AIConfig config = referenced(graph, AIConfig.class, node.getConfigRef(), field + ".configRef");
      if (!project.equals(config.getSpec().getProjectKey())) {
        throw new InvalidSpecException("%s: AIConfig %s is in project %s, not %s"
            .formatted(field, config.getMetadata().getName(), config.getSpec().getProjectKey(), project));
      }
      if (config.getSpec().getMode() != AIConfigMode.agent) {
        throw new InvalidSpecException("%s: AIConfig %s is mode %s; an agent graph joins agent-mode AI Configs"
            .formatted(field, config.getMetadata().getName(), config.getSpec().getMode() == null ? "completion" : config.getSpec().getMode()));
      }
      return readyKey(config, "AIConfig");
    }
    String key = node.getConfigKey();
    Optional<LdAIConfig> listed = launchDarkly.project(project).config(key);
    if (listed.isPresent()) {
      if (listed.get().mode() != null && !AIConfigMode.agent.wireValue().equals(listed.get().mode())) {
        throw new InvalidSpecException("%s.configKey: AI Config %s is mode %s; an agent graph joins agent-mode AI Configs"
            .formatted(field, key, listed.get().mode()));
      }
      return key;
    }
    if (desired.all(AIConfig.class).noneMatch(config -> project.equals(config.getSpec().getProjectKey())
        && key.equals(Keys.effectiveKey(config, config.getSpec())))) {
      throw new CommandException("%s: %s.configKey: AI Config %s is neither in project %s nor in the manifests"
          .formatted(desired.origin(graph), field, key, project));
    }
    return key;
  }

  // ---- What the kinds share ----

  /** A resource named by a reference must be among the manifests: nothing else says what it would be. */
  private <R extends CustomResource<?, ?>> R referenced(CustomResource<?, ?> from, Class<R> kind, LocalReference reference, String field) {
    String namespace = from.getMetadata().getNamespace();
    return desired.named(kind, namespace, reference.getName()).orElseThrow(() -> new CommandException(
        "%s: %s: %s %s/%s is in none of the manifests".formatted(desired.origin(from), field, HasMetadata.getKind(kind),
            namespace, reference.getName())));
  }

  /** The key of a referenced resource once synced; one that would not sync is waited for. */
  private static String readyKey(CustomResource<?, ? extends CommonStatus> referent, String kind) {
    if (referent.getStatus() == null || referent.getStatus().getKey() == null) {
      throw new DependencyNotReadyException("Waiting for %s %s/%s, which would not sync".formatted(kind,
          referent.getMetadata().getNamespace(), referent.getMetadata().getName()));
    }
    return referent.getStatus().getKey();
  }

  /** An object LaunchDarkly lacks: created, unless the resource only observes. */
  private PlannedChange createOrObserve(Change change, CustomResource<? extends ManagedSpec, ?> resource, Object post, String collection, Runnable synced) {
    if (ManagementPolicy.observes(resource)) {
      return change.refuse("NotFound", "%s does not exist; managementPolicy Observe does not create it".formatted(change.object));
    }
    synced.run();
    return change.act(Action.CREATE, createdFields(post), List.of("POST " + collection));
  }

  /**
   * Whether the resource may manage the object it found: it carries the resource's owner tag, or the spec adopts
   * it; else the change is refused. An object adopted as it is needs no write.
   */
  private static boolean owned(Change change, CustomResource<? extends CommonSpec, ?> resource, List<String> tags, List<FieldChange> fields) {
    return ownedOrAdopted(change, resource, OwnerTag.carries(tags, OwnerTag.of(resource)), fields);
  }

  private static boolean ownedOrAdopted(Change change, CustomResource<? extends CommonSpec, ?> resource, boolean own, List<FieldChange> fields) {
    if (ManagementPolicy.observes(resource)) {
      change.act(Action.OBSERVE, fields, List.of());
      return false;
    }
    if (own) {
      return true;
    }
    if (resource.getSpec().getAdoptionPolicy() != AdoptionPolicy.Adopt) {
      change.refuse("AlreadyExists", "%s already exists and this resource did not make it; set spec.adoptionPolicy: Adopt to manage it"
          .formatted(change.object));
      return false;
    }
    change.adopting();
    return true;
  }

  private static Optional<String> ownerTagUnlessObserving(CustomResource<? extends CommonSpec, ?> resource) {
    return ManagementPolicy.observes(resource) ? Optional.empty() : Optional.of(OwnerTag.of(resource));
  }

  /** Gives a planned resource the status it would have once synced: its key, Ready. */
  private static <S extends CommonStatus> void synced(CustomResource<?, S> resource, S status, String key) {
    status.setKey(key);
    Conditions.apply(status, Outcome.ready("planned"), resource.getMetadata().getGeneration(), CLOCK);
    resource.setStatus(status);
  }

  private static VersionedStatus versioned(int version) {
    VersionedStatus status = new VersionedStatus();
    status.setVersion(version);
    return status;
  }

  /**
   * Each field of a diff: LaunchDarkly's value, and the one sent (from the change, under the field's own name).
   * The owner tag is shown as the tags; a maintainer as the id LaunchDarkly shows.
   */
  static List<FieldChange> fieldChanges(List<String> fields, Object actual, Object sent) {
    JsonNode before = Serialization.jsonMapper().valueToTree(actual);
    JsonNode after = sent == null ? JSON.objectNode() : Serialization.jsonMapper().valueToTree(sent);
    List<FieldChange> changes = new ArrayList<>();
    for (String field : fields) {
      String name = field.equals(OwnerTag.FIELD) ? "tags" : field;
      JsonNode was = switch (name) {
        case "maintainerId" -> text(Maintainer.memberIdOf(before.get("_maintainer")));
        case "maintainerTeamKey" -> text(Maintainer.teamKeyOf(before.get("_maintainer")));
        default -> before.get(name);
      };
      changes.add(new FieldChange(field, was, after.get(name)));
    }
    return changes;
  }

  /** What a create sends, field by field (the key apart). */
  private static List<FieldChange> createdFields(Object post) {
    List<FieldChange> fields = new ArrayList<>();
    ObjectNode sent = Serialization.jsonMapper().valueToTree(post);
    sent.fields().forEachRemaining(field -> {
      if (!field.getKey().equals("key") && !field.getValue().isNull()) {
        fields.add(new FieldChange(field.getKey(), null, field.getValue()));
      }
    });
    return fields;
  }

  private static JsonNode text(String value) {
    return value == null ? null : JSON.textNode(value);
  }

  private static List<LdVariation> variationsOf(LdAIConfig config) {
    return config.variations() == null ? List.of() : config.variations();
  }

  static String path(String project, String... segments) {
    return "/api/v2/projects/" + project + "/" + String.join("/", segments);
  }

  private Change change(CustomResource<?, ?> resource, String object) {
    return new Change(resource, desired.origin(resource), object);
  }

  /** A planned change as it is worked out; NONE (or ADOPT) until something says otherwise. */
  static final class Change {
    private final CustomResource<?, ?> resource;
    private final String origin;
    private final String object;
    private Action action = Action.NONE;
    private String reason;
    private List<FieldChange> fields = List.of();
    private List<String> writes = List.of();
    private final List<String> notes = new ArrayList<>();
    private PlannedChange.Serving serving;
    private boolean adopting;

    Change(CustomResource<?, ?> resource, String origin, String object) {
      this.resource = resource;
      this.origin = origin;
      this.object = object;
    }

    void adopting() {
      adopting = true;
    }

    void note(String note) {
      notes.add(note);
    }

    void fields(List<FieldChange> fields) {
      this.fields = List.copyOf(fields);
    }

    void serving(PlannedChange.Serving serving) {
      this.serving = serving;
    }

    PlannedChange act(Action action, List<FieldChange> fields, List<String> writes) {
      this.action = action;
      this.fields = List.copyOf(fields);
      this.writes = List.copyOf(writes);
      if (adopting && !writes.isEmpty()) {
        notes.add("adopts it (adoptionPolicy: Adopt): no resource of the cluster made it");
      }
      return build();
    }

    PlannedChange refuse(String reason, String message) {
      this.action = Action.REFUSE;
      this.reason = reason + ": " + message;
      this.writes = List.of();
      return build();
    }

    PlannedChange build() {
      Action shown = action == Action.NONE && adopting ? Action.ADOPT : action;
      return new PlannedChange(origin, resource.getKind(), resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
          object, shown, reason, fields, writes, List.copyOf(notes), serving);
    }
  }
}
