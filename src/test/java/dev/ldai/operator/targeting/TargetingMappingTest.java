package dev.ldai.operator.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdTargetingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TargetingMappingTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** LaunchDarkly's answer: index 0 the disabled variation, then friendly (v1) and precise (v2). */
  static final String TARGETING = """
      {"key": "assistant", "_version": 3,
       "variations": [
         {"_id": "v0", "name": "disabled", "value": {"_ldMeta": {"enabled": false}}},
         {"_id": "v1", "name": "Friendly", "value": {"_ldMeta": {"enabled": true, "variationKey": "friendly"}}},
         {"_id": "v2", "name": "Precise", "value": {"_ldMeta": {"enabled": true, "variationKey": "precise"}}}],
       "environments": {"production": {
         "_environmentName": "Production", "_version": 7, "enabled": true,
         "fallthrough": {"variation": 1}, "offVariation": 0,
         "targets": [{"contextKind": "user", "values": ["ann", "bob"], "variation": 2}],
         "contextTargets": [{"contextKind": "user", "values": [], "variation": 2},
                            {"contextKind": "org", "values": ["acme"], "variation": 1}],
         "rules": [{"_id": "r1", "description": "Nordics", "variation": 2,
                    "clauses": [{"_id": "c1", "contextKind": "user", "attribute": "country", "op": "in",
                                 "values": ["SE", "NO"], "negate": false}]}]}}}
      """;

  final LdTargeting targeting = read(TARGETING);
  final LdTargetingEnvironment production = targeting.environment("production").orElseThrow();

  @Test
  void anEnvironmentInSyncGetsNoInstruction() {
    Diff<List<ObjectNode>> diff = TargetingMapping.diff(spec(s -> {
      s.setDefaultVariation("friendly");
      s.setTargets(List.of(new IndividualTargets(null, List.of("bob", "ann"), "precise"),
          new IndividualTargets("org", List.of("acme"), "friendly")));
      s.setRules(List.of(rule("Nordics", "precise", null, clause("country", "in", "SE", "NO"))));
    }), targeting, production);

    assertThat(diff.change()).isEmpty();
    assertThat(diff.fields()).isEmpty();
  }

  @Test
  void fieldsTheSpecLeavesOutAreNotCompared() {
    assertThat(TargetingMapping.diff(spec(s -> {}), targeting, production).change()).isEmpty();
  }

  @Test
  void anotherDefaultVariationIsOneFallthroughInstructionByVariationId() {
    Diff<List<ObjectNode>> diff = TargetingMapping.diff(spec(s -> s.setDefaultVariation("precise")), targeting, production);

    assertThat(diff.fields()).containsExactly("defaultVariation");
    assertThat(diff.change()).containsExactly(
        node("{\"kind\": \"updateFallthroughVariationOrRollout\", \"variationId\": \"v2\"}"));
  }

  @Test
  void aRolloutIsSentByVariationIdWithLaunchDarklysDefaultsAndComparedWithThemFilledIn() {
    Rollout halves = new Rollout(List.of(new Weight("friendly", 50_000), new Weight("precise", 50_000)), null, null);
    Diff<List<ObjectNode>> diff = TargetingMapping.diff(spec(s -> s.setDefaultRollout(halves)), targeting, production);

    assertThat(diff.fields()).containsExactly("defaultRollout");
    assertThat(diff.change()).containsExactly(node("""
        {"kind": "updateFallthroughVariationOrRollout", "rolloutWeights": {"v1": 50000, "v2": 50000},
         "rolloutBucketBy": "key", "rolloutContextKind": "user"}"""));

    LdTargeting rolledOut = read(TARGETING.replace("\"fallthrough\": {\"variation\": 1}", """
        "fallthrough": {"rollout": {"contextKind": "user", "variations": [
          {"variation": 0, "weight": 0}, {"variation": 1, "weight": 50000}, {"variation": 2, "weight": 50000}]}}"""));
    LdTargetingEnvironment environment = rolledOut.environment("production").orElseThrow();
    assertThat(TargetingMapping.diff(spec(s -> s.setDefaultRollout(halves)), rolledOut, environment).change()).isEmpty();
    assertThat(TargetingMapping.servedVariation(rolledOut, environment)).isNull();
  }

  @Test
  void anotherOffVariationIsUpdateOffVariation() {
    Diff<List<ObjectNode>> diff = TargetingMapping.diff(spec(s -> s.setOffVariation("friendly")), targeting, production);

    assertThat(diff.fields()).containsExactly("offVariation");
    assertThat(diff.change()).containsExactly(node("{\"kind\": \"updateOffVariation\", \"variationId\": \"v1\"}"));
  }

  @Test
  void changedTargetsAreReplacedWhole() {
    Diff<List<ObjectNode>> diff = TargetingMapping.diff(spec(s -> s.setTargets(List.of(
        new IndividualTargets(null, List.of("ann"), "precise")))), targeting, production);

    assertThat(diff.fields()).containsExactly("targets");
    assertThat(diff.change()).containsExactly(node("""
        {"kind": "replaceTargets", "targets": [{"contextKind": "user", "variationId": "v2", "values": ["ann"]}]}"""));
  }

  @Test
  void anEmptyListOfTargetsOrRulesClearsThem() {
    Diff<List<ObjectNode>> diff = TargetingMapping.diff(spec(s -> {
      s.setTargets(List.of());
      s.setRules(List.of());
    }), targeting, production);

    assertThat(diff.fields()).containsExactly("targets", "rules");
    assertThat(diff.change()).containsExactly(
        node("{\"kind\": \"replaceTargets\", \"targets\": []}"), node("{\"kind\": \"replaceRules\", \"rules\": []}"));
  }

  @Test
  void changedRulesAreReplacedWholeInOrder() {
    TargetingRule rollout = rule(null, null, new Rollout(List.of(new Weight("friendly", 100_000)), "orgKey", "org"),
        clause("plan", "in", "enterprise"));
    Diff<List<ObjectNode>> diff = TargetingMapping.diff(spec(s -> s.setRules(List.of(
        rollout, rule("Nordics", "precise", null, clause("country", "in", "SE", "NO"))))), targeting, production);

    assertThat(diff.fields()).containsExactly("rules");
    assertThat(diff.change()).containsExactly(node("""
        {"kind": "replaceRules", "rules": [
          {"clauses": [{"contextKind": "user", "attribute": "plan", "op": "in", "negate": false, "values": ["enterprise"]}],
           "rolloutWeights": {"v1": 100000}, "rolloutBucketBy": "orgKey", "rolloutContextKind": "org"},
          {"description": "Nordics",
           "clauses": [{"contextKind": "user", "attribute": "country", "op": "in", "negate": false, "values": ["SE", "NO"]}],
           "variationId": "v2"}]}"""));
  }

  @Test
  void aClauseValueOfAnotherTypeIsAChange() {
    Clause numeric = clause("age", "greaterThan");
    numeric.setValues(List.of(IntNode.valueOf(18)));
    LdTargeting withNumber = read(TARGETING.replace("\"values\": [\"SE\", \"NO\"]", "\"values\": [18]")
        .replace("\"attribute\": \"country\", \"op\": \"in\"", "\"attribute\": \"age\", \"op\": \"greaterThan\""));
    LdTargetingEnvironment environment = withNumber.environment("production").orElseThrow();

    assertThat(TargetingMapping.diff(spec(s -> s.setRules(List.of(rule("Nordics", "precise", null, numeric)))),
        withNumber, environment).change()).isEmpty();
    numeric.setValues(List.of(TextNode.valueOf("18")));
    assertThat(TargetingMapping.diff(spec(s -> s.setRules(List.of(rule("Nordics", "precise", null, numeric)))),
        withNumber, environment).fields()).containsExactly("rules");
  }

  @Test
  void theVariationsASpecNamesAreListedWithTheFieldNamingEach() {
    Map<String, String> named = TargetingMapping.namedVariations(spec(s -> {
      s.setDefaultRollout(new Rollout(List.of(new Weight("a", 100_000)), null, null));
      s.setOffVariation("b");
      s.setTargets(List.of(new IndividualTargets(null, List.of("x"), "c")));
      s.setRules(List.of(rule(null, "d", null), rule(null, null, new Rollout(List.of(new Weight("e", 100_000)), null, null))));
    }));

    assertThat(named).containsExactly(Map.entry("a", "spec.defaultRollout.weights"), Map.entry("b", "spec.offVariation"),
        Map.entry("c", "spec.targets[0].variation"), Map.entry("d", "spec.rules[0].variation"),
        Map.entry("e", "spec.rules[1].rollout.weights"));
  }

  @Test
  void deletingMakesTheEnvironmentServeItsOffVariationUnlessItDoes() {
    assertThat(TargetingMapping.serveOffVariation(targeting, production))
        .containsExactly(node("{\"kind\": \"updateFallthroughVariationOrRollout\", \"variationId\": \"v0\"}"));

    LdTargeting servingOff = read(TARGETING.replace("\"fallthrough\": {\"variation\": 1}", "\"fallthrough\": {\"variation\": 0}"));
    assertThat(TargetingMapping.serveOffVariation(servingOff, servingOff.environment("production").orElseThrow())).isEmpty();
  }

  @Test
  void theStatusShowsTheServedVariationByKey() {
    assertThat(TargetingMapping.servedVariation(targeting, production)).isEqualTo("friendly");
    assertThat(TargetingMapping.variationKeys(targeting)).containsExactly("friendly", "precise");
  }

  /** A rollout by default, a rule serving a rollout, a negated clause, targets of two context kinds. */
  static final String EVERY_PART = """
      {"key": "assistant", "_version": 4,
       "variations": [
         {"_id": "v0", "name": "disabled", "value": {"_ldMeta": {"enabled": false}}},
         {"_id": "v1", "name": "Friendly", "value": {"_ldMeta": {"enabled": true, "variationKey": "friendly"}}},
         {"_id": "v2", "name": "Precise", "value": {"_ldMeta": {"enabled": true, "variationKey": "precise"}}}],
       "environments": {"production": {
         "_environmentName": "Production", "_version": 9, "enabled": true,
         "fallthrough": {"rollout": {"variations": [{"variation": 1, "weight": 75000}, {"variation": 2, "weight": 25000}],
                                     "bucketBy": "orgId", "contextKind": "org"}},
         "offVariation": 2,
         "targets": [{"contextKind": "user", "values": ["bob", "ann"], "variation": 2}],
         "contextTargets": [{"contextKind": "org", "values": ["acme"], "variation": 1}],
         "rules": [{"_id": "r1", "description": "Nordics", "variation": 2,
                    "clauses": [{"contextKind": "user", "attribute": "country", "op": "in", "values": ["SE", "NO"],
                                 "negate": true}]},
                   {"_id": "r2", "rollout": {"variations": [{"variation": 1, "weight": 50000}, {"variation": 2, "weight": 50000}]},
                    "clauses": [{"attribute": "plan", "op": "in", "values": ["pro", 3]}]}]}}}
      """;

  @Test
  void theSpecOfAnEnvironmentAsLaunchDarklyHoldsItGetsNoInstruction() {
    LdTargeting held = read(EVERY_PART);
    LdTargetingEnvironment environment = held.environment("production").orElseThrow();

    AIConfigTargetingSpec spec = TargetingMapping.toSpec("production", held, environment);

    assertThat(spec.getEnvironmentKey()).isEqualTo("production");
    assertThat(spec.getDefaultVariation()).isNull();
    assertThat(spec.getDefaultRollout().weightsByVariation()).containsExactly(entry("friendly", 75000), entry("precise", 25000));
    assertThat(spec.getDefaultRollout().getBucketBy()).isEqualTo("orgId");
    assertThat(spec.getDefaultRollout().getContextKind()).isEqualTo("org");
    assertThat(spec.getOffVariation()).isEqualTo("precise");
    assertThat(spec.getTargets()).extracting(IndividualTargets::getContextKind, IndividualTargets::getValues, IndividualTargets::getVariation)
        .containsExactly(tuple("org", List.of("acme"), "friendly"), tuple("user", List.of("ann", "bob"), "precise"));
    assertThat(spec.getRules()).hasSize(2);
    assertThat(spec.getRules().get(0).getClauses().get(0).getNegate()).isTrue();
    assertThat(spec.getRules().get(1).getRollout().weightsByVariation()).containsExactly(entry("friendly", 50000), entry("precise", 50000));
    assertThat(spec.getRules().get(1).getClauses().get(0).getValues()).extracting(JsonNode::toString).containsExactly("\"pro\"", "3");
    Diff<List<ObjectNode>> diff = TargetingMapping.diff(spec, held, environment);
    assertThat(diff.fields()).isEmpty();
    assertThat(diff.change()).isEmpty();
  }

  @Test
  void whatServesLaunchDarklysDisabledValueIsLeftOutAndSoNotManaged() {
    // TARGETING's off variation is the disabled value, which has no variation key to name it by.
    AIConfigTargetingSpec spec = TargetingMapping.toSpec("production", targeting, production);

    assertThat(spec.getOffVariation()).isNull();
    assertThat(spec.getDefaultVariation()).isEqualTo("friendly");
    assertThat(spec.getDefaultRollout()).isNull();
    assertThat(TargetingMapping.diff(spec, targeting, production).change()).isEmpty();

    LdTargeting disabledTarget = read(TARGETING.replace("\"values\": [\"ann\", \"bob\"], \"variation\": 2", "\"values\": [\"ann\"], \"variation\": 0")
        .replace("\"description\": \"Nordics\", \"variation\": 2", "\"description\": \"Nordics\", \"variation\": 0"));
    LdTargetingEnvironment disabledProduction = disabledTarget.environment("production").orElseThrow();
    AIConfigTargetingSpec withoutTargetsAndRules = TargetingMapping.toSpec("production", disabledTarget, disabledProduction);
    assertThat(withoutTargetsAndRules.getTargets()).isNull();
    assertThat(withoutTargetsAndRules.getRules()).isNull();
    assertThat(TargetingMapping.diff(withoutTargetsAndRules, disabledTarget, disabledProduction).change()).isEmpty();
  }

  @Test
  void emptyTargetsAndRulesAreLeftOut() {
    LdTargeting bare = read("""
        {"key": "assistant", "_version": 1,
         "variations": [{"_id": "v1", "name": "Friendly", "value": {"_ldMeta": {"variationKey": "friendly"}}}],
         "environments": {"production": {"fallthrough": {"variation": 0}, "offVariation": 0,
                                         "targets": [], "contextTargets": [], "rules": []}}}
        """);

    AIConfigTargetingSpec spec = TargetingMapping.toSpec("production", bare, bare.environment("production").orElseThrow());

    assertThat(spec.getDefaultVariation()).isEqualTo("friendly");
    assertThat(spec.getTargets()).isNull();
    assertThat(spec.getRules()).isNull();
  }

  private static AIConfigTargetingSpec spec(Consumer<AIConfigTargetingSpec> customize) {
    AIConfigTargetingSpec spec = new AIConfigTargetingSpec();
    spec.setProjectKey("default");
    spec.setConfigKey("assistant");
    spec.setEnvironmentKey("production");
    customize.accept(spec);
    return spec;
  }

  private static TargetingRule rule(String description, String variation, Rollout rollout, Clause... clauses) {
    TargetingRule rule = new TargetingRule();
    rule.setDescription(description);
    rule.setVariation(variation);
    rule.setRollout(rollout);
    rule.setClauses(List.of(clauses));
    return rule;
  }

  private static Clause clause(String attribute, String op, String... values) {
    Clause clause = new Clause();
    clause.setAttribute(attribute);
    clause.setOp(op);
    clause.setValues(java.util.Arrays.stream(values).<JsonNode>map(TextNode::valueOf).toList());
    return clause;
  }

  private static LdTargeting read(String json) {
    try {
      return JSON.readValue(json, LdTargeting.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static ObjectNode node(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
