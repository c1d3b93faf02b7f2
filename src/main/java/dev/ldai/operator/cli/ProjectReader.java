package dev.ldai.operator.cli;

import static dev.ldai.operator.launchdarkly.LaunchDarklyClient.askedAgainWhileRateLimited;

import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads what an export needs from LaunchDarkly, through the operator's own client: listings (configs come with
 * the latest version of their variations), each agent graph for its edges, and each config's targeting when
 * environments are asked for. A call refused with a 429 is asked again once the pause ends (paged listings do
 * so for each page). Reports a line per config read.
 */
final class ProjectReader {

  private final LaunchDarklyClient client;
  private final Consumer<String> progress;

  ProjectReader(LaunchDarklyClient client, Consumer<String> progress) {
    this.client = client;
    this.progress = progress;
  }

  ProjectContents read(ExportRequest request) {
    String project = request.projectKey();
    List<LdAIConfig> configs = selected(request, listConfigs(project));
    Map<String, LdTargeting> targetings = new LinkedHashMap<>();
    for (LdAIConfig config : configs) {
      if (!request.environmentKeys().isEmpty()) {
        targetings.put(config.key(), targeting(project, config.key(), request.environmentKeys()));
      }
      int variations = config.variations() == null ? 0 : config.variations().size();
      progress.accept("AI Config %s: %d variation%s%s".formatted(config.key(), variations, variations == 1 ? "" : "s",
          request.environmentKeys().isEmpty() ? "" : ", targeting in " + String.join(", ", request.environmentKeys())));
    }
    List<LdAgentGraph> graphs = sorted(client.listAllAgentGraphs(project), LdAgentGraph::key).stream()
        .map(listed -> askedAgainWhileRateLimited(() -> client.getAgentGraph(project, listed.key())).orElseThrow(() -> new CommandException(
            "agent graph %s of project %s disappeared while it was read".formatted(listed.key(), project))))
        .toList();
    return new ProjectContents(configs, targetings,
        sorted(askedAgainWhileRateLimited(() -> client.listModelConfigs(project)), LdModelConfig::key),
        sorted(client.listAllTools(project), LdAITool::key),
        sorted(client.listAllPromptSnippets(project), LdPromptSnippet::key),
        graphs);
  }

  /** The first call: an unknown project is told apart from other refusals. */
  private List<LdAIConfig> listConfigs(String project) {
    try {
      return sorted(client.listAllConfigs(project), LdAIConfig::key);
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw new CommandException("project %s not found in LaunchDarkly (%s)".formatted(project, e.getMessage()), e);
      }
      throw e;
    }
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
    LdTargeting targeting = askedAgainWhileRateLimited(() -> client.getTargeting(project, configKey)).orElseThrow(() -> new CommandException(
        "AI Config %s of project %s disappeared while it was read".formatted(configKey, project)));
    for (String environment : environmentKeys) {
      if (targeting.environment(environment).isEmpty()) {
        throw new CommandException("environment %s not found in project %s".formatted(environment, project));
      }
    }
    return targeting;
  }

  private static <T> List<T> sorted(List<T> items, Function<T, String> key) {
    return items.stream().sorted(Comparator.comparing(key)).toList();
  }
}
