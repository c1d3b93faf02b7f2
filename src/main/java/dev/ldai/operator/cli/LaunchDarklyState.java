package dev.ldai.operator.cli;

import static dev.ldai.operator.launchdarkly.LaunchDarklyClient.askedAgainWhileRateLimited;

import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import dev.ldai.operator.launchdarkly.LaunchDarklyEndpoint;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the command-line tool reads of LaunchDarkly, each at most once, through the operator's own client: per
 * project the listing the operator's poller makes (configs with their variations' latest versions, model configs, tools,
 * snippets, agent graphs), and, where a manifest needs them, a config's targeting and an agent graph's edges.
 * A call refused with a 429 is asked again once the pause ends.
 */
final class LaunchDarklyState {

  private final LaunchDarklyClient client;
  private final Map<String, ProjectSnapshot> projects = new HashMap<>();
  private final Map<String, Optional<LdTargeting>> targetings = new HashMap<>();
  private final Map<String, Optional<LdAgentGraph>> graphs = new HashMap<>();

  LaunchDarklyState(LaunchDarklyClient client) {
    this.client = client;
  }

  /** Read with the operator-wide token ({@code LDAI_LAUNCHDARKLY_API_TOKEN}): the one token the commands take. */
  static LaunchDarklyState withOperatorToken(LaunchDarklyEndpoint endpoint, LaunchDarklyClients clients) {
    ApiToken token = endpoint.operatorToken().orElseThrow(() -> new CommandException(
        "no LaunchDarkly API token: set LDAI_LAUNCHDARKLY_API_TOKEN"));
    return new LaunchDarklyState(clients.forToken(token));
  }

  ProjectSnapshot project(String project) {
    return projects.computeIfAbsent(project, this::list);
  }

  private ProjectSnapshot list(String project) {
    List<LdAIConfig> configs;
    try {
      configs = client.listAllConfigs(project);
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw new CommandException("project %s not found in LaunchDarkly (%s)".formatted(project, e.getMessage()), e);
      }
      throw e;
    }
    return ProjectSnapshot.of(project, Instant.now(), configs,
        askedAgainWhileRateLimited(() -> client.listModelConfigs(project)),
        Optional.of(client.listAllTools(project)), Optional.of(client.listAllPromptSnippets(project)),
        Optional.of(client.listAllAgentGraphs(project)));
  }

  /** The config's targeting; empty when LaunchDarkly has no such config. */
  Optional<LdTargeting> targeting(String project, String configKey) {
    return targetings.computeIfAbsent(project + "/" + configKey,
        key -> askedAgainWhileRateLimited(() -> client.getTargeting(project, configKey)));
  }

  /** The agent graph with its edges, which the listing does not show; empty when LaunchDarkly has none. */
  Optional<LdAgentGraph> agentGraph(String project, String graphKey) {
    if (project(project).agentGraph(graphKey).isEmpty()) {
      return Optional.empty();
    }
    return graphs.computeIfAbsent(project + "/" + graphKey,
        key -> askedAgainWhileRateLimited(() -> client.getAgentGraph(project, graphKey)));
  }
}
