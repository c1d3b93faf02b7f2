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
  PATCH_TARGETING("PATCH", "/ai-configs/{configKey}/targeting"),
  LIST_TOOLS("GET", "/ai-tools"),
  GET_TOOL("GET", "/ai-tools/{toolKey}"),
  CREATE_TOOL("POST", "/ai-tools"),
  PATCH_TOOL("PATCH", "/ai-tools/{toolKey}"),
  DELETE_TOOL("DELETE", "/ai-tools/{toolKey}"),
  LIST_TOOL_VERSIONS("GET", "/ai-tools/{toolKey}/versions"),
  LIST_TOOL_REFERENCES("GET", "/ai-tools/{toolKey}/references"),
  LIST_PROMPT_SNIPPETS("GET", "/ai-configs/prompt-snippets"),
  GET_PROMPT_SNIPPET("GET", "/ai-configs/prompt-snippets/{snippetKey}"),
  CREATE_PROMPT_SNIPPET("POST", "/ai-configs/prompt-snippets"),
  PATCH_PROMPT_SNIPPET("PATCH", "/ai-configs/prompt-snippets/{snippetKey}"),
  DELETE_PROMPT_SNIPPET("DELETE", "/ai-configs/prompt-snippets/{snippetKey}"),
  LIST_PROMPT_SNIPPET_VERSIONS("GET", "/ai-configs/prompt-snippets/{snippetKey}/versions"),
  LIST_PROMPT_SNIPPET_REFERENCES("GET", "/ai-configs/prompt-snippets/{snippetKey}/references"),
  LIST_AGENT_GRAPHS("GET", "/agent-graphs"),
  GET_AGENT_GRAPH("GET", "/agent-graphs/{graphKey}"),
  CREATE_AGENT_GRAPH("POST", "/agent-graphs"),
  PATCH_AGENT_GRAPH("PATCH", "/agent-graphs/{graphKey}"),
  DELETE_AGENT_GRAPH("DELETE", "/agent-graphs/{graphKey}");

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
