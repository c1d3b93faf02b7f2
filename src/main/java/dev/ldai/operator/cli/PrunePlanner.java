package dev.ldai.operator.cli;

import static dev.ldai.operator.cli.Planning.path;

import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.cli.PlannedChange.Action;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.tool.AITool;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * With {@code --prune}, the manifests are every resource of their namespaces, as Argo CD syncs a folder with
 * pruning: an object of their projects that carries the owner tag of a resource of those namespaces that no
 * manifest names was made by a resource that pruning deletes, and the operator then deletes the object (under
 * {@code deletionPolicy: Delete}, the default). Only kinds whose objects carry tags can be told apart: AI Configs
 * (their variations go with them), model configs, AI tools and prompt snippets.
 */
final class PrunePlanner {

  /** A kind whose objects carry owner tags, and how its objects are listed and deleted. */
  private record Tagged<O>(Class<? extends CustomResource<?, ?>> kind, String described, Function<ProjectSnapshot, Collection<O>> listed,
      Function<O, String> key, Function<O, List<String>> tags, Function<String, String[]> deletePath) {}

  private static final List<Tagged<?>> KINDS = List.of(
      new Tagged<>(AIModelConfig.class, "model config", listing -> listing.models().values(), model -> model.key(),
          model -> Boolean.TRUE.equals(model.global()) ? List.of() : model.tags(), key -> new String[] {"ai-configs", "model-configs", key}),
      new Tagged<>(AITool.class, "AI tool", listing -> listing.tools().values(), tool -> tool.key(), tool -> tool.tags(),
          key -> new String[] {"ai-tools", key}),
      new Tagged<>(PromptSnippet.class, "prompt snippet", listing -> listing.snippets().values(), snippet -> snippet.key(),
          snippet -> snippet.tags(), key -> new String[] {"ai-configs", "prompt-snippets", key}),
      new Tagged<>(AIConfig.class, "AI Config", listing -> listing.configs().values(), config -> config.key(), config -> config.tags(),
          key -> new String[] {"ai-configs", key}));

  private final DesiredResources desired;
  private final LaunchDarklyState launchDarkly;

  PrunePlanner(DesiredResources desired, LaunchDarklyState launchDarkly) {
    this.desired = desired;
    this.launchDarkly = launchDarkly;
  }

  /** The objects pruning would delete, by project, kind and key. */
  List<PlannedChange> plan() {
    Set<String> namespaces = desired.namespaces();
    List<PlannedChange> deletions = new ArrayList<>();
    for (String project : projects()) {
      ProjectSnapshot listing = launchDarkly.project(project);
      KINDS.forEach(kind -> deletions.addAll(deletions(kind, project, listing, namespaces)));
    }
    return deletions;
  }

  private <O> List<PlannedChange> deletions(Tagged<O> tagged, String project, ProjectSnapshot listing, Set<String> namespaces) {
    String kind = HasMetadata.getKind(tagged.kind());
    Set<String> ownTags = desired.all(tagged.kind()).map(OwnerTag::of).collect(Collectors.toSet());
    List<PlannedChange> deletions = new ArrayList<>();
    tagged.listed().apply(listing).stream().sorted(Comparator.comparing(tagged.key())).forEach(object -> {
      List<String> tags = tagged.tags().apply(object) == null ? List.of() : tagged.tags().apply(object);
      tags.stream()
          .filter(tag -> !ownTags.contains(tag))
          .flatMap(tag -> namespaces.stream().filter(namespace -> tag.startsWith(OwnerTag.prefix(kind, namespace)))
              .map(namespace -> deletion(kind, tagged, project, tagged.key().apply(object), tag, namespace)))
          .findFirst()
          .ifPresent(deletions::add);
    });
    return deletions;
  }

  private static <O> PlannedChange deletion(String kind, Tagged<O> tagged, String project, String key, String tag, String namespace) {
    String name = tag.substring(OwnerTag.prefix(kind, namespace).length());
    List<String> notes = new ArrayList<>(List.of("no manifest names %s %s/%s, whose owner tag %s it carries: pruning that resource deletes the object,"
        .formatted(kind, namespace, name, tag) + " unless its deletionPolicy is Retain"));
    if (tagged.kind() == AIConfig.class) {
      notes.add("its variations and targeting go with it");
    }
    return new PlannedChange("(no manifest)", kind, namespace, name, "%s %s in project %s".formatted(tagged.described(), key, project),
        Action.DELETE, null, List.of(), List.of("DELETE " + path(project, tagged.deletePath().apply(key))), notes, null);
  }

  /** The projects the manifests name. */
  private Set<String> projects() {
    Set<String> projects = new TreeSet<>();
    desired.all(AIModelConfig.class).forEach(model -> projects.add(model.getSpec().getProjectKey()));
    desired.all(AITool.class).forEach(tool -> projects.add(tool.getSpec().getProjectKey()));
    desired.all(PromptSnippet.class).forEach(snippet -> projects.add(snippet.getSpec().getProjectKey()));
    desired.all(AIConfig.class).forEach(config -> projects.add(config.getSpec().getProjectKey()));
    desired.all(AIAgentGraph.class).forEach(graph -> projects.add(graph.getSpec().getProjectKey()));
    return projects;
  }
}
