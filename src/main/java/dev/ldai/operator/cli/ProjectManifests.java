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
import dev.ldai.operator.launchdarkly.api.LdMessage;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdTool;
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
import dev.ldai.operator.versioned.SnippetTags;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The resources that describe an exported project, by the kinds' own inverse mappings, in the order they are
 * applied: model configs, tools, snippets, configs, variations, targetings, agent graphs. An object refers to
 * another one exported with it by resource name ({@code configRef}, {@code modelConfigRef}, {@code toolRef}),
 * to any other by key. Every kind that can take over an existing object does: {@code adoptionPolicy: Adopt}.
 *
 * <p>Exported: the configs asked for, all their variations, the custom model configs they use (global ones
 * stay {@code modelConfigKey}), a targeting per environment asked for; with every config, all of the project's
 * tools, snippets and agent graphs; with configs named, the tools their variations use, the snippets their
 * prompts name, and the graphs whose every node is one of them.
 */
final class ProjectManifests {

  private final ExportRequest request;
  private final ProjectContents contents;

  private ProjectManifests(ExportRequest request, ProjectContents contents) {
    this.request = request;
    this.contents = contents;
  }

  static List<CustomResource<?, ?>> of(ExportRequest request, ProjectContents contents) {
    return new ProjectManifests(request, contents).resources();
  }

  private List<CustomResource<?, ?>> resources() {
    List<LdVariation> variations = contents.configs().stream().flatMap(config -> variationsOf(config).stream()).toList();
    List<LdModelConfig> modelConfigs = usedCustomModelConfigs(variations);
    List<LdAITool> tools = request.exportsEveryConfig() ? contents.tools() : usedTools(variations);
    List<LdPromptSnippet> snippets = request.exportsEveryConfig() ? contents.snippets() : namedSnippets(variations);
    Set<String> configKeys = contents.configs().stream().map(LdAIConfig::key).collect(Collectors.toSet());
    List<LdAgentGraph> graphs = request.exportsEveryConfig() ? contents.agentGraphs()
        : contents.agentGraphs().stream().filter(graph -> configKeys.containsAll(GraphMapping.configKeys(graph))).toList();

    Map<List<String>, String> modelConfigNames = ResourceNames.of(keys(modelConfigs, LdModelConfig::key));
    Map<List<String>, String> toolNames = ResourceNames.of(keys(tools, LdAITool::key));
    Map<List<String>, String> configNames = ResourceNames.of(keys(contents.configs(), LdAIConfig::key));
    Function<String, Optional<String>> modelConfigName = key -> Optional.ofNullable(modelConfigNames.get(List.of(key)));
    Function<String, Optional<String>> toolName = key -> Optional.ofNullable(toolNames.get(List.of(key)));
    Function<String, Optional<String>> configName = key -> Optional.ofNullable(configNames.get(List.of(key)));
    String project = request.projectKey();

    List<CustomResource<?, ?>> resources = new ArrayList<>();
    for (LdModelConfig modelConfig : modelConfigs) {
      resources.add(adopting(new AIModelConfig(), modelConfigName.apply(modelConfig.key()).orElseThrow(),
          ModelConfigMapping.toSpec(project, modelConfig)));
    }
    for (LdAITool tool : tools) {
      resources.add(adopting(new AITool(), toolName.apply(tool.key()).orElseThrow(), ToolMapping.toSpec(project, tool)));
    }
    Map<List<String>, String> snippetNames = ResourceNames.of(keys(snippets, LdPromptSnippet::key));
    for (LdPromptSnippet snippet : snippets) {
      resources.add(adopting(new PromptSnippet(), snippetNames.get(List.of(snippet.key())), SnippetMapping.toSpec(project, snippet)));
    }
    for (LdAIConfig config : contents.configs()) {
      resources.add(adopting(new AIConfig(), configName.apply(config.key()).orElseThrow(), AIConfigMapping.toSpec(project, config)));
    }
    Map<List<String>, String> variationNames = ResourceNames.of(contents.configs().stream()
        .flatMap(config -> variationsOf(config).stream().map(variation -> List.of(config.key(), variation.key())))
        .toList());
    for (LdAIConfig config : contents.configs()) {
      LocalReference configRef = new LocalReference(configName.apply(config.key()).orElseThrow());
      for (LdVariation variation : variationsOf(config)) {
        resources.add(adopting(new AIConfigVariation(), variationNames.get(List.of(config.key(), variation.key())),
            VariationMapping.toSpec(variation, configRef, modelConfigName, toolName)));
      }
    }
    resources.addAll(targetings(configName));
    Map<List<String>, String> graphNames = ResourceNames.of(keys(graphs, LdAgentGraph::key));
    for (LdAgentGraph graph : graphs) {
      resources.add(adopting(new AIAgentGraph(), graphNames.get(List.of(graph.key())),
          GraphMapping.toSpec(project, graph, configName)));
    }
    return resources;
  }

  private List<AIConfigTargeting> targetings(Function<String, Optional<String>> configName) {
    Map<List<String>, String> names = ResourceNames.of(contents.configs().stream()
        .flatMap(config -> request.environmentKeys().stream().map(environment -> List.of(config.key(), environment)))
        .toList());
    List<AIConfigTargeting> targetings = new ArrayList<>();
    for (LdAIConfig config : contents.configs()) {
      LdTargeting targeting = contents.targetings().get(config.key());
      for (String environment : request.environmentKeys()) {
        AIConfigTargetingSpec spec = TargetingMapping.toSpec(environment, targeting, targeting.environment(environment).orElseThrow());
        spec.setConfigRef(new LocalReference(configName.apply(config.key()).orElseThrow()));
        targetings.add(named(new AIConfigTargeting(), names.get(List.of(config.key(), environment)), spec));
      }
    }
    return targetings;
  }

  private List<LdModelConfig> usedCustomModelConfigs(List<LdVariation> variations) {
    Set<String> used = variations.stream().map(LdVariation::modelConfigKey).filter(key -> key != null).collect(Collectors.toSet());
    return contents.modelConfigs().stream()
        .filter(modelConfig -> !Boolean.TRUE.equals(modelConfig.global()) && used.contains(modelConfig.key()))
        .toList();
  }

  private List<LdAITool> usedTools(List<LdVariation> variations) {
    Set<String> used = variations.stream().flatMap(variation -> listOrEmpty(variation.tools()).stream())
        .map(LdTool::key).collect(Collectors.toSet());
    return contents.tools().stream().filter(tool -> used.contains(tool.key())).toList();
  }

  private List<LdPromptSnippet> namedSnippets(List<LdVariation> variations) {
    Set<String> named = variations.stream()
        .flatMap(variation -> Stream.concat(listOrEmpty(variation.messages()).stream().map(LdMessage::content),
            Stream.of(variation.instructions())))
        .flatMap(text -> SnippetTags.in(text).stream())
        .map(SnippetTags.Tag::key)
        .collect(Collectors.toSet());
    return contents.snippets().stream().filter(snippet -> named.contains(snippet.key())).toList();
  }

  private static List<LdVariation> variationsOf(LdAIConfig config) {
    return listOrEmpty(config.variations()).stream().sorted(Comparator.comparing(LdVariation::key)).toList();
  }

  private static <T> List<List<String>> keys(Collection<T> items, Function<T, String> key) {
    return items.stream().map(item -> List.of(key.apply(item))).toList();
  }

  private static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : list;
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
