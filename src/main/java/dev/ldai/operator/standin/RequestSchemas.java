package dev.ldai.operator.standin;

import static dev.ldai.operator.standin.FieldCheck.anyObject;
import static dev.ldai.operator.standin.FieldCheck.arrayOf;
import static dev.ldai.operator.standin.FieldCheck.bool;
import static dev.ldai.operator.standin.FieldCheck.integer;
import static dev.ldai.operator.standin.FieldCheck.matching;
import static dev.ldai.operator.standin.FieldCheck.number;
import static dev.ldai.operator.standin.FieldCheck.numberWithin;
import static dev.ldai.operator.standin.FieldCheck.oneOf;
import static dev.ldai.operator.standin.FieldCheck.string;

/**
 * LaunchDarkly's request schemas for the AI Configs writes, AI tools, prompt snippets and agent graphs
 * included, written out by hand from its API description (the stand-in runs in dev mode, where the
 * description is not at hand). Names follow the description's {@code components.schemas}.
 */
final class RequestSchemas {

  /**
   * The description gives tags no rule; LaunchDarkly's own Terraform provider checks every tag, AI Configs'
   * included, against this one before sending it.
   */
  private static final FieldCheck TAG = matching("[a-zA-Z0-9_.-]{1,64}", "1 to 64 letters, digits, '.', '_' or '-'");

  static final ObjectSchema MESSAGE = new ObjectSchema()
      .required("content", string())
      .required("role", string());

  static final ObjectSchema VARIATION_TOOL_POST = new ObjectSchema()
      .required("key", string())
      .required("version", integer());

  static final ObjectSchema JUDGE_ATTACHMENT = new ObjectSchema()
      .required("judgeConfigKey", string())
      .required("samplingRate", numberWithin(0, 1));

  static final ObjectSchema JUDGE_CONFIGURATION = new ObjectSchema()
      .optional("judges", arrayOf(JUDGE_ATTACHMENT));

  static final ObjectSchema AI_CONFIG_VARIATION_POST = new ObjectSchema()
      .required("key", string())
      .required("name", string())
      .optional("comment", string())
      .optional("description", string())
      .optional("instructions", string())
      .optional("messages", arrayOf(MESSAGE))
      .optional("model", anyObject())
      .optional("modelConfigKey", string())
      .optional("outputFormat", anyObject())
      .optional("tools", arrayOf(VARIATION_TOOL_POST))
      .optional("toolKeys", arrayOf(string()))
      .optional("judgeConfiguration", JUDGE_CONFIGURATION);

  static final ObjectSchema AI_CONFIG_VARIATION_PATCH = new ObjectSchema()
      .optional("comment", string())
      .optional("description", string())
      .optional("instructions", string())
      .optional("messages", arrayOf(MESSAGE))
      .optional("model", anyObject())
      .optional("modelConfigKey", string())
      .optional("name", string())
      .optional("outputFormat", anyObject())
      .optional("published", bool())
      .optional("state", string())
      .optional("tools", arrayOf(VARIATION_TOOL_POST))
      .optional("toolKeys", arrayOf(string()))
      .optional("judgeConfiguration", JUDGE_CONFIGURATION);

  static final ObjectSchema AI_CONFIG_POST = new ObjectSchema()
      .required("key", string())
      .required("name", string())
      .optional("description", string())
      .optional("maintainerId", string())
      .optional("maintainerTeamKey", string())
      .optional("mode", oneOf("agent", "completion", "judge"))
      .optional("tags", arrayOf(TAG))
      .optional("viewKeys", arrayOf(string()))
      .optional("defaultVariation", AI_CONFIG_VARIATION_POST)
      .optional("evaluationMetricKey", string())
      .optional("isInverted", bool());

  static final ObjectSchema AI_CONFIG_PATCH = new ObjectSchema()
      .optional("description", string())
      .optional("maintainerId", string())
      .optional("maintainerTeamKey", string())
      .optional("name", string())
      .optional("tags", arrayOf(TAG))
      .optional("evaluationMetricKey", string())
      .optional("isInverted", bool());

  /** The instructions' own parameters are checked by {@link TargetingPatch}, kind by kind. */
  static final ObjectSchema AI_CONFIG_TARGETING_PATCH = new ObjectSchema()
      .optional("comment", string())
      .required("environmentKey", string())
      .required("instructions", arrayOf(anyObject()));

  static final ObjectSchema MODEL_CONFIG_POST = new ObjectSchema()
      .required("name", string())
      .required("key", string())
      .required("id", string())
      .optional("icon", string())
      .optional("provider", string())
      .optional("params", anyObject())
      .optional("customParams", anyObject())
      .optional("tags", arrayOf(TAG))
      .optional("costPerInputToken", number())
      .optional("costPerOutputToken", number())
      .optional("costPerCachedInputToken", number());

  static final ObjectSchema AI_TOOL_POST = new ObjectSchema()
      .required("key", string())
      .optional("maintainerId", string())
      .optional("maintainerTeamKey", string())
      .optional("description", string())
      .required("schema", anyObject())
      .optional("customParameters", anyObject())
      .optional("tags", arrayOf(TAG));

  static final ObjectSchema AI_TOOL_PATCH = new ObjectSchema()
      .optional("maintainerId", string())
      .optional("maintainerTeamKey", string())
      .optional("description", string())
      .optional("schema", anyObject())
      .optional("customParameters", anyObject())
      .optional("tags", arrayOf(TAG));

  static final ObjectSchema PROMPT_SNIPPET_POST = new ObjectSchema()
      .required("key", string())
      .required("name", string())
      .optional("description", string())
      .required("text", string())
      .optional("maintainerId", string())
      .optional("maintainerTeamKey", string())
      .optional("tags", arrayOf(TAG));

  static final ObjectSchema PROMPT_SNIPPET_PATCH = new ObjectSchema()
      .optional("name", string())
      .optional("description", string())
      .optional("text", string())
      .optional("maintainerId", string())
      .optional("maintainerTeamKey", string())
      .optional("tags", arrayOf(TAG));

  static final ObjectSchema AGENT_GRAPH_EDGE = new ObjectSchema()
      .required("key", string())
      .required("sourceConfig", string())
      .required("targetConfig", string())
      .optional("handoff", anyObject());

  static final ObjectSchema AGENT_GRAPH_POST = new ObjectSchema()
      .required("key", string())
      .required("name", string())
      .optional("description", string())
      .optional("maintainerId", string())
      .optional("maintainerTeamKey", string())
      .optional("rootConfigKey", string())
      .optional("edges", arrayOf(AGENT_GRAPH_EDGE));

  static final ObjectSchema AGENT_GRAPH_PATCH = new ObjectSchema()
      .optional("name", string())
      .optional("description", string())
      .optional("maintainerId", string())
      .optional("maintainerTeamKey", string())
      .optional("rootConfigKey", string())
      .optional("edges", arrayOf(AGENT_GRAPH_EDGE));

  private RequestSchemas() {}
}
