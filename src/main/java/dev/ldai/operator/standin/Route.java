package dev.ldai.operator.standin;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The AI Configs routes the stand-in serves, and the path parameters a request path carries. */
public enum Route {
  CONFIGS("/ai-configs"),
  CONFIG("/ai-configs/{configKey}"),
  VARIATIONS("/ai-configs/{configKey}/variations"),
  VARIATION("/ai-configs/{configKey}/variations/{variationKey}"),
  TARGETING("/ai-configs/{configKey}/targeting"),
  MODEL_CONFIGS("/ai-configs/model-configs"),
  MODEL_CONFIG("/ai-configs/model-configs/{modelConfigKey}");

  private static final Pattern PATH =
      Pattern.compile("^/api/v2/projects/([^/]+)/ai-configs(?:/([^/]+)(?:/([^/]+)(?:/([^/]+))?)?)?/?$");

  private final String template;

  Route(String template) {
    this.template = template;
  }

  /** The path template below {@code /api/v2/projects/{projectKey}}. */
  public String template() {
    return template;
  }

  /** A request path resolved to its route and parameters; {@code key} is the config or model config key. */
  public record Match(Route route, String project, String key, String variationKey) {}

  public static Optional<Match> match(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String project = m.group(1);
    String first = m.group(2);
    String second = m.group(3);
    String third = m.group(4);
    if (first == null) {
      return Optional.of(new Match(CONFIGS, project, null, null));
    }
    // A fixed segment of the API, not a config key: LaunchDarkly routes it before {configKey}.
    if (first.equals("model-configs")) {
      if (third != null) {
        return Optional.empty();
      }
      return Optional.of(second == null
          ? new Match(MODEL_CONFIGS, project, null, null)
          : new Match(MODEL_CONFIG, project, second, null));
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
}
