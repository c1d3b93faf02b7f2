package dev.ldai.operator.cli;

import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads what an export needs from LaunchDarkly, through {@link LaunchDarklyState} (the listing the operator's poller
 * makes: configs with the latest version of their variations, model configs, tools, snippets and graphs), each agent
 * graph for its edges, and each config's targeting when environments are asked for. Reports a line per config read.
 */
final class ProjectReader {

  private final LaunchDarklyState launchDarkly;
  private final Consumer<String> progress;

  ProjectReader(LaunchDarklyState launchDarkly, Consumer<String> progress) {
    this.launchDarkly = launchDarkly;
    this.progress = progress;
  }

  ProjectContents read(ExportRequest request) {
    String project = request.projectKey();
    ProjectSnapshot listing = launchDarkly.project(project);
    List<LdAIConfig> configs = selected(request, sorted(listing.configs().values(), LdAIConfig::key));
    Map<String, LdTargeting> targetings = new LinkedHashMap<>();
    for (LdAIConfig config : configs) {
      if (!request.environmentKeys().isEmpty()) {
        targetings.put(config.key(), targeting(project, config.key(), request.environmentKeys()));
      }
      int variations = config.variations() == null ? 0 : config.variations().size();
      progress.accept("AI Config %s: %d variation%s%s".formatted(config.key(), variations, variations == 1 ? "" : "s",
          request.environmentKeys().isEmpty() ? "" : ", targeting in " + String.join(", ", request.environmentKeys())));
    }
    List<LdAgentGraph> graphs = sorted(listing.agentGraphs().values(), LdAgentGraph::key).stream()
        .map(listed -> launchDarkly.agentGraph(project, listed.key()).orElseThrow(() -> new CommandException(
            "agent graph %s of project %s disappeared while it was read".formatted(listed.key(), project))))
        .toList();
    return new ProjectContents(configs, targetings, sorted(listing.models().values(), LdModelConfig::key),
        sorted(listing.tools().values(), LdAITool::key), sorted(listing.snippets().values(), LdPromptSnippet::key), graphs);
  }

  private static List<LdAIConfig> selected(ExportRequest request, List<LdAIConfig> configs) {
    if (request.exportsEveryConfig()) {
      return configs;
    }
    Map<String, LdAIConfig> byKey = new LinkedHashMap<>();
    configs.forEach(config -> byKey.put(config.key(), config));
    for (String key : request.configKeys()) {
      if (!byKey.containsKey(key)) {
        throw new CommandException("AI Config %s not found in project %s".formatted(key, request.projectKey()));
      }
    }
    return configs.stream().filter(config -> request.configKeys().contains(config.key())).toList();
  }

  private LdTargeting targeting(String project, String configKey, List<String> environmentKeys) {
    LdTargeting targeting = launchDarkly.targeting(project, configKey).orElseThrow(() -> new CommandException(
        "AI Config %s of project %s disappeared while it was read".formatted(configKey, project)));
    for (String environment : environmentKeys) {
      if (targeting.environment(environment).isEmpty()) {
        throw new CommandException("environment %s not found in project %s".formatted(environment, project));
      }
    }
    return targeting;
  }

  private static <T> List<T> sorted(Collection<T> items, Function<T, String> key) {
    return items.stream().sorted(Comparator.comparing(key)).toList();
  }
}
