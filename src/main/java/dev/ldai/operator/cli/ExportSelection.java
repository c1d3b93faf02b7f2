package dev.ldai.operator.cli;

import dev.ldai.operator.agentgraph.GraphMapping;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdMessage;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdTool;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.versioned.SnippetTags;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which of the objects read are exported: the configs asked for with all their variations and the custom model
 * configs those use (global ones stay {@code modelConfigKey}). With every config, all of the project's tools,
 * snippets and agent graphs; with configs named, the tools their variations use, the snippets their prompts name,
 * and the graphs whose every node is one of them.
 */
record ExportSelection(
    List<LdAIConfig> configs,
    List<LdModelConfig> modelConfigs,
    List<LdAITool> tools,
    List<LdPromptSnippet> snippets,
    List<LdAgentGraph> agentGraphs) {

  static ExportSelection of(ExportRequest request, ProjectContents contents) {
    List<LdVariation> variations = contents.configs().stream().flatMap(config -> variationsOf(config).stream()).toList();
    Set<String> configKeys = contents.configs().stream().map(LdAIConfig::key).collect(Collectors.toSet());
    boolean everything = request.exportsEveryConfig();
    return new ExportSelection(
        contents.configs(),
        usedCustomModelConfigs(contents.modelConfigs(), variations),
        everything ? contents.tools() : usedTools(contents.tools(), variations),
        everything ? contents.snippets() : namedSnippets(contents.snippets(), variations),
        everything ? contents.agentGraphs() : contents.agentGraphs().stream()
            .filter(graph -> configKeys.containsAll(GraphMapping.configKeys(graph))).toList());
  }

  /** The config's variations (the latest version of each), by key. */
  static List<LdVariation> variationsOf(LdAIConfig config) {
    return config.variations() == null
        ? List.of()
        : config.variations().stream().sorted(Comparator.comparing(LdVariation::key)).toList();
  }

  private static List<LdModelConfig> usedCustomModelConfigs(List<LdModelConfig> modelConfigs, List<LdVariation> variations) {
    Set<String> used = variations.stream().map(LdVariation::modelConfigKey).filter(Objects::nonNull).collect(Collectors.toSet());
    return modelConfigs.stream()
        .filter(modelConfig -> !Boolean.TRUE.equals(modelConfig.global()) && used.contains(modelConfig.key()))
        .toList();
  }

  private static List<LdAITool> usedTools(List<LdAITool> tools, List<LdVariation> variations) {
    Set<String> used = variations.stream().flatMap(variation -> listOrEmpty(variation.tools()).stream())
        .map(LdTool::key).collect(Collectors.toSet());
    return tools.stream().filter(tool -> used.contains(tool.key())).toList();
  }

  private static List<LdPromptSnippet> namedSnippets(List<LdPromptSnippet> snippets, List<LdVariation> variations) {
    Set<String> named = variations.stream()
        .flatMap(variation -> Stream.concat(listOrEmpty(variation.messages()).stream().map(LdMessage::content),
            Stream.of(variation.instructions())))
        .flatMap(text -> SnippetTags.in(text).stream())
        .map(SnippetTags.Tag::key)
        .collect(Collectors.toSet());
    return snippets.stream().filter(snippet -> named.contains(snippet.key())).toList();
  }

  private static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
