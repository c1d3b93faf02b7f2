package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The value LaunchDarkly serves for an AI Config variation, shaped as its AI SDKs read one
 * ({@code LDAIConfigFlagValue} of {@code @launchdarkly/server-sdk-ai}): {@code _ldMeta} (variation key,
 * enabled, version, mode), {@code model} ({@code name}, {@code parameters}, {@code custom}),
 * {@code provider}, {@code messages} or {@code instructions}, {@code judgeConfiguration} and
 * {@code evaluationMetricKey}.
 */
final class ServedValue {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ServedValue() {}

  /** What the disabled variation LaunchDarkly generates serves: the SDKs answer a disabled config. */
  static ObjectNode disabled() {
    ObjectNode value = JSON.objectNode();
    value.putObject("_ldMeta").put("enabled", false);
    return value;
  }

  /** What a variation serves, from its latest version and the model config it names, if any. */
  static ObjectNode of(ObjectNode config, ObjectNode version, Optional<ObjectNode> modelConfig) {
    ObjectNode value = JSON.objectNode();
    value.putObject("_ldMeta")
        .put("variationKey", version.path("key").asText())
        .put("enabled", true)
        .put("version", version.path("version").asInt())
        .put("mode", config.path("mode").asText("completion"));
    value.set("model", model(version.path("model"), modelConfig));
    modelConfig.map(m -> m.path("provider").asText(null))
        .ifPresent(provider -> value.putObject("provider").put("name", provider));
    if (!version.path("messages").isEmpty()) {
      value.set("messages", version.get("messages").deepCopy());
    }
    if (version.hasNonNull("instructions")) {
      value.put("instructions", version.get("instructions").asText());
    }
    if (version.path("judgeConfiguration").has("judges")) {
      value.putObject("judgeConfiguration").set("judges", judges(version.path("judgeConfiguration").path("judges")));
    }
    if (config.hasNonNull("evaluationMetricKey")) {
      value.put("evaluationMetricKey", config.get("evaluationMetricKey").asText());
    }
    return value;
  }

  /** The API's {@code modelName} is served as {@code name}; without one, the model config's model id. */
  private static ObjectNode model(JsonNode model, Optional<ObjectNode> modelConfig) {
    ObjectNode served = JSON.objectNode();
    String name = model.hasNonNull("modelName")
        ? model.get("modelName").asText()
        : modelConfig.map(m -> m.path("id").asText(null)).orElse(null);
    if (name != null) {
      served.put("name", name);
    }
    for (String field : new String[] {"parameters", "custom"}) {
      if (model.hasNonNull(field)) {
        served.set(field, model.get(field).deepCopy());
      }
    }
    return served;
  }

  /** The API's {@code judgeConfigKey} is served as {@code key}. */
  private static ArrayNode judges(JsonNode judges) {
    ArrayNode served = JSON.arrayNode();
    judges.forEach(judge -> served.addObject()
        .put("key", judge.path("judgeConfigKey").asText())
        .set("samplingRate", judge.path("samplingRate").deepCopy()));
    return served;
  }
}
