package dev.ldai.operator.standin;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AI Configs routes the stand-in serves, AI tools, prompt snippets and agent graphs included, and the
 * path parameters a request path carries.
 */
public enum Route {
  CONFIGS("/ai-configs"),
  CONFIG("/ai-configs/{configKey}"),
  VARIATIONS("/ai-configs/{configKey}/variations"),
  VARIATION("/ai-configs/{configKey}/variations/{variationKey}"),
  TARGETING("/ai-configs/{configKey}/targeting"),
  MODEL_CONFIGS("/ai-configs/model-configs"),
  MODEL_CONFIG("/ai-configs/model-configs/{modelConfigKey}"),
  PROMPT_SNIPPETS("/ai-configs/prompt-snippets"),
  PROMPT_SNIPPET("/ai-configs/prompt-snippets/{snippetKey}"),
  PROMPT_SNIPPET_VERSIONS("/ai-configs/prompt-snippets/{snippetKey}/versions"),
  PROMPT_SNIPPET_REFERENCES("/ai-configs/prompt-snippets/{snippetKey}/references"),
  TOOLS("/ai-tools"),
  TOOL("/ai-tools/{toolKey}"),
  TOOL_VERSIONS("/ai-tools/{toolKey}/versions"),
  TOOL_REFERENCES("/ai-tools/{toolKey}/references"),
  AGENT_GRAPHS("/agent-graphs"),
  AGENT_GRAPH("/agent-graphs/{graphKey}");

  private static final Pattern PATH = Pattern.compile(
      "^/api/v2/projects/([^/]+)/(ai-configs|ai-tools|agent-graphs)(?:/([^/]+)(?:/([^/]+)(?:/([^/]+))?)?)?/?$");

  private final String template;

  Route(String template) {
    this.template = template;
  }

  /** The path template below {@code /api/v2/projects/{projectKey}}. */
  public String template() {
    return template;
  }

  /**
   * Whether LaunchDarkly serves the route in API version {@code beta} only: its description declares the
   * {@code LD-API-Version} header as a required parameter of these routes, with {@code beta} its one value.
   */
  public boolean betaOnly() {
    return this == AGENT_GRAPHS || this == AGENT_GRAPH;
  }

  /**
   * A request path resolved to its route and parameters; {@code key} is the config, model config, prompt
   * snippet, tool or agent graph key.
   */
  public record Match(Route route, String project, String key, String variationKey) {}

  public static Optional<Match> match(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String project = m.group(1);
    String first = m.group(3);
    String second = m.group(4);
    String third = m.group(5);
    if (m.group(2).equals("agent-graphs")) {
      if (second != null) {
        return Optional.empty();
      }
      return Optional.of(first == null
          ? new Match(AGENT_GRAPHS, project, null, null)
          : new Match(AGENT_GRAPH, project, first, null));
    }
    if (m.group(2).equals("ai-tools")) {
      return third != null ? Optional.empty() : keyed(TOOLS, TOOL, TOOL_VERSIONS, TOOL_REFERENCES, project, first, second);
    }
    if (first == null) {
      return Optional.of(new Match(CONFIGS, project, null, null));
    }
    // Fixed segments of the API, not config keys: LaunchDarkly routes them before {configKey}.
    if (first.equals("model-configs")) {
      if (third != null) {
        return Optional.empty();
      }
      return Optional.of(second == null
          ? new Match(MODEL_CONFIGS, project, null, null)
          : new Match(MODEL_CONFIG, project, second, null));
    }
    if (first.equals("prompt-snippets")) {
      return keyed(PROMPT_SNIPPETS, PROMPT_SNIPPET, PROMPT_SNIPPET_VERSIONS, PROMPT_SNIPPET_REFERENCES, project, second,
          third);
    }
    if (second == null) {
      return Optional.of(new Match(CONFIG, project, first, null));
    }
    if (second.equals("targeting")) {
      return third == null ? Optional.of(new Match(TARGETING, project, first, null)) : Optional.empty();
    }
    if (!second.equals("variations")) {
      return Optional.empty();
    }
    return Optional.of(third == null
        ? new Match(VARIATIONS, project, first, null)
        : new Match(VARIATION, project, first, third));
  }

  /** The routes of a collection of versioned objects: the list, one object, its versions, its references. */
  private static Optional<Match> keyed(
      Route list, Route object, Route versions, Route references, String project, String key, String below) {
    if (key == null) {
      return Optional.of(new Match(list, project, null, null));
    }
    if (below == null) {
      return Optional.of(new Match(object, project, key, null));
    }
    return switch (below) {
      case "versions" -> Optional.of(new Match(versions, project, key, null));
      case "references" -> Optional.of(new Match(references, project, key, null));
      default -> Optional.empty();
    };
  }
}
