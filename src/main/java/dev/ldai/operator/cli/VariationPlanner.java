package dev.ldai.operator.cli;

import static dev.ldai.operator.cli.Planning.createOrObserve;
import static dev.ldai.operator.cli.Planning.createdFields;
import static dev.ldai.operator.cli.Planning.fieldChanges;
import static dev.ldai.operator.cli.Planning.nowhere;
import static dev.ldai.operator.cli.Planning.ownedOrAdopted;
import static dev.ldai.operator.cli.Planning.path;
import static dev.ldai.operator.cli.Planning.readyKey;
import static dev.ldai.operator.cli.Planning.referenced;
import static dev.ldai.operator.cli.Planning.synced;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.cli.PlannedChange.Action;
import dev.ldai.operator.cli.PlannedChange.FieldChange;
import dev.ldai.operator.common.DependencyNotReadyException;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.StalledException;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.AIConfigVariationReconciler;
import dev.ldai.operator.variation.AIConfigVariationSpec;
import dev.ldai.operator.variation.AIConfigVariationStatus;
import dev.ldai.operator.variation.Pinning;
import dev.ldai.operator.variation.References;
import dev.ldai.operator.variation.Tool;
import dev.ldai.operator.variation.VariationMapping;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator would do for an AIConfigVariation: its AI Config and model config resolved among the manifests
 * or in LaunchDarkly, its tools and followed snippets pinned as {@link Pinning} pins them (to the versions the
 * manifests' AITools and PromptSnippets would have once applied), and the diff against the latest version the
 * listing shows, instructions and description included. A create is followed by a PATCH of what a POST does not
 * take (the state).
 */
final class VariationPlanner extends KindPlanner<AIConfigVariation> {

  VariationPlanner(DesiredResources desired, LaunchDarklyState launchDarkly, PlannedClaims claims) {
    super(desired, launchDarkly, claims);
  }

  @Override
  PlannedChange plan(AIConfigVariation resource) {
    AIConfigVariationSpec spec = resource.getSpec();
    String key = Keys.effectiveKey(resource, spec);
    Parent parent = Parent.of(resource, spec.getConfigRef(), spec.getProjectKey(), spec.getConfigKey(), desired, launchDarkly);
    Change change = new Change(resource, desired.origin(resource),
        new AIConfigVariationReconciler.Where(parent.project(), parent.configKey(), key, null, null));
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
      requireTools(resource, parent.project(), listing);
      sent = Pinning.resolve(resource, parent.project(), new Pinning.Lookups(
          name -> desired.named(AITool.class, resource.getMetadata().getNamespace(), name),
          snippetKey -> desired.all(PromptSnippet.class)
              .filter(snippet -> snippet.getMetadata().getNamespace().equals(resource.getMetadata().getNamespace()))
              .filter(snippet -> snippetKey.equals(Keys.effectiveKey(snippet, snippet.getSpec())))
              .toList(),
          snippetKey -> listing.snippet(snippetKey).map(LdPromptSnippet::version))).sent(spec);
    } catch (StalledException e) {
      return change.refuse(e);
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
    if (!ownedOrAdopted(change, resource, own, fields, () -> synced(resource, new AIConfigVariationStatus(), key))) {
      return change.build();
    }
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
      AIModelConfig model = referenced(desired, resource, AIModelConfig.class, spec.getModelConfigRef(), "spec.modelConfigRef");
      References.requireSameProject(model, project);
      return readyKey(model, "AIModelConfig");
    }
    String key = spec.getModelConfigKey();
    if (key != null && launchDarkly.project(project).model(key).isEmpty()
        && desired.keyed(AIModelConfig.class, project, key).findAny().isEmpty()) {
      throw nowhere(desired, resource, "spec.modelConfigKey", "model config " + key, project);
    }
    return key;
  }

  /**
   * An AITool a {@code toolRef} names must be among the manifests, and a tool named by key in LaunchDarkly or the
   * manifests; then, as the reconciler explains LaunchDarkly's refusal, with the version named.
   */
  private void requireTools(AIConfigVariation resource, String project, ProjectSnapshot listing) {
    List<Tool> tools = resource.getSpec().getTools() == null ? List.of() : resource.getSpec().getTools();
    for (int i = 0; i < tools.size(); i++) {
      Tool entry = tools.get(i);
      if (entry.getToolRef() != null) {
        referenced(desired, resource, AITool.class, entry.getToolRef(), "spec.tools[%d].toolRef".formatted(i));
      } else if (latestVersion(project, entry.getKey(), listing).isEmpty()) {
        throw nowhere(desired, resource, "spec.tools[%d].key".formatted(i), "AI tool " + entry.getKey(), project);
      }
    }
    Pinning.missingUnmanagedTool(tools, project, key -> latestVersion(project, key, listing)).ifPresent(message -> {
      throw new InvalidSpecException(message);
    });
  }

  /** A tool's latest version once the manifests are applied: the one an AITool of them would make, else LaunchDarkly's. */
  private Optional<Integer> latestVersion(String project, String toolKey, ProjectSnapshot listing) {
    return desired.keyed(AITool.class, project, toolKey)
        .map(tool -> tool.getStatus() == null ? null : tool.getStatus().getVersion())
        .filter(Objects::nonNull)
        .findFirst()
        .or(() -> listing.tool(toolKey).map(LdAITool::version));
  }
}
