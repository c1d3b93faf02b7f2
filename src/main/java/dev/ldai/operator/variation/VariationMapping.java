package dev.ldai.operator.variation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.common.Semantic;
import dev.ldai.operator.launchdarkly.api.LdJudge;
import dev.ldai.operator.launchdarkly.api.LdJudgeConfiguration;
import dev.ldai.operator.launchdarkly.api.LdMessage;
import dev.ldai.operator.launchdarkly.api.LdTool;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps an AIConfigVariation spec to LaunchDarkly's variation, and computes the patch between the spec and
 * the latest version. Every PATCH creates a LaunchDarkly version, so only differing fields are sent and
 * nothing at all when they match.
 */
public final class VariationMapping {

  /** The fields of LaunchDarkly's {@code model} that the spec's {@link Model} holds. */
  private static final Set<String> MODEL_FIELDS = Set.of("modelName", "parameters", "custom");

  private VariationMapping() {}

  public static LdVariationPost toPost(String key, AIConfigVariationSpec spec, String modelConfigKey) {
    return new LdVariationPost(
        key,
        spec.getName(),
        messages(spec.getMessages()),
        model(spec.getModel()),
        modelConfigKey,
        spec.getComment(),
        spec.getDescription(),
        spec.getInstructions(),
        tools(spec.getTools()),
        judges(spec.getJudgeConfiguration()));
  }

  /**
   * Instructions or a description the spec sets differ when the variation LaunchDarkly shows holds other
   * text (a listing shows it); when it shows none (get-variation), when this resource last sent other text.
   */
  private static boolean unshownTextDiffers(String wanted, String shown, String appliedHash) {
    if (wanted == null) {
      return false;
    }
    return shown != null ? !wanted.equals(shown) : !sha256(wanted).equals(appliedHash);
  }

  /**
   * @param modelConfigKey the resolved model config key, or null when the spec names none
   * @param applied the hashes of the instructions and description last sent, which LaunchDarkly's
   *     get-variation does not return
   */
  public static Diff<LdVariationPatch> diff(
      AIConfigVariationSpec spec, LdVariation latest, String modelConfigKey, AIConfigVariationStatus applied) {
    List<String> fields = new ArrayList<>();
    String name = changed(fields, "name", spec.getName(), latest.name());
    List<LdMessage> messages =
        spec.getMessages() != null && !messages(spec.getMessages()).equals(orEmpty(latest.messages()))
            ? added(fields, "messages", messages(spec.getMessages()))
            : null;
    JsonNode model =
        spec.getModel() != null && !Semantic.sameJson(model(spec.getModel()), latest.model())
            ? added(fields, "model", model(spec.getModel()))
            : null;
    String modelConfig = changed(fields, "modelConfigKey", modelConfigKey, latest.modelConfigKey());
    String comment = changed(fields, "comment", spec.getComment(), latest.comment());
    String description =
        unshownTextDiffers(spec.getDescription(), latest.description(), applied.getAppliedDescriptionHash())
            ? added(fields, "description", spec.getDescription())
            : null;
    String instructions =
        unshownTextDiffers(spec.getInstructions(), latest.instructions(), applied.getAppliedInstructionsHash())
            ? added(fields, "instructions", spec.getInstructions())
            : null;
    List<LdTool> tools =
        spec.getTools() != null && !tools(spec.getTools()).equals(orEmpty(latest.tools()))
            ? added(fields, "tools", tools(spec.getTools()))
            : null;
    LdJudgeConfiguration judges =
        spec.getJudgeConfiguration() != null && !sameJudges(judges(spec.getJudgeConfiguration()), latest.judgeConfiguration())
            ? added(fields, "judgeConfiguration", judges(spec.getJudgeConfiguration()))
            : null;
    String state =
        changed(fields, "state", spec.getState() == null ? null : spec.getState().name(), latest.state());
    return new Diff<>(
        List.copyOf(fields),
        new LdVariationPatch(name, messages, model, modelConfig, comment, description, instructions, tools, judges, state));
  }

  /**
   * The spec that describes the variation's latest version as LaunchDarkly lists it, so that {@link #diff}
   * finds no field to send. Empty texts and lists are left out, and so not managed; so is a model with fields
   * the spec cannot hold. The model config and tools are named by resource where {@code modelConfigName} and
   * {@code toolName} know one for the key, else by key.
   */
  public static AIConfigVariationSpec toSpec(LdVariation variation, LocalReference configRef,
      Function<String, Optional<String>> modelConfigName, Function<String, Optional<String>> toolName) {
    AIConfigVariationSpec spec = new AIConfigVariationSpec();
    spec.setConfigRef(configRef);
    spec.setKey(variation.key());
    spec.setName(variation.name());
    spec.setMessages(isEmpty(variation.messages()) ? null
        : variation.messages().stream().map(m -> new Message(m.role(), m.content())).toList());
    spec.setModel(modelOf(variation.model()));
    if (variation.modelConfigKey() != null) {
      modelConfigName.apply(variation.modelConfigKey()).ifPresentOrElse(
          name -> spec.setModelConfigRef(new LocalReference(name)),
          () -> spec.setModelConfigKey(variation.modelConfigKey()));
    }
    spec.setInstructions(nonEmpty(variation.instructions()));
    spec.setDescription(nonEmpty(variation.description()));
    spec.setComment(nonEmpty(variation.comment()));
    spec.setTools(isEmpty(variation.tools()) ? null : variation.tools().stream()
        .map(tool -> toolName.apply(tool.key())
            .map(name -> Tool.ref(name, tool.version()))
            .orElseGet(() -> new Tool(tool.key(), tool.version())))
        .toList());
    List<LdJudge> judges = variation.judgeConfiguration() == null ? null : variation.judgeConfiguration().judges();
    if (!isEmpty(judges)) {
      JudgeConfiguration configuration = new JudgeConfiguration();
      configuration.setJudges(judges.stream().map(j -> new Judge(j.judgeConfigKey(), j.samplingRate())).toList());
      spec.setJudgeConfiguration(configuration);
    }
    spec.setState(stateOf(variation.state()));
    return spec;
  }

  /** The model as the spec holds it; null when LaunchDarkly shows none, or fields the spec has no place for. */
  private static Model modelOf(JsonNode model) {
    if (model == null || !model.isObject() || model.isEmpty() || !MODEL_FIELDS.containsAll(fieldNames(model))) {
      return null;
    }
    Model spec = new Model();
    spec.setModelName(model.hasNonNull("modelName") ? model.get("modelName").asText() : null);
    spec.setParameters(model.get("parameters"));
    spec.setCustom(model.get("custom"));
    return Semantic.sameJson(model(spec), model) ? spec : null;
  }

  /** The state as the spec names it; null for a state it has no name for. */
  private static VariationState stateOf(String state) {
    return Arrays.stream(VariationState.values()).filter(known -> known.name().equals(state)).findFirst().orElse(null);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String nonEmpty(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }

  /** Hex SHA-256 of a text; null for null. */
  public static String sha256(String text) {
    if (text == null) {
      return null;
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  static List<LdMessage> messages(List<Message> messages) {
    return messages == null ? null : messages.stream().map(m -> new LdMessage(m.getRole(), m.getContent())).toList();
  }

  static JsonNode model(Model model) {
    if (model == null) {
      return null;
    }
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (model.getModelName() != null) {
      node.put("modelName", model.getModelName());
    }
    if (model.getParameters() != null) {
      node.set("parameters", model.getParameters());
    }
    if (model.getCustom() != null) {
      node.set("custom", model.getCustom());
    }
    return node;
  }

  static List<LdTool> tools(List<Tool> tools) {
    return tools == null ? null : tools.stream().map(t -> new LdTool(t.getKey(), t.getVersion())).toList();
  }

  static LdJudgeConfiguration judges(JudgeConfiguration configuration) {
    if (configuration == null) {
      return null;
    }
    List<Judge> judges = configuration.getJudges() == null ? List.of() : configuration.getJudges();
    return new LdJudgeConfiguration(
        judges.stream().map(j -> new LdJudge(j.getJudgeConfigKey(), j.getSamplingRate())).toList());
  }

  private static boolean sameJudges(LdJudgeConfiguration wanted, LdJudgeConfiguration actual) {
    List<LdJudge> actualJudges = actual == null || actual.judges() == null ? List.of() : actual.judges();
    if (wanted.judges().size() != actualJudges.size()) {
      return false;
    }
    for (int i = 0; i < actualJudges.size(); i++) {
      LdJudge left = wanted.judges().get(i);
      LdJudge right = actualJudges.get(i);
      if (!Objects.equals(left.judgeConfigKey(), right.judgeConfigKey())
          || !Semantic.sameNumber(left.samplingRate(), right.samplingRate())) {
        return false;
      }
    }
    return true;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String changed(List<String> fields, String field, String wanted, String actual) {
    return wanted != null && !wanted.equals(actual) ? added(fields, field, wanted) : null;
  }

  private static <T> T added(List<String> fields, String field, T value) {
    fields.add(field);
    return value;
  }
}
