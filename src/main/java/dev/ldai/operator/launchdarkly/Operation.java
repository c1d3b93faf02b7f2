package dev.ldai.operator.launchdarkly;

/**
 * The LaunchDarkly calls the operator makes. LaunchDarkly budgets each method + path template
 * separately, so an operation is also the unit of route-level rate limiting and of metrics.
 */
public enum Operation {
  LIST_CONFIGS("GET", "/ai-configs"),
  GET_CONFIG("GET", "/ai-configs/{configKey}"),
  CREATE_CONFIG("POST", "/ai-configs"),
  PATCH_CONFIG("PATCH", "/ai-configs/{configKey}"),
  DELETE_CONFIG("DELETE", "/ai-configs/{configKey}"),
  CREATE_VARIATION("POST", "/ai-configs/{configKey}/variations"),
  GET_VARIATION("GET", "/ai-configs/{configKey}/variations/{variationKey}"),
  PATCH_VARIATION("PATCH", "/ai-configs/{configKey}/variations/{variationKey}"),
  DELETE_VARIATION("DELETE", "/ai-configs/{configKey}/variations/{variationKey}"),
  LIST_MODEL_CONFIGS("GET", "/ai-configs/model-configs"),
  GET_MODEL_CONFIG("GET", "/ai-configs/model-configs/{modelConfigKey}"),
  CREATE_MODEL_CONFIG("POST", "/ai-configs/model-configs"),
  DELETE_MODEL_CONFIG("DELETE", "/ai-configs/model-configs/{modelConfigKey}"),
  GET_TARGETING("GET", "/ai-configs/{configKey}/targeting"),
  PATCH_TARGETING("PATCH", "/ai-configs/{configKey}/targeting");

  private final String method;
  private final String route;

  Operation(String method, String route) {
    this.method = method;
    this.route = route;
  }

  public String method() {
    return method;
  }

  /** The path template below {@code /api/v2/projects/{projectKey}}. */
  public String route() {
    return route;
  }
}
