package dev.ldai.operator.cli;

import static dev.ldai.operator.cli.Planning.createOrObserve;
import static dev.ldai.operator.cli.Planning.fieldChanges;
import static dev.ldai.operator.cli.Planning.owned;
import static dev.ldai.operator.cli.Planning.ownerTagUnlessObserving;
import static dev.ldai.operator.cli.Planning.path;
import static dev.ldai.operator.cli.Planning.synced;

import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.AIConfigMapping;
import dev.ldai.operator.aiconfig.AIConfigReconciler;
import dev.ldai.operator.aiconfig.AIConfigSpec;
import dev.ldai.operator.aiconfig.AIConfigStatus;
import dev.ldai.operator.cli.PlannedChange.Action;
import dev.ldai.operator.cli.PlannedChange.FieldChange;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.StalledException;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
import dev.ldai.operator.launchdarkly.api.LdVersioned;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.modelconfig.AIModelConfigReconciler;
import dev.ldai.operator.modelconfig.AIModelConfigSpec;
import dev.ldai.operator.modelconfig.AIModelConfigStatus;
import dev.ldai.operator.modelconfig.ModelConfigMapping;
import dev.ldai.operator.modelconfig.ModelConfigUsage;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.snippet.SnippetMapping;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.tool.ToolMapping;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.versioned.VersionedReconciler;
import dev.ldai.operator.versioned.VersionedStatus;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the operator would do for each manifest, worked out as its reconcilers work it out and with their own
 * mapping and diff classes: the object LaunchDarkly holds under the key (from the listing the operator's poller
 * makes), whose it is (the owner tag), whether the spec may take it over (adoption policy), and the diff. Model
 * configs, tools, snippets and AI Configs are planned here; variations, targetings and graphs by planners of their
 * own. The kinds are planned in the order they depend on one another; each planned resource is given the status it would
 * have once synced (its key, and for tools and snippets the version it would make), so that what references it
 * resolves as the operator would resolve it then.
 */
final class ChangePlanner {

  private final DesiredResources desired;
  private final LaunchDarklyState launchDarkly;
  private final PlannedClaims claims = new PlannedClaims();
  private final VariationPlanner variations;
  private final TargetingPlanner targetings;
  private final GraphPlanner graphs;

  ChangePlanner(DesiredResources desired, LaunchDarklyState launchDarkly) {
    this.desired = desired;
    this.launchDarkly = launchDarkly;
    this.variations = new VariationPlanner(desired, launchDarkly, claims);
    this.targetings = new TargetingPlanner(desired, launchDarkly, claims);
    this.graphs = new GraphPlanner(desired, launchDarkly, claims);
  }

  List<PlannedChange> plan() {
    List<PlannedChange> changes = new ArrayList<>();
    desired.all(AIModelConfig.class).forEach(model -> changes.add(modelConfig(model)));
    desired.all(AITool.class).forEach(tool -> changes.add(tool(tool)));
    desired.all(PromptSnippet.class).forEach(snippet -> changes.add(snippet(snippet)));
    desired.all(AIConfig.class).forEach(config -> changes.add(config(config)));
    desired.all(AIConfigVariation.class).forEach(variation -> changes.add(variations.plan(variation)));
    desired.all(AIConfigTargeting.class).forEach(targeting -> changes.add(targetings.plan(targeting)));
    desired.all(AIAgentGraph.class).forEach(graph -> changes.add(graphs.plan(graph)));
    return changes;
  }

  private PlannedChange modelConfig(AIModelConfig resource) {
    AIModelConfigSpec spec = resource.getSpec();
    String project = spec.getProjectKey();
    String key = Keys.effectiveKey(resource, spec);
    Change change = new Change(resource, desired.origin(resource), new AIModelConfigReconciler.Where(project, key));
    if (claims.takenByAnother(change, resource, project + "/model-config/" + key)) {
      return change.build();
    }
    ProjectSnapshot listing = launchDarkly.project(project);
    Optional<LdModelConfig> found = listing.model(key);
    if (found.filter(model -> Boolean.TRUE.equals(model.global())).isPresent()) {
      return change.refuse(AIModelConfigReconciler.global(key));
    }
    String created = path(project, "ai-configs", "model-configs");
    LdModelConfigPost post = ModelConfigMapping.toPost(key, spec, OwnerTag.of(resource));
    if (found.isEmpty()) {
      return createOrObserve(change, resource, post, created, () -> synced(resource, new AIModelConfigStatus(), key));
    }
    LdModelConfig actual = found.get();
    List<String> differences = ModelConfigMapping.differences(spec, actual);
    List<FieldChange> fields = fieldChanges(differences, actual, post);
    if (!owned(change, resource, actual.tags(), fields, () -> synced(resource, new AIModelConfigStatus(), key))) {
      return change.build();
    }
    if (differences.isEmpty()) {
      return change.build();
    }
    List<String> users = ModelConfigUsage.usersIn(listing.configs().values(), key);
    if (!users.isEmpty()) {
      change.fields(fields);
      return change.refuse(AIModelConfigReconciler.inUse(key, differences, users));
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
    Change change = new Change(resource, desired.origin(resource), new VersionedReconciler.Where(project, key, described));
    if (claims.takenByAnother(change, resource, project + "/" + collection + "/" + key)) {
      return change.build();
    }
    if (found.isEmpty()) {
      return createOrObserve(change, resource, post.get(), path(project, collection), () -> synced(resource, atVersion(1), key));
    }
    O actual = found.get();
    Diff<?> differences = diff.apply(actual);
    List<FieldChange> fields = fieldChanges(differences.fields(), actual, differences.change());
    boolean writes = !ManagementPolicy.observes(resource) && !differences.isEmpty()
        && !OwnerTag.leftForTheNextChange(resource.getSpec(), differences.fields());
    if (!owned(change, resource, actual.tags(), fields, () -> synced(resource, atVersion(writes ? actual.version() + 1 : actual.version()), key))) {
      return change.build();
    }
    return writes ? change.act(Action.UPDATE, fields, List.of("PATCH " + path(project, collection, key))) : change.build();
  }

  private PlannedChange config(AIConfig resource) {
    AIConfigSpec spec = resource.getSpec();
    String project = spec.getProjectKey();
    String key = Keys.effectiveKey(resource, spec);
    Change change = new Change(resource, desired.origin(resource), new AIConfigReconciler.Where(project, key));
    if (claims.takenByAnother(change, resource, project + "/ai-config/" + key)) {
      return change.build();
    }
    Optional<LdAIConfig> found = launchDarkly.project(project).config(key);
    if (found.isEmpty()) {
      return createOrObserve(change, resource, AIConfigMapping.toPost(key, spec, OwnerTag.of(resource)), path(project, "ai-configs"),
          () -> synced(resource, new AIConfigStatus(), key));
    }
    LdAIConfig actual = found.get();
    try {
      AIConfigReconciler.requireSameMode(spec, actual);
    } catch (StalledException e) {
      return change.refuse(e);
    }
    Diff<?> diff = AIConfigMapping.patchFor(spec, actual, ownerTagUnlessObserving(resource));
    List<FieldChange> fields = fieldChanges(diff.fields(), actual, diff.change());
    if (!owned(change, resource, actual.tags(), fields, () -> synced(resource, new AIConfigStatus(), key))) {
      return change.build();
    }
    return diff.isEmpty() || OwnerTag.leftForTheNextChange(spec, diff.fields())
        ? change.build()
        : change.act(Action.UPDATE, fields, List.of("PATCH " + path(project, "ai-configs", key)));
  }

  private static VersionedStatus atVersion(int version) {
    VersionedStatus status = new VersionedStatus();
    status.setVersion(version);
    return status;
  }
}
