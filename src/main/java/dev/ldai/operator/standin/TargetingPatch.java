package dev.ldai.operator.standin;

import static dev.ldai.operator.standin.FieldCheck.any;
import static dev.ldai.operator.standin.FieldCheck.arrayOf;
import static dev.ldai.operator.standin.FieldCheck.bool;
import static dev.ldai.operator.standin.FieldCheck.integerWithin;
import static dev.ldai.operator.standin.FieldCheck.mapOf;
import static dev.ldai.operator.standin.FieldCheck.oneOf;
import static dev.ldai.operator.standin.FieldCheck.scalar;
import static dev.ldai.operator.standin.FieldCheck.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * LaunchDarkly's semantic patch of an AI Config's targeting in one environment: every instruction kind
 * the description of {@code patchAIConfigTargeting} lists, with its parameters checked as the description
 * states them. Instructions apply in order to a {@link Draft}; the first refusal (400
 * {@code invalid_request} naming the instruction, e.g. {@code instructions[1].ruleId: unknown rule r}) ends
 * the patch, and the caller keeps a draft only when every instruction applied.
 */
final class TargetingPatch {

  /** Rollout weights are thousandths of a percent. */
  static final int WHOLE_ROLLOUT = 100_000;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String DEFAULT_CONTEXT_KIND = "user";
  private static final String[] OPERATORS = {"in", "endsWith", "startsWith", "matches", "contains", "lessThan",
      "lessThanOrEqual", "greaterThan", "greaterThanOrEqual", "before", "after", "segmentMatch", "semVerEqual",
      "semVerLessThan", "semVerGreaterThan"};

  private static final ObjectSchema CLAUSE = new ObjectSchema()
      .optional("contextKind", string())
      .required("attribute", string())
      .required("op", oneOf(OPERATORS))
      .optional("negate", bool())
      .required("values", arrayOf(scalar()));

  private static final ObjectSchema RULE = serving()
      .required("clauses", arrayOf(CLAUSE))
      .optional("description", string());

  private static final ObjectSchema TARGET = new ObjectSchema()
      .optional("contextKind", string())
      .required("variationId", string())
      .required("values", arrayOf(string()));

  private static final ObjectSchema KIND = new ObjectSchema().required("kind", string());

  /** An instruction's parameters, and where it stands in the patch (e.g. {@code instructions[2]}). */
  private record Instruction(String at, JsonNode parameters) {
    String text(String name) {
      return parameters.path(name).asText();
    }

    String contextKind() {
      return parameters.path("contextKind").asText(DEFAULT_CONTEXT_KIND);
    }

    Instruction item(String field, int index) {
      return new Instruction(at + "." + field + "[" + index + "]", parameters.get(field).get(index));
    }

    StandInError refused(String field, String problem) {
      return StandInError.invalid(at + "." + field + ": " + problem);
    }
  }

  @FunctionalInterface
  private interface Step {
    void apply(Draft draft, Instruction instruction);
  }

  private record Kind(ObjectSchema parameters, Step step) {}

  private static final Map<String, Kind> KINDS = Map.ofEntries(
      Map.entry("addClauses", new Kind(ruleParameters().required("clauses", arrayOf(CLAUSE)),
          TargetingPatch::addClauses)),
      Map.entry("addRule", new Kind(serving().required("clauses", arrayOf(CLAUSE))
          .optional("description", string()).optional("beforeRuleId", string()), TargetingPatch::addRule)),
      Map.entry("addTargets", new Kind(target(), TargetingPatch::addTargets)),
      Map.entry("addValuesToClause", new Kind(clauseParameters().required("values", arrayOf(scalar())),
          TargetingPatch::addValuesToClause)),
      Map.entry("clearTargets", new Kind(new ObjectSchema().required("variationId", string()),
          TargetingPatch::clearTargets)),
      Map.entry("removeClauses", new Kind(ruleParameters().required("clauseIds", arrayOf(string())),
          TargetingPatch::removeClauses)),
      Map.entry("removeRule", new Kind(ruleParameters(), TargetingPatch::removeRule)),
      Map.entry("removeTargets", new Kind(target(), TargetingPatch::removeTargets)),
      Map.entry("removeValuesFromClause", new Kind(clauseParameters().required("values", arrayOf(scalar())),
          TargetingPatch::removeValuesFromClause)),
      Map.entry("reorderRules", new Kind(new ObjectSchema().required("ruleIds", arrayOf(string())),
          TargetingPatch::reorderRules)),
      Map.entry("replaceRules", new Kind(new ObjectSchema().required("rules", arrayOf(RULE)),
          TargetingPatch::replaceRules)),
      Map.entry("replaceTargets", new Kind(new ObjectSchema().required("targets", arrayOf(TARGET)),
          TargetingPatch::replaceTargets)),
      Map.entry("updateClause", new Kind(clauseParameters().required("clause", CLAUSE), TargetingPatch::updateClause)),
      Map.entry("updateDefaultVariation", new Kind(new ObjectSchema()
          .optional("onVariationValue", any()).optional("offVariationValue", any()),
          TargetingPatch::updateDefaultVariation)),
      Map.entry("updateFallthroughVariationOrRollout", new Kind(serving(),
          (draft, in) -> draft.environment.set("fallthrough", served(draft, in)))),
      Map.entry("updateOffVariation", new Kind(new ObjectSchema().required("variationId", string()),
          (draft, in) -> draft.environment.put("offVariation", draft.variation(in, "variationId", in.text("variationId"))))),
      Map.entry("updateRuleDescription", new Kind(ruleParameters().required("description", string()),
          (draft, in) -> draft.rule(in).put("description", in.text("description")))),
      Map.entry("updateRuleTrackEvents", new Kind(ruleParameters().required("trackEvents", bool()),
          (draft, in) -> draft.rule(in).put("trackEvents", in.parameters().get("trackEvents").asBoolean()))),
      Map.entry("updateRuleVariationOrRollout", new Kind(serving().required("ruleId", string()),
          TargetingPatch::updateRuleVariationOrRollout)),
      Map.entry("updateTrackEvents", new Kind(new ObjectSchema().required("trackEvents", bool()),
          (draft, in) -> draft.environment.put("trackEvents", in.parameters().get("trackEvents").asBoolean()))),
      Map.entry("updateTrackEventsFallthrough", new Kind(new ObjectSchema().required("trackEvents", bool()),
          (draft, in) -> draft.environment.put("trackEventsFallthrough", in.parameters().get("trackEvents").asBoolean()))));

  /**
   * Copies of one environment's targeting and of the config's defaults, being patched, and the config's
   * targeting variations (index 0 the disabled one) that instructions name by {@code _id}.
   */
  static final class Draft {
    final ObjectNode environment;
    final ObjectNode defaults;
    private final List<? extends JsonNode> variations;

    Draft(ObjectNode environment, ObjectNode defaults, List<? extends JsonNode> variations) {
      this.environment = environment;
      this.defaults = defaults;
      this.variations = variations;
    }

    int variation(Instruction in, String field, String id) {
      for (int i = 0; i < variations.size(); i++) {
        if (variations.get(i).path("_id").asText().equals(id)) {
          return i;
        }
      }
      throw in.refused(field, "unknown variation " + id);
    }

    ArrayNode rules() {
      return (ArrayNode) environment.get("rules");
    }

    ObjectNode rule(Instruction in) {
      int index = ruleIndex(in.text("ruleId"));
      if (index < 0) {
        throw in.refused("ruleId", "unknown rule " + in.text("ruleId"));
      }
      return (ObjectNode) rules().get(index);
    }

    int ruleIndex(String id) {
      for (int i = 0; i < rules().size(); i++) {
        if (rules().get(i).path("_id").asText().equals(id)) {
          return i;
        }
      }
      return -1;
    }

    /** LaunchDarkly keeps targets of the {@code user} kind apart from those of other kinds. */
    ArrayNode targets(String contextKind) {
      return (ArrayNode) environment.get(DEFAULT_CONTEXT_KIND.equals(contextKind) ? "targets" : "contextTargets");
    }
  }

  private TargetingPatch() {}

  static void apply(JsonNode instructions, Draft draft) {
    for (int i = 0; i < instructions.size(); i++) {
      String at = "instructions[" + i + "]";
      JsonNode parameters = instructions.get(i);
      KIND.check(at, parameters);
      Kind kind = KINDS.get(parameters.get("kind").asText());
      if (kind == null) {
        throw StandInError.invalid(at + ".kind: unknown instruction " + parameters.get("kind").asText());
      }
      kind.parameters().check(at, parameters);
      kind.step().apply(draft, new Instruction(at, parameters));
    }
  }

  // ---- parameters

  /** A variation ({@code variationId}) or a percentage rollout to serve; which of them is checked when served. */
  private static ObjectSchema serving() {
    return new ObjectSchema()
        .optional("variationId", string())
        .optional("rolloutWeights", mapOf(integerWithin(0, WHOLE_ROLLOUT)))
        .optional("rolloutBucketBy", string())
        .optional("rolloutContextKind", string());
  }

  private static ObjectSchema ruleParameters() {
    return new ObjectSchema().required("ruleId", string());
  }

  private static ObjectSchema clauseParameters() {
    return ruleParameters().required("clauseId", string());
  }

  private static ObjectSchema target() {
    return new ObjectSchema()
        .required("values", arrayOf(string()))
        .optional("contextKind", string())
        .required("variationId", string());
  }

  // ---- serving

  /** {@code {variation}} or {@code {rollout}}, as a fallthrough or a rule serves it. */
  private static ObjectNode served(Draft draft, Instruction in) {
    boolean variation = in.parameters().has("variationId");
    if (variation == in.parameters().has("rolloutWeights")) {
      throw StandInError.invalid(in.at() + (variation
          ? ": variationId and rolloutWeights exclude each other"
          : ": variationId or rolloutWeights is required"));
    }
    ObjectNode served = JSON.objectNode();
    if (variation) {
      served.put("variation", draft.variation(in, "variationId", in.text("variationId")));
    } else {
      served.set("rollout", rollout(draft, in));
    }
    return served;
  }

  private static ObjectNode rollout(Draft draft, Instruction in) {
    TreeMap<Integer, Integer> weights = new TreeMap<>();
    int total = 0;
    for (var weight : in.parameters().get("rolloutWeights").properties()) {
      weights.put(draft.variation(in, "rolloutWeights", weight.getKey()), weight.getValue().intValue());
      total += weight.getValue().intValue();
    }
    if (total != WHOLE_ROLLOUT) {
      throw in.refused("rolloutWeights", "weights must add up to " + WHOLE_ROLLOUT + ", not " + total);
    }
    ObjectNode rollout = JSON.objectNode();
    ArrayNode variations = rollout.putArray("variations");
    weights.forEach((variation, weight) -> variations.addObject().put("variation", variation).put("weight", weight));
    rollout.put("contextKind", in.parameters().path("rolloutContextKind").asText(DEFAULT_CONTEXT_KIND));
    if (in.parameters().has("rolloutBucketBy")) {
      rollout.put("bucketBy", in.text("rolloutBucketBy"));
    }
    return rollout;
  }

  // ---- rules

  private static void addRule(Draft draft, Instruction in) {
    ObjectNode rule = newRule(draft, in);
    if (!in.parameters().has("beforeRuleId")) {
      draft.rules().add(rule);
      return;
    }
    int before = draft.ruleIndex(in.text("beforeRuleId"));
    if (before < 0) {
      throw in.refused("beforeRuleId", "unknown rule " + in.text("beforeRuleId"));
    }
    draft.rules().insert(before, rule);
  }

  private static ObjectNode newRule(Draft draft, Instruction in) {
    ObjectNode rule = JSON.objectNode();
    rule.put("_id", newId());
    ArrayNode clauses = rule.putArray("clauses");
    in.parameters().get("clauses").forEach(clause -> clauses.add(newClause(clause, newId())));
    rule.put("description", in.parameters().path("description").asText(""));
    rule.put("trackEvents", false);
    rule.setAll(served(draft, in));
    return rule;
  }

  private static void removeRule(Draft draft, Instruction in) {
    int index = draft.ruleIndex(in.text("ruleId"));
    // The description: "Does nothing if the rule does not exist."
    if (index >= 0) {
      draft.rules().remove(index);
    }
  }

  private static void reorderRules(Draft draft, Instruction in) {
    List<String> current = new ArrayList<>();
    draft.rules().forEach(rule -> current.add(rule.path("_id").asText()));
    List<String> wanted = new ArrayList<>();
    in.parameters().get("ruleIds").forEach(id -> wanted.add(id.asText()));
    if (wanted.size() != current.size() || !new HashSet<>(wanted).equals(new HashSet<>(current))) {
      throw in.refused("ruleIds", "must name each of the rules " + current + " once");
    }
    ArrayNode reordered = JSON.arrayNode();
    wanted.forEach(id -> reordered.add(draft.rules().get(draft.ruleIndex(id))));
    draft.environment.set("rules", reordered);
  }

  private static void replaceRules(Draft draft, Instruction in) {
    ArrayNode rules = JSON.arrayNode();
    for (int i = 0; i < in.parameters().get("rules").size(); i++) {
      rules.add(newRule(draft, in.item("rules", i)));
    }
    draft.environment.set("rules", rules);
  }

  private static void updateRuleVariationOrRollout(Draft draft, Instruction in) {
    ObjectNode rule = draft.rule(in);
    ObjectNode served = served(draft, in);
    rule.remove(List.of("variation", "rollout"));
    rule.setAll(served);
  }

  // ---- clauses

  private static ObjectNode newClause(JsonNode clause, String id) {
    ObjectNode created = JSON.objectNode();
    created.put("id", id);
    created.put("contextKind", clause.path("contextKind").asText(DEFAULT_CONTEXT_KIND));
    created.put("attribute", clause.get("attribute").asText());
    created.put("op", clause.get("op").asText());
    created.put("negate", clause.path("negate").asBoolean(false));
    created.set("values", clause.get("values").deepCopy());
    return created;
  }

  private static int clauseIndex(ObjectNode rule, Instruction in, String field, String id) {
    JsonNode clauses = rule.get("clauses");
    for (int i = 0; i < clauses.size(); i++) {
      if (clauses.get(i).path("id").asText().equals(id)) {
        return i;
      }
    }
    throw in.refused(field, "unknown clause " + id);
  }

  private static ObjectNode clause(Draft draft, Instruction in) {
    ObjectNode rule = draft.rule(in);
    return (ObjectNode) rule.get("clauses").get(clauseIndex(rule, in, "clauseId", in.text("clauseId")));
  }

  private static void addClauses(Draft draft, Instruction in) {
    ArrayNode clauses = (ArrayNode) draft.rule(in).get("clauses");
    in.parameters().get("clauses").forEach(clause -> clauses.add(newClause(clause, newId())));
  }

  private static void removeClauses(Draft draft, Instruction in) {
    ObjectNode rule = draft.rule(in);
    for (JsonNode id : in.parameters().get("clauseIds")) {
      ((ArrayNode) rule.get("clauses")).remove(clauseIndex(rule, in, "clauseIds", id.asText()));
    }
  }

  /** The clause keeps its id, so later instructions and readers still find it. */
  private static void updateClause(Draft draft, Instruction in) {
    ObjectNode rule = draft.rule(in);
    int index = clauseIndex(rule, in, "clauseId", in.text("clauseId"));
    ((ArrayNode) rule.get("clauses")).set(index, newClause(in.parameters().get("clause"), in.text("clauseId")));
  }

  private static void addValuesToClause(Draft draft, Instruction in) {
    ArrayNode values = (ArrayNode) clause(draft, in).get("values");
    in.parameters().get("values").forEach(value -> {
      if (!contains(values, value)) {
        values.add(value.deepCopy());
      }
    });
  }

  private static void removeValuesFromClause(Draft draft, Instruction in) {
    ArrayNode values = (ArrayNode) clause(draft, in).get("values");
    in.parameters().get("values").forEach(value -> removeAll(values, value));
  }

  // ---- individual targets

  private static void addTargets(Draft draft, Instruction in) {
    int variation = draft.variation(in, "variationId", in.text("variationId"));
    ArrayNode targets = draft.targets(in.contextKind());
    for (JsonNode value : in.parameters().get("values")) {
      for (JsonNode target : targets) {
        if (target.path("variation").asInt() != variation && target.path("contextKind").asText().equals(in.contextKind())
            && contains(target.get("values"), value)) {
          throw in.refused("values", in.contextKind() + " " + value.asText() + " is already a target of variation "
              + target.path("variation").asInt());
        }
      }
    }
    ArrayNode values = (ArrayNode) target(targets, in.contextKind(), variation).get("values");
    in.parameters().get("values").forEach(value -> {
      if (!contains(values, value)) {
        values.add(value.asText());
      }
    });
  }

  /** Does nothing for keys that are not targets, as the description says. */
  private static void removeTargets(Draft draft, Instruction in) {
    int variation = draft.variation(in, "variationId", in.text("variationId"));
    ArrayNode targets = draft.targets(in.contextKind());
    for (int i = targets.size() - 1; i >= 0; i--) {
      JsonNode target = targets.get(i);
      if (target.path("variation").asInt() == variation && target.path("contextKind").asText().equals(in.contextKind())) {
        in.parameters().get("values").forEach(value -> removeAll((ArrayNode) target.get("values"), value));
        if (target.get("values").isEmpty()) {
          targets.remove(i);
        }
      }
    }
  }

  private static void clearTargets(Draft draft, Instruction in) {
    int variation = draft.variation(in, "variationId", in.text("variationId"));
    for (String list : new String[] {"targets", "contextTargets"}) {
      ArrayNode targets = (ArrayNode) draft.environment.get(list);
      for (int i = targets.size() - 1; i >= 0; i--) {
        if (targets.get(i).path("variation").asInt() == variation) {
          targets.remove(i);
        }
      }
    }
  }

  private static void replaceTargets(Draft draft, Instruction in) {
    draft.environment.putArray("targets");
    draft.environment.putArray("contextTargets");
    for (int i = 0; i < in.parameters().get("targets").size(); i++) {
      addTargets(draft, in.item("targets", i));
    }
  }

  private static ObjectNode target(ArrayNode targets, String contextKind, int variation) {
    for (JsonNode target : targets) {
      if (target.path("variation").asInt() == variation && target.path("contextKind").asText().equals(contextKind)) {
        return (ObjectNode) target;
      }
    }
    ObjectNode target = targets.addObject();
    target.put("contextKind", contextKind);
    target.putArray("values");
    target.put("variation", variation);
    return target;
  }

  // ---- defaults

  /** Names the new default variations by their value, as the description's parameters do. */
  private static void updateDefaultVariation(Draft draft, Instruction in) {
    for (String which : new String[] {"onVariation", "offVariation"}) {
      JsonNode value = in.parameters().get(which + "Value");
      if (value != null) {
        int index = draft.variations.stream().map(v -> v.get("value")).toList().indexOf(value);
        if (index < 0) {
          throw in.refused(which + "Value", "no variation serves this value");
        }
        draft.defaults.put(which, index);
      }
    }
  }

  // ---- helpers

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode candidate : values) {
      if (candidate.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static void removeAll(ArrayNode values, JsonNode value) {
    for (int i = values.size() - 1; i >= 0; i--) {
      if (values.get(i).equals(value)) {
        values.remove(i);
      }
    }
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }
}
