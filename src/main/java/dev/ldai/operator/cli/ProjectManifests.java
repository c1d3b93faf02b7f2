package dev.ldai.operator.cli;

import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.agentgraph.GraphMapping;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.AIConfigMapping;
import dev.ldai.operator.common.AdoptionPolicy;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.modelconfig.ModelConfigMapping;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.snippet.SnippetMapping;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.targeting.AIConfigTargetingSpec;
import dev.ldai.operator.targeting.TargetingMapping;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.tool.ToolMapping;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.VariationMapping;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The resources that describe the objects an export selected ({@link ExportSelection}), made by the kinds' own
 * inverse mappings, in the order they are applied: model configs, tools, snippets, configs, variations,
 * targetings, agent graphs. An object refers to another one exported with it by resource name
 * ({@code configRef}, {@code modelConfigRef}, {@code toolRef}), to any other by key. Every kind that can take
 * over an existing object does: {@code adoptionPolicy: Adopt}.
 */
final class ProjectManifests {

  private final ExportRequest request;
  private final ExportSelection selected;
  private final Map<String, LdTargeting> targetings;
  private final Function<String, Optional<String>> configName;
  private final Function<String, Optional<String>> modelConfigName;
  private final Function<String, Optional<String>> toolName;

  private ProjectManifests(ExportRequest request, ExportSelection selected, Map<String, LdTargeting> targetings) {
    this.request = request;
    this.selected = selected;
    this.targetings = targetings;
    this.configName = namesByKey(selected.configs(), LdAIConfig::key);
    this.modelConfigName = namesByKey(selected.modelConfigs(), LdModelConfig::key);
    this.toolName = namesByKey(selected.tools(), LdAITool::key);
  }

  static List<CustomResource<?, ?>> of(ExportRequest request, ProjectContents contents) {
    return new ProjectManifests(request, ExportSelection.of(request, contents), contents.targetings()).resources();
  }

  private List<CustomResource<?, ?>> resources() {
    String project = request.projectKey();
    List<CustomResource<?, ?>> resources = new ArrayList<>();
    for (LdModelConfig modelConfig : selected.modelConfigs()) {
      resources.add(adopting(new AIModelConfig(), name(modelConfigName, modelConfig.key()),
          ModelConfigMapping.toSpec(project, modelConfig)));
    }
    for (LdAITool tool : selected.tools()) {
      resources.add(adopting(new AITool(), name(toolName, tool.key()), ToolMapping.toSpec(project, tool)));
    }
    Function<String, Optional<String>> snippetName = namesByKey(selected.snippets(), LdPromptSnippet::key);
    for (LdPromptSnippet snippet : selected.snippets()) {
      resources.add(adopting(new PromptSnippet(), name(snippetName, snippet.key()), SnippetMapping.toSpec(project, snippet)));
    }
    for (LdAIConfig config : selected.configs()) {
      resources.add(adopting(new AIConfig(), name(configName, config.key()), AIConfigMapping.toSpec(project, config)));
    }
    resources.addAll(variations());
    resources.addAll(targetings());
    Function<String, Optional<String>> graphName = namesByKey(selected.agentGraphs(), LdAgentGraph::key);
    for (LdAgentGraph graph : selected.agentGraphs()) {
      resources.add(adopting(new AIAgentGraph(), name(graphName, graph.key()), GraphMapping.toSpec(project, graph, configName)));
    }
    return resources;
  }

  private List<AIConfigVariation> variations() {
    Map<List<String>, String> names = ResourceNames.of(selected.configs().stream()
        .flatMap(config -> ExportSelection.variationsOf(config).stream().map(variation -> List.of(config.key(), variation.key())))
        .toList());
    List<AIConfigVariation> variations = new ArrayList<>();
    for (LdAIConfig config : selected.configs()) {
      LocalReference configRef = new LocalReference(name(configName, config.key()));
      for (LdVariation variation : ExportSelection.variationsOf(config)) {
        variations.add(adopting(new AIConfigVariation(), names.get(List.of(config.key(), variation.key())),
            VariationMapping.toSpec(variation, configRef, modelConfigName, toolName)));
      }
    }
    return variations;
  }

  private List<AIConfigTargeting> targetings() {
    Map<List<String>, String> names = ResourceNames.of(selected.configs().stream()
        .flatMap(config -> request.environmentKeys().stream().map(environment -> List.of(config.key(), environment)))
        .toList());
    List<AIConfigTargeting> resources = new ArrayList<>();
    for (LdAIConfig config : selected.configs()) {
      for (String environment : request.environmentKeys()) {
        LdTargeting targeting = targetings.get(config.key());
        AIConfigTargetingSpec spec = TargetingMapping.toSpec(environment, targeting, targeting.environment(environment).orElseThrow());
        spec.setConfigRef(new LocalReference(name(configName, config.key())));
        resources.add(named(new AIConfigTargeting(), names.get(List.of(config.key(), environment)), spec));
      }
    }
    return resources;
  }

  /** The resource name of each exported object of a kind, by its key. */
  private static <T> Function<String, Optional<String>> namesByKey(Collection<T> objects, Function<T, String> key) {
    Map<List<String>, String> names = ResourceNames.of(objects.stream().map(object -> List.of(key.apply(object))).toList());
    return objectKey -> Optional.ofNullable(names.get(List.of(objectKey)));
  }

  private static String name(Function<String, Optional<String>> names, String key) {
    return names.apply(key).orElseThrow(() -> new IllegalStateException(key + " is exported, so it has a name"));
  }

  private <S extends CommonSpec, R extends CustomResource<S, ?>> R adopting(R resource, String name, S spec) {
    spec.setAdoptionPolicy(AdoptionPolicy.Adopt);
    return named(resource, name, spec);
  }

  private <S, R extends CustomResource<S, ?>> R named(R resource, String name, S spec) {
    resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(request.namespace().orElse(null)).build());
    resource.setSpec(spec);
    return resource;
  }
}
