package dev.ldai.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.testing.CrdAdmission;
import dev.ldai.operator.testing.CrdAdmission.Result;
import dev.ldai.operator.testing.CrdAdmission.Rule;
import dev.ldai.operator.testing.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a real API server answers for good and bad AIConfig, AIConfigVariation and AIModelConfig manifests,
 * from the committed CRDs in {@code crds/} (their schema and CEL rules), through {@link CrdAdmission}.
 *
 * <p>Tests named {@code gap...} pin what the CRDs accept although the operator or LaunchDarkly would not
 * want it; they fail once the model closes the gap, and should then be turned around.
 */
class CrdAdmissionTest {

  static final Path CRDS = Path.of("crds");
  static final Path EXAMPLES = Path.of("examples");
  static final String KEY_PATTERN = "^[a-zA-Z0-9][a-zA-Z0-9._-]*$";
  static final String NOT_CHECKED =
      "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid;"
          + " correct the existing errors to complete validation";

  static CrdAdmission admission;

  @BeforeAll
  static void loadTheCommittedCrds() {
    admission = CrdAdmission.load(CRDS);
  }

  // -----------------------------------------------------------------------------------------------
  // Manifests

  static ObjectNode yaml(String text) {
    List<JsonNode> docs = CrdAdmission.documents(text);
    assertThat(docs).hasSize(1);
    return (ObjectNode) docs.get(0);
  }

  static ObjectNode aiConfig() {
    return yaml(
        """
        apiVersion: ldai.dev/v1alpha1
        kind: AIConfig
        metadata: {name: support, namespace: test}
        spec:
          projectKey: default
          name: Support
        """);
  }

  /** A variation of the in-cluster AIConfig "support". */
  static ObjectNode variation() {
    return yaml(
        """
        apiVersion: ldai.dev/v1alpha1
        kind: AIConfigVariation
        metadata: {name: support-friendly, namespace: test}
        spec:
          configRef: {name: support}
          name: Friendly
          messages:
          - {role: system, content: You are friendly.}
        """);
  }

  /** A variation of a config that is not managed in the cluster. */
  static ObjectNode targeting() {
    return yaml(
        """
        apiVersion: ldai.dev/v1alpha1
        kind: AIConfigTargeting
        metadata: {name: support-production, namespace: test}
        spec:
          configRef: {name: support}
          environmentKey: production
          defaultVariation: friendly
        """);
  }

  static ObjectNode externalVariation() {
    return withSpec(variation(), "{configRef: null, projectKey: default, configKey: support}");
  }

  static ObjectNode modelConfig() {
    return yaml(
        """
        apiVersion: ldai.dev/v1alpha1
        kind: AIModelConfig
        metadata: {name: house-gpt, namespace: test}
        spec:
          projectKey: default
          name: House GPT
          id: gpt-4o
        """);
  }

  /** A copy of {@code base} with a JSON merge patch (RFC 7386, as YAML) applied to its spec. */
  static ObjectNode withSpec(ObjectNode base, String specPatch) {
    ObjectNode copy = base.deepCopy();
    copy.set("spec", mergePatch(copy.get("spec"), yaml(specPatch)));
    return copy;
  }

  /** A copy of {@code base} with a JSON merge patch applied to the whole object. */
  static ObjectNode with(ObjectNode base, String patch) {
    return (ObjectNode) mergePatch(base.deepCopy(), yaml(patch));
  }

  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  /** {@code count} rollout weights of {@code weight} each, over variations v0, v1, ..., as YAML flow items. */
  static String shares(int count, int weight) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> "{variation: v" + i + ", weight: " + weight + "}")
        .collect(Collectors.joining(", "));
  }

  static String repeat(char c, int times) {
    return String.valueOf(c).repeat(times);
  }

  // -----------------------------------------------------------------------------------------------
  // CEL rules: every rule compiles, and each has cases on both sides

  @Test
  void everyCelRuleOfTheThreeCrdsCompilesAndIsListed() {
    // Loading compiled them all (a rule that does not compile throws); this pins which rules exist.
    assertThat(admission.kinds()).containsExactlyInAnyOrder("AIConfig", "AIConfigVariation", "AIModelConfig", "AIConfigTargeting");
    assertThat(admission.rules())
        .extracting(r -> r.kind() + " " + r.path() + " " + r.message() + (r.transition() ? " (transition)" : ""))
        .containsExactlyInAnyOrder(
            "AIConfig spec key is immutable (transition)",
            "AIConfig spec key must not be model-configs, quick-stats or prompt-snippets (reserved by LaunchDarkly's API)",
            "AIConfig spec set at most one of maintainerId and maintainerTeamKey",
            "AIConfig spec.mode mode is immutable (transition)",
            "AIConfig spec.projectKey projectKey is immutable (transition)",
            "AIConfigVariation spec set either configRef, or both projectKey and configKey",
            "AIConfigVariation spec set at most one of modelConfigRef and modelConfigKey",
            "AIConfigVariation spec key is immutable (transition)",
            "AIConfigVariation spec configRef is immutable (transition)",
            "AIConfigVariation spec.projectKey projectKey is immutable (transition)",
            "AIConfigVariation spec.configKey configKey is immutable (transition)",
            "AIModelConfig spec key is immutable (transition)",
            "AIModelConfig spec.projectKey projectKey is immutable (transition)",
            "AIConfigTargeting spec set either configRef, or both projectKey and configKey",
            "AIConfigTargeting spec set at most one of defaultVariation and defaultRollout",
            "AIConfigTargeting spec configRef is immutable (transition)",
            "AIConfigTargeting spec.projectKey projectKey is immutable (transition)",
            "AIConfigTargeting spec.configKey configKey is immutable (transition)",
            "AIConfigTargeting spec.environmentKey environmentKey is immutable (transition)",
            "AIConfigTargeting spec.defaultRollout the weights sum to 100000 (100%)",
            "AIConfigTargeting spec.defaultRollout each variation is weighted once",
            "AIConfigTargeting spec.rules[*].rollout each variation is weighted once",
            "AIConfigTargeting spec.rules[*] a rule serves either a variation or a rollout",
            "AIConfigTargeting spec.rules[*].rollout the weights sum to 100000 (100%)");
  }

  /** One request for one rule: it either violates the rule (and nothing else) or passes entirely. */
  record RuleCase(String kind, String path, String message, String type, boolean violates, String name, Supplier<Result> request) {

    String expected() {
      return path + ": Invalid value: \"" + type + "\": " + message;
    }

    /** A rule on the items of a list ({@code spec.rules[*]}) is covered by a case on any item. */
    boolean covers(Rule rule) {
      return rule.kind().equals(kind) && rule.path().equals(path.replaceAll("\\[\\d+]", "[*]"))
          && message.equals(rule.message());
    }
  }

  static final String AIC = "AIConfig";
  static final String VAR = "AIConfigVariation";
  static final String AIMC = "AIModelConfig";
  static final String AICT = "AIConfigTargeting";
  static final String DEFAULT_ONCE = "set at most one of defaultVariation and defaultRollout";
  static final String WEIGHTS = "the weights sum to 100000 (100%)";
  static final String ONCE = "each variation is weighted once";
  static final String SERVES = "a rule serves either a variation or a rollout";
  static final String RESERVED =
      "key must not be model-configs, quick-stats or prompt-snippets (reserved by LaunchDarkly's API)";
  static final String MAINTAINER = "set at most one of maintainerId and maintainerTeamKey";
  static final String PARENT = "set either configRef, or both projectKey and configKey";
  static final String MODEL = "set at most one of modelConfigRef and modelConfigKey";

  static RuleCase passes(String kind, String path, String message, String name, Supplier<Result> request) {
    return new RuleCase(kind, path, message, null, false, name, request);
  }

  static RuleCase refuses(String kind, String path, String type, String message, String name, Supplier<Result> request) {
    return new RuleCase(kind, path, message, type, true, name, request);
  }

  static Result update(ObjectNode old, ObjectNode updated) {
    return admission.update(old, updated);
  }

  static List<RuleCase> ruleCases() {
    ObjectNode c = aiConfig();
    ObjectNode v = variation();
    ObjectNode x = externalVariation();
    ObjectNode m = modelConfig();
    ObjectNode t = targeting();
    ObjectNode tx = withSpec(t, "{configRef: null, projectKey: default, configKey: support}");
    return List.of(
        // AIConfigTargeting
        passes(AICT, "spec", PARENT, "configRef only", () -> admission.create(t)),
        passes(AICT, "spec", PARENT, "projectKey and configKey only", () -> admission.create(tx)),
        refuses(AICT, "spec", "object", PARENT, "neither", () -> admission.create(withSpec(t, "configRef: null"))),
        refuses(AICT, "spec", "object", PARENT, "configRef and configKey", () -> admission.create(withSpec(t, "configKey: support"))),
        passes(AICT, "spec", DEFAULT_ONCE, "a rollout only",
            () -> admission.create(withSpec(t, "{defaultVariation: null, defaultRollout: {weights: [{variation: a, weight: 50000}, {variation: b, weight: 50000}]}}"))),
        refuses(AICT, "spec", "object", DEFAULT_ONCE, "both",
            () -> admission.create(withSpec(t, "defaultRollout: {weights: [{variation: a, weight: 100000}]}"))),
        passes(AICT, "spec", "configRef is immutable", "same config", () -> update(t, withSpec(t, "offVariation: disabled"))),
        refuses(AICT, "spec", "object", "configRef is immutable", "other config", () -> update(t, withSpec(t, "configRef: {name: other}"))),
        passes(AICT, "spec.projectKey", "projectKey is immutable", "same project", () -> update(tx, withSpec(tx, "offVariation: disabled"))),
        refuses(AICT, "spec.projectKey", "string", "projectKey is immutable", "other project",
            () -> update(tx, withSpec(tx, "projectKey: other"))),
        passes(AICT, "spec.configKey", "configKey is immutable", "same config key", () -> update(tx, withSpec(tx, "offVariation: disabled"))),
        refuses(AICT, "spec.configKey", "string", "configKey is immutable", "other config key",
            () -> update(tx, withSpec(tx, "configKey: other"))),
        passes(AICT, "spec.environmentKey", "environmentKey is immutable", "same environment",
            () -> update(t, withSpec(t, "offVariation: disabled"))),
        refuses(AICT, "spec.environmentKey", "string", "environmentKey is immutable", "other environment",
            () -> update(t, withSpec(t, "environmentKey: test"))),
        passes(AICT, "spec.defaultRollout", WEIGHTS, "100%",
            () -> admission.create(withSpec(t, "{defaultVariation: null, defaultRollout: {weights: [{variation: a, weight: 30000}, {variation: b, weight: 70000}]}}"))),
        refuses(AICT, "spec.defaultRollout", "object", WEIGHTS, "99.999%",
            () -> admission.create(withSpec(t, "{defaultVariation: null, defaultRollout: {weights: [{variation: a, weight: 30000}, {variation: b, weight: 69999}]}}"))),
        passes(AICT, "spec.defaultRollout", WEIGHTS, "100% in twenty shares: every term of the sum counts",
            () -> admission.create(withSpec(t, "{defaultVariation: null, defaultRollout: {weights: [" + shares(20, 5000) + "]}}"))),
        passes(AICT, "spec.defaultRollout", ONCE, "two variations",
            () -> admission.create(withSpec(t, "{defaultVariation: null, defaultRollout: {weights: [{variation: a, weight: 1}, {variation: b, weight: 99999}]}}"))),
        refuses(AICT, "spec.defaultRollout", "object", ONCE, "one variation twice",
            () -> admission.create(withSpec(t, "{defaultVariation: null, defaultRollout: {weights: [{variation: a, weight: 1}, {variation: a, weight: 99999}]}}"))),
        passes(AICT, "spec.rules[0].rollout", ONCE, "two variations",
            () -> admission.create(withSpec(t, "rules: [{rollout: {weights: [{variation: a, weight: 1}, {variation: b, weight: 99999}]}}]"))),
        refuses(AICT, "spec.rules[0].rollout", "object", ONCE, "one variation twice",
            () -> admission.create(withSpec(t, "rules: [{rollout: {weights: [{variation: a, weight: 1}, {variation: a, weight: 99999}]}}]"))),
        passes(AICT, "spec.rules[0]", SERVES, "a variation",
            () -> admission.create(withSpec(t, "rules: [{clauses: [], variation: a}]"))),
        refuses(AICT, "spec.rules[0]", "object", SERVES, "a variation and a rollout",
            () -> admission.create(withSpec(t, "rules: [{variation: a, rollout: {weights: [{variation: a, weight: 100000}]}}]"))),
        refuses(AICT, "spec.rules[0]", "object", SERVES, "neither", () -> admission.create(withSpec(t, "rules: [{description: none}]"))),
        passes(AICT, "spec.rules[0].rollout", WEIGHTS, "100% over one",
            () -> admission.create(withSpec(t, "rules: [{rollout: {weights: [{variation: a, weight: 100000}]}}]"))),
        refuses(AICT, "spec.rules[0].rollout", "object", WEIGHTS, "more than 100%",
            () -> admission.create(withSpec(t, "rules: [{rollout: {weights: [{variation: a, weight: 100000}, {variation: b, weight: 1}]}}]"))),
        // AIConfig: mode
        passes(AIC, "spec.mode", "mode is immutable", "same mode, other name",
            () -> update(withSpec(c, "mode: agent"), withSpec(c, "{mode: agent, name: Renamed}"))),
        passes(AIC, "spec.mode", "mode is immutable", "mode left out before, completion now (the default)",
            () -> update(c, withSpec(c, "mode: completion"))),
        refuses(AIC, "spec.mode", "string", "mode is immutable", "completion to agent",
            () -> update(withSpec(c, "mode: completion"), withSpec(c, "mode: agent"))),
        refuses(AIC, "spec.mode", "string", "mode is immutable", "left out (defaulted to completion) to judge",
            () -> update(c, withSpec(c, "mode: judge"))),
        // AIConfig: projectKey
        passes(AIC, "spec.projectKey", "projectKey is immutable", "same project, other name",
            () -> update(c, withSpec(c, "name: Renamed"))),
        refuses(AIC, "spec.projectKey", "string", "projectKey is immutable", "default to other",
            () -> update(c, withSpec(c, "projectKey: other"))),
        // AIConfig: key
        passes(AIC, "spec", "key is immutable", "no key before or after",
            () -> update(c, withSpec(c, "name: Renamed"))),
        passes(AIC, "spec", "key is immutable", "same key",
            () -> update(withSpec(c, "key: support-v1"), withSpec(c, "{key: support-v1, name: Renamed}"))),
        passes(AIC, "spec", "key is immutable", "create with a key (transition rules wait for an update)",
            () -> admission.create(withSpec(c, "key: support-v1"))),
        refuses(AIC, "spec", "object", "key is immutable", "changed",
            () -> update(withSpec(c, "key: support-v1"), withSpec(c, "key: support-v2"))),
        refuses(AIC, "spec", "object", "key is immutable", "set where it was left out",
            () -> update(c, withSpec(c, "key: support"))),
        refuses(AIC, "spec", "object", "key is immutable", "removed",
            () -> update(withSpec(c, "key: support-v1"), c)),
        // AIConfig: reserved keys
        passes(AIC, "spec", RESERVED, "a key that only starts like a reserved one",
            () -> admission.create(withSpec(c, "key: model-configs-2"))),
        passes(AIC, "spec", RESERVED, "no key", () -> admission.create(c)),
        refuses(AIC, "spec", "object", RESERVED, "model-configs", () -> admission.create(withSpec(c, "key: model-configs"))),
        refuses(AIC, "spec", "object", RESERVED, "quick-stats", () -> admission.create(withSpec(c, "key: quick-stats"))),
        refuses(AIC, "spec", "object", RESERVED, "prompt-snippets", () -> admission.create(withSpec(c, "key: prompt-snippets"))),
        // AIConfig: maintainer
        passes(AIC, "spec", MAINTAINER, "maintainerId only", () -> admission.create(withSpec(c, "maintainerId: 5f0c"))),
        passes(AIC, "spec", MAINTAINER, "maintainerTeamKey only", () -> admission.create(withSpec(c, "maintainerTeamKey: ai-team"))),
        refuses(AIC, "spec", "object", MAINTAINER, "both",
            () -> admission.create(withSpec(c, "{maintainerId: 5f0c, maintainerTeamKey: ai-team}"))),
        // AIConfigVariation: parent
        passes(VAR, "spec", PARENT, "configRef only", () -> admission.create(v)),
        passes(VAR, "spec", PARENT, "projectKey and configKey only", () -> admission.create(x)),
        refuses(VAR, "spec", "object", PARENT, "configRef and configKey", () -> admission.create(withSpec(v, "configKey: support"))),
        refuses(VAR, "spec", "object", PARENT, "configRef, projectKey and configKey",
            () -> admission.create(withSpec(v, "{projectKey: default, configKey: support}"))),
        refuses(VAR, "spec", "object", PARENT, "neither", () -> admission.create(withSpec(v, "configRef: null"))),
        refuses(VAR, "spec", "object", PARENT, "projectKey without configKey", () -> admission.create(withSpec(x, "configKey: null"))),
        refuses(VAR, "spec", "object", PARENT, "configKey without projectKey", () -> admission.create(withSpec(x, "projectKey: null"))),
        // AIConfigVariation: model
        passes(VAR, "spec", MODEL, "modelConfigRef only", () -> admission.create(withSpec(v, "modelConfigRef: {name: house-gpt}"))),
        passes(VAR, "spec", MODEL, "modelConfigKey only", () -> admission.create(withSpec(v, "modelConfigKey: OpenAI.gpt-4o"))),
        refuses(VAR, "spec", "object", MODEL, "both",
            () -> admission.create(withSpec(v, "{modelConfigRef: {name: house-gpt}, modelConfigKey: OpenAI.gpt-4o}"))),
        // AIConfigVariation: key
        passes(VAR, "spec", "key is immutable", "same key",
            () -> update(withSpec(v, "key: friendly"), withSpec(v, "{key: friendly, name: Friendlier}"))),
        refuses(VAR, "spec", "object", "key is immutable", "changed",
            () -> update(withSpec(v, "key: friendly"), withSpec(v, "key: friendlier"))),
        // AIConfigVariation: configRef
        passes(VAR, "spec", "configRef is immutable", "same parent, other name",
            () -> update(v, withSpec(v, "name: Friendlier"))),
        refuses(VAR, "spec", "object", "configRef is immutable", "other parent",
            () -> update(v, withSpec(v, "configRef: {name: other}"))),
        // projectKey/configKey had no old value: their own rules are not evaluated, only this one fails
        refuses(VAR, "spec", "object", "configRef is immutable", "configRef replaced by projectKey and configKey",
            () -> update(v, x)),
        refuses(VAR, "spec", "object", "configRef is immutable", "projectKey and configKey replaced by configRef",
            () -> update(x, v)),
        // AIConfigVariation: projectKey, configKey
        passes(VAR, "spec.projectKey", "projectKey is immutable", "same project",
            () -> update(x, withSpec(x, "name: Friendlier"))),
        refuses(VAR, "spec.projectKey", "string", "projectKey is immutable", "other project",
            () -> update(x, withSpec(x, "projectKey: other"))),
        passes(VAR, "spec.configKey", "configKey is immutable", "same config",
            () -> update(x, withSpec(x, "name: Friendlier"))),
        refuses(VAR, "spec.configKey", "string", "configKey is immutable", "other config",
            () -> update(x, withSpec(x, "configKey: other"))),
        // AIModelConfig
        passes(AIMC, "spec.projectKey", "projectKey is immutable", "same project",
            () -> update(m, withSpec(m, "name: House GPT 2"))),
        refuses(AIMC, "spec.projectKey", "string", "projectKey is immutable", "other project",
            () -> update(m, withSpec(m, "projectKey: other"))),
        passes(AIMC, "spec", "key is immutable", "same key",
            () -> update(withSpec(m, "key: house"), withSpec(m, "{key: house, id: gpt-4.1}"))),
        refuses(AIMC, "spec", "object", "key is immutable", "changed",
            () -> update(withSpec(m, "key: house"), withSpec(m, "key: home"))),
        refuses(AIMC, "spec", "object", "key is immutable", "set where it was left out",
            () -> update(m, withSpec(m, "key: house-gpt"))));
  }

  @TestFactory
  Stream<DynamicTest> eachCelRuleCase() {
    return ruleCases().stream()
        .map(
            rc ->
                DynamicTest.dynamicTest(
                    rc.kind() + " " + rc.path() + " '" + rc.message() + "' " + (rc.violates() ? "refuses: " : "passes: ") + rc.name(),
                    () -> {
                      Result result = rc.request().get();
                      if (rc.violates()) {
                        assertThat(result.violations()).as(result.message()).containsExactly(rc.expected());
                      } else {
                        assertThat(result.violations()).as(result.message()).isEmpty();
                      }
                    }));
  }

  @Test
  void everyCelRuleHasAPassingAndARefusedCase() {
    List<RuleCase> cases = ruleCases();
    for (Rule rule : admission.rules()) {
      assertThat(cases.stream().filter(c -> c.covers(rule)).map(RuleCase::violates).collect(Collectors.toSet()))
          .as("cases of %s", rule)
          .containsExactlyInAnyOrder(true, false);
    }
    for (RuleCase c : cases) {
      assertThat(admission.rules()).as("the rule of case %s", c).anyMatch(c::covers);
    }
  }

  @Test
  void transitionRulesAreNotEvaluatedOnCreate() {
    // every field with an immutability rule set at once: nothing to compare with on create
    assertThat(admission.create(withSpec(aiConfig(), "{key: a, mode: judge}")).violations()).isEmpty();
    assertThat(admission.create(withSpec(externalVariation(), "key: a")).violations()).isEmpty();
    assertThat(admission.create(withSpec(modelConfig(), "key: a")).violations()).isEmpty();
  }

  // -----------------------------------------------------------------------------------------------
  // Structural schema

  @Nested
  class RequiredFields {

    @Test
    void aiConfigWithoutNameAndProject() {
      Result result = admission.create(withSpec(aiConfig(), "{name: null, projectKey: null}"));
      assertThat(result.violations()).containsExactly("spec.name: Required value", "spec.projectKey: Required value", NOT_CHECKED);
      assertThat(result.allowed()).isFalse();
    }

    @Test
    void modelConfigWithoutId() {
      assertThat(admission.create(withSpec(modelConfig(), "id: null")).violations())
          .containsExactly("spec.id: Required value", NOT_CHECKED);
    }

    @Test
    void variationWithoutName() {
      assertThat(admission.create(withSpec(variation(), "name: null")).violations())
          .containsExactly("spec.name: Required value", NOT_CHECKED);
    }

    @Test
    void nestedRequiredFields() {
      Result result =
          admission.create(
              withSpec(
                  variation(),
                  """
                  messages: [{content: Hi}, {role: user}]
                  judgeConfiguration: {judges: [{judgeConfigKey: judge}, {samplingRate: 0.5}]}
                  tools: [{key: search}]
                  credentialsSecretRef: {key: apiToken}
                  modelConfigRef: {}
                  """));
      assertThat(result.violations())
          .containsExactlyInAnyOrder(
              "spec.messages[0].role: Required value",
              "spec.messages[1].content: Required value",
              "spec.judgeConfiguration.judges[0].samplingRate: Required value",
              "spec.judgeConfiguration.judges[1].judgeConfigKey: Required value",
              "spec.tools[0].version: Required value",
              "spec.credentialsSecretRef.name: Required value",
              "spec.modelConfigRef.name: Required value",
              NOT_CHECKED);
    }

    @Test
    void aMissingRequiredFieldKeepsTheCelRulesFromRunning() {
      // both maintainers set, but the API server does not get to the CEL rules
      Result result = admission.create(withSpec(aiConfig(), "{name: null, maintainerId: a, maintainerTeamKey: b}"));
      assertThat(result.violations()).containsExactly("spec.name: Required value", NOT_CHECKED);
    }

    @Test
    void theStatusMessageListsTheErrorsLikeTheApiServer() {
      assertThat(admission.create(withSpec(aiConfig(), "name: null")).message())
          .isEqualTo("AIConfig.ldai.dev \"support\" is invalid: [spec.name: Required value, " + NOT_CHECKED + "]");
      assertThat(admission.create(withSpec(aiConfig(), "key: bad key")).message())
          .isEqualTo(
              "AIConfig.ldai.dev \"support\" is invalid: spec.key: Invalid value: \"bad key\": spec.key in body should match '"
                  + KEY_PATTERN
                  + "'");
      assertThat(admission.create(aiConfig()).message()).isEmpty();
    }

    @Test
    void metadataNameIsRequiredAndADnsSubdomain() {
      assertThat(admission.create(with(aiConfig(), "metadata: {name: null}")).violations())
          .containsExactly("metadata.name: Required value: name or generateName is required", NOT_CHECKED);
      assertThat(admission.create(with(aiConfig(), "metadata: {name: null, generateName: support-}")).violations()).isEmpty();
      assertThat(admission.create(with(aiConfig(), "metadata: {name: Support_Assistant}")).violations())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("metadata.name: Invalid value: \"Support_Assistant\": a lowercase RFC 1123 subdomain must consist of");
    }
  }

  @Nested
  class Keys {

    @ParameterizedTest
    @ValueSource(strings = {"bad key", "-leading-dash", ".leading-dot", "has/slash", "ünïcode", "emoji-🙂", "tab\tkey"})
    void aKeyOutsideThePatternIsRefusedOnEveryKind(String key) {
      // JSON's quoting, which for these keys is the same as Go's %q
      String quoted = com.fasterxml.jackson.databind.node.TextNode.valueOf(key).toString();
      String expected = "spec.key: Invalid value: " + quoted + ": spec.key in body should match '" + KEY_PATTERN + "'";
      for (ObjectNode base : List.of(aiConfig(), variation(), modelConfig())) {
        ObjectNode manifest = base.deepCopy();
        ((ObjectNode) manifest.get("spec")).put("key", key);
        assertThat(admission.create(manifest).violations()).as(base.get("kind").asText()).containsExactly(expected);
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "A.b_c-1", "support-assistant", "OpenAI.gpt-4o"})
    void keysInsideThePatternAreAccepted(String key) {
      ObjectNode manifest = aiConfig();
      ((ObjectNode) manifest.get("spec")).put("key", key);
      assertThat(admission.create(manifest).violations()).isEmpty();
    }

    @Test
    void anEmptyKeyFailsTheLengthAndThePattern() {
      assertThat(admission.create(withSpec(aiConfig(), "key: ''")).violations())
          .containsExactly(
              "spec.key: Invalid value: \"\": spec.key in body should be at least 1 chars long",
              "spec.key: Invalid value: \"\": spec.key in body should match '" + KEY_PATTERN + "'");
    }

    @Test
    void aKeyOf257CharactersIsTooLong() {
      assertThat(admission.create(withSpec(aiConfig(), "key: " + repeat('k', 257))).violations())
          .containsExactly("spec.key: Too long: may not be more than 256 bytes", NOT_CHECKED);
      assertThat(admission.create(withSpec(aiConfig(), "key: " + repeat('k', 256))).violations()).isEmpty();
    }

    @Test
    void projectAndConfigKeysFollowThePatternToo() {
      assertThat(admission.create(withSpec(aiConfig(), "projectKey: my project")).violations())
          .containsExactly("spec.projectKey: Invalid value: \"my project\": spec.projectKey in body should match '" + KEY_PATTERN + "'");
      assertThat(admission.create(withSpec(externalVariation(), "configKey: _config")).violations())
          .containsExactly("spec.configKey: Invalid value: \"_config\": spec.configKey in body should match '" + KEY_PATTERN + "'");
    }

    @Test
    void aPatternErrorDoesNotKeepTheCelRulesFromRunning() {
      // pattern errors are not "blocking" for the API server: CEL runs and reports too
      assertThat(admission.create(withSpec(aiConfig(), "{key: bad key, maintainerId: a, maintainerTeamKey: b}")).violations())
          .containsExactly(
              "spec.key: Invalid value: \"bad key\": spec.key in body should match '" + KEY_PATTERN + "'",
              "spec: Invalid value: \"object\": " + MAINTAINER);
    }
  }

  @Nested
  class Enums {

    @Test
    void unknownMode() {
      assertThat(admission.create(withSpec(aiConfig(), "mode: chat")).violations())
          .containsExactly("spec.mode: Unsupported value: \"chat\": supported values: \"agent\", \"completion\", \"judge\"", NOT_CHECKED);
    }

    @Test
    void enumsAreCaseSensitive() {
      assertThat(admission.create(withSpec(aiConfig(), "mode: Agent")).violations())
          .first()
          .isEqualTo("spec.mode: Unsupported value: \"Agent\": supported values: \"agent\", \"completion\", \"judge\"");
    }

    @Test
    void unknownState() {
      assertThat(admission.create(withSpec(variation(), "state: draft")).violations())
          .containsExactly("spec.state: Unsupported value: \"draft\": supported values: \"archived\", \"published\"", NOT_CHECKED);
      assertThat(admission.create(withSpec(variation(), "state: archived")).violations()).isEmpty();
    }

    @Test
    void unknownDeletionAndAdoptionPoliciesOnEveryKind() {
      for (ObjectNode base : List.of(aiConfig(), variation(), modelConfig())) {
        assertThat(admission.create(withSpec(base, "{deletionPolicy: Orphan, adoptionPolicy: Always}")).violations())
            .as(base.get("kind").asText())
            .containsExactlyInAnyOrder(
                "spec.adoptionPolicy: Unsupported value: \"Always\": supported values: \"Adopt\", \"Never\"",
                "spec.deletionPolicy: Unsupported value: \"Orphan\": supported values: \"Delete\", \"Retain\"",
                NOT_CHECKED);
        assertThat(admission.create(withSpec(base, "{deletionPolicy: Retain, adoptionPolicy: Adopt}")).violations()).isEmpty();
      }
    }

    @Test
    void aNumberWhereAnEnumStringBelongsFailsTheTypeAndTheEnum() {
      assertThat(admission.create(withSpec(aiConfig(), "mode: 1")).violations())
          .containsExactly(
              "spec.mode: Invalid value: \"integer\": spec.mode in body must be of type string: \"integer\"",
              "spec.mode: Unsupported value: 1: supported values: \"agent\", \"completion\", \"judge\"",
              NOT_CHECKED);
    }

    @Test
    void gapTheMessageRoleIsFreeText() {
      // LaunchDarkly knows system, user and assistant; the CRD only limits the length (1..64)
      assertThat(admission.create(withSpec(variation(), "messages: [{role: wizard, content: Abracadabra}]")).violations()).isEmpty();
      assertThat(admission.create(withSpec(variation(), "messages: [{role: '', content: Hi}]")).violations())
          .containsExactly("spec.messages[0].role: Invalid value: \"\": spec.messages[0].role in body should be at least 1 chars long");
    }
  }

  @Nested
  class Numbers {

    @ParameterizedTest
    @ValueSource(strings = {"costPerInputToken", "costPerOutputToken", "costPerCachedInputToken"})
    void negativeCostsAreRefused(String field) {
      assertThat(admission.create(withSpec(modelConfig(), field + ": -1")).violations())
          .containsExactly("spec." + field + ": Invalid value: -1: spec." + field + " in body should be greater than or equal to 0");
      assertThat(admission.create(withSpec(modelConfig(), field + ": -0.0000025")).violations())
          .containsExactly("spec." + field + ": Invalid value: -2.5e-06: spec." + field + " in body should be greater than or equal to 0");
      assertThat(admission.create(withSpec(modelConfig(), field + ": 0")).violations()).isEmpty();
      assertThat(admission.create(withSpec(modelConfig(), field + ": 0.0000025")).violations()).isEmpty();
    }

    @Test
    void aCostThatIsNotANumber() {
      assertThat(admission.create(withSpec(modelConfig(), "costPerInputToken: cheap")).violations())
          .containsExactly(
              "spec.costPerInputToken: Invalid value: \"string\": spec.costPerInputToken in body must be of type number: \"string\"",
              NOT_CHECKED);
    }

    @Test
    void samplingRateIsBetweenZeroAndOne() {
      String judges = "judgeConfiguration: {judges: [{judgeConfigKey: judge, samplingRate: %s}]}";
      String path = "spec.judgeConfiguration.judges[0].samplingRate";
      assertThat(admission.create(withSpec(variation(), judges.formatted("1.5"))).violations())
          .containsExactly(path + ": Invalid value: 1.5: " + path + " in body should be less than or equal to 1");
      assertThat(admission.create(withSpec(variation(), judges.formatted("2"))).violations())
          .containsExactly(path + ": Invalid value: 2: " + path + " in body should be less than or equal to 1");
      assertThat(admission.create(withSpec(variation(), judges.formatted("-0.1"))).violations())
          .containsExactly(path + ": Invalid value: -0.1: " + path + " in body should be greater than or equal to 0");
      for (String ok : List.of("0", "0.25", "1", "1.0")) {
        assertThat(admission.create(withSpec(variation(), judges.formatted(ok))).violations()).as(ok).isEmpty();
      }
    }

    @Test
    void toolVersionsStartAtOneAndAreIntegers() {
      assertThat(admission.create(withSpec(variation(), "tools: [{key: search, version: 0}]")).violations())
          .containsExactly("spec.tools[0].version: Invalid value: 0: spec.tools[0].version in body should be greater than or equal to 1");
      assertThat(admission.create(withSpec(variation(), "tools: [{key: search, version: 1.5}]")).violations())
          .containsExactly(
              "spec.tools[0].version: Invalid value: \"number\": spec.tools[0].version in body must be of type integer: \"number\"",
              NOT_CHECKED);
      assertThat(admission.create(withSpec(variation(), "tools: [{key: search, version: 2}]")).violations()).isEmpty();
    }
  }

  @Nested
  class Lengths {

    @Test
    void emptyAndOverlongNames() {
      assertThat(admission.create(withSpec(aiConfig(), "name: ''")).violations())
          .containsExactly("spec.name: Invalid value: \"\": spec.name in body should be at least 1 chars long");
      assertThat(admission.create(withSpec(aiConfig(), "name: " + repeat('n', 1025))).violations())
          .containsExactly("spec.name: Too long: may not be more than 1024 bytes", NOT_CHECKED);
    }

    @Test
    void lengthsCountCharactersNotBytes() {
      // kube-openapi counts runes; 1024 two-byte characters fit
      assertThat(admission.create(withSpec(aiConfig(), "name: " + repeat('é', 1024))).violations()).isEmpty();
    }

    @Test
    void aTenMegabytePromptIsRefusedByTheContentLimit() {
      ObjectNode manifest = variation();
      ((ObjectNode) manifest.at("/spec/messages/0")).put("content", repeat('x', 10 * 1024 * 1024));
      assertThat(admission.create(manifest).violations())
          .containsExactly("spec.messages[0].content: Too long: may not be more than 100000 bytes", NOT_CHECKED);
    }

    @Test
    void gapTenMillionCharactersOfPromptFitTheSchemaIn100Messages() {
      // 100 messages of 100000 characters each: the schema accepts it; only the API server's request size
      // limit (about 3 MiB) and etcd's (1.5 MiB) would refuse it
      ObjectNode manifest = variation();
      ArrayNode messages = ((ObjectNode) manifest.get("spec")).putArray("messages");
      String content = repeat('x', 100_000);
      for (int i = 0; i < 100; i++) {
        messages.addObject().put("role", "user").put("content", content);
      }
      assertThat(admission.create(manifest).violations()).isEmpty();
      messages.addObject().put("role", "user").put("content", "one too many");
      assertThat(admission.create(manifest).violations())
          .containsExactly("spec.messages: Too many: 101: must have at most 100 items", NOT_CHECKED);
    }

    @Test
    void aRolloutWeighsAtMostTwentyVariations() {
      assertThat(admission.create(withSpec(targeting(), "{defaultVariation: null, defaultRollout: {weights: [" + shares(21, 1) + "]}}"))
          .violations())
          .containsExactly("spec.defaultRollout.weights: Too many: 21: must have at most 20 items", NOT_CHECKED);
    }

    @Test
    void longTextFields() {
      assertThat(admission.create(withSpec(aiConfig(), "description: " + repeat('d', 10_001))).violations())
          .containsExactly("spec.description: Too long: may not be more than 10000 bytes", NOT_CHECKED);
      assertThat(admission.create(withSpec(variation(), "instructions: " + repeat('i', 100_001))).violations())
          .containsExactly("spec.instructions: Too long: may not be more than 100000 bytes", NOT_CHECKED);
    }

    @Test
    void aNameThatIsNotAString() {
      assertThat(admission.create(withSpec(aiConfig(), "name: 42")).violations())
          .containsExactly("spec.name: Invalid value: \"integer\": spec.name in body must be of type string: \"integer\"", NOT_CHECKED);
      assertThat(admission.create(withSpec(aiConfig(), "tags: support")).violations())
          .containsExactly("spec.tags: Invalid value: \"string\": spec.tags in body must be of type array: \"string\"", NOT_CHECKED);
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Pruning, nulls, defaults, status

  @Nested
  class UnknownFields {

    @Test
    void aMisspelledOptionalFieldIsDroppedSilently() {
      Result result = admission.create(withSpec(aiConfig(), "{descripton: Answers questions, mode: agent}"));
      assertThat(result.allowed()).isTrue();
      assertThat(result.prunedFields()).containsExactly("spec.descripton");
      assertThat(result.warnings()).containsExactly("unknown field \"spec.descripton\"");
      assertThat(result.object().get("spec").has("descripton")).isFalse();
      assertThat(result.object().at("/spec/mode").asText()).isEqualTo("agent");
    }

    @Test
    void aMisspelledRequiredFieldIsDroppedAndThenMissing() {
      Result result = admission.create(withSpec(aiConfig(), "{projectKey: null, projectkey: default}"));
      assertThat(result.prunedFields()).containsExactly("spec.projectkey");
      assertThat(result.violations()).containsExactly("spec.projectKey: Required value", NOT_CHECKED);
    }

    @Test
    void aMisspelledParentReferenceFailsTheParentRule() {
      Result result = admission.create(withSpec(variation(), "{configRef: null, configref: {name: support}}"));
      assertThat(result.prunedFields()).containsExactly("spec.configref");
      assertThat(result.violations()).containsExactly("spec: Invalid value: \"object\": " + PARENT);
    }

    @Test
    void unknownFieldsInListItemsAndNestedObjects() {
      Result result =
          admission.create(
              withSpec(variation(), "{messages: [{role: system, text: Hi}], model: {modelName: gpt-4o, temprature: 0.2}}"));
      assertThat(result.prunedFields()).containsExactly("spec.messages[0].text", "spec.model.temprature");
      assertThat(result.violations()).containsExactly("spec.messages[0].content: Required value", NOT_CHECKED);
    }

    @Test
    void freeFormParametersKeepEverything() {
      ObjectNode manifest = withSpec(modelConfig(), "params: {temperature: 0.2, nested: {list: [1, two]}}");
      ((ObjectNode) manifest.get("spec")).putObject("customParams").putNull("x");
      Result result = admission.create(manifest);
      assertThat(result.allowed()).isTrue();
      assertThat(result.prunedFields()).isEmpty();
      assertThat(result.object().at("/spec/params/nested/list/1").asText()).isEqualTo("two");
      assertThat(result.object().at("/spec/customParams").has("x")).isTrue();
    }

    @Test
    void gapFreeFormParametersNeedNotBeObjects() {
      // "free-form object", but x-kubernetes-preserve-unknown-fields without type: object takes any value
      assertThat(admission.create(withSpec(modelConfig(), "params: hot")).violations()).isEmpty();
      assertThat(admission.create(withSpec(variation(), "model: {parameters: [1, 2]}")).violations()).isEmpty();
    }

    @Test
    void unknownTopLevelFieldsArePrunedAndMetadataIsLeftAlone() {
      Result result = admission.create(with(aiConfig(), "{specification: {}, metadata: {labels: {team: ai}}}"));
      assertThat(result.prunedFields()).containsExactly("specification");
      assertThat(result.object().at("/metadata/labels/team").asText()).isEqualTo("ai");
    }

    @Test
    void nullsAreDroppedAndDefaultsApplied() {
      ObjectNode manifest = aiConfig();
      ((ObjectNode) manifest.get("spec")).putNull("key").putNull("adoptionPolicy").putNull("description");
      Result result = admission.create(manifest);
      assertThat(result.violations()).isEmpty();
      assertThat(result.prunedFields()).isEmpty();
      JsonNode spec = result.object().get("spec");
      assertThat(spec.has("key")).isFalse();
      assertThat(spec.has("description")).isFalse();
      assertThat(spec.get("adoptionPolicy").asText()).isEqualTo("Never");
      assertThat(spec.get("mode").asText()).isEqualTo("completion");
    }

    @Test
    void statusIsIgnoredOnCreateAndKeptFromTheOldObjectOnUpdate() {
      ObjectNode withStatus = with(aiConfig(), "status: {version: not-a-number, key: support}");
      Result created = admission.create(withStatus);
      assertThat(created.violations()).isEmpty();
      assertThat(created.object().has("status")).isFalse();

      ObjectNode stored = with(aiConfig(), "status: {version: 3}");
      Result updated = admission.update(stored, with(aiConfig(), "status: {version: nonsense}"));
      assertThat(updated.violations()).isEmpty();
      assertThat(updated.object().at("/status/version").asInt()).isEqualTo(3);
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Updates: ratcheting

  @Nested
  class Ratcheting {

    @Test
    void anInvalidValueStoredEarlierMayStayWhileOtherFieldsChange() {
      ObjectNode stored = withSpec(modelConfig(), "costPerInputToken: -1");
      assertThat(admission.update(stored, withSpec(stored, "name: Renamed")).violations()).isEmpty();
      assertThat(admission.update(stored, withSpec(stored, "costPerInputToken: -2")).violations())
          .containsExactly("spec.costPerInputToken: Invalid value: -2: spec.costPerInputToken in body should be greater than or equal to 0");
    }

    @Test
    void aRuleBrokenByAnUnchangedSpecOnlyWarns() {
      ObjectNode stored = withSpec(aiConfig(), "{maintainerId: a, maintainerTeamKey: b}");
      Result labelled = admission.update(stored, with(stored, "metadata: {labels: {team: ai}}"));
      assertThat(labelled.violations()).isEmpty();
      assertThat(labelled.warnings()).containsExactly("spec: Invalid value: \"object\": " + MAINTAINER);
      assertThat(admission.update(stored, withSpec(stored, "name: Renamed")).violations())
          .containsExactly("spec: Invalid value: \"object\": " + MAINTAINER);
    }

    @Test
    void schemaAndTransitionErrorsAddUp() {
      assertThat(admission.update(modelConfig(), withSpec(modelConfig(), "{key: home, costPerOutputToken: -1}")).violations())
          .containsExactly(
              "spec.costPerOutputToken: Invalid value: -1: spec.costPerOutputToken in body should be greater than or equal to 0",
              "spec: Invalid value: \"object\": key is immutable");
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Valid manifests

  @Test
  void theExamplesAreAdmittedAsTheyAre() throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        documents.addAll(CrdAdmission.documents(file));
      }
    }
    assertThat(documents).extracting(d -> d.get("kind").asText()).contains(AIC, VAR, AIMC).hasSizeGreaterThanOrEqualTo(4);
    for (JsonNode document : documents) {
      Result result = admission.create(document);
      String name = document.at("/metadata/name").asText();
      assertThat(result.violations()).as(name).isEmpty();
      assertThat(result.prunedFields()).as(name).isEmpty();
      assertThat(result.warnings()).as(name).isEmpty();
    }
  }

  @Test
  void typedResourcesAreSerializedAsTheClientSendsThem() {
    assertThat(admission.create(Manifests.aiConfig("support", spec -> {})).violations()).isEmpty();
    assertThat(admission.create(Manifests.variation("friendly", "support", spec -> {})).violations()).isEmpty();
    assertThat(admission.create(Manifests.modelConfig("house", spec -> spec.setCostPerInputToken(-1.0))).violations())
        .containsExactly("spec.costPerInputToken: Invalid value: -1: spec.costPerInputToken in body should be greater than or equal to 0");
    assertThat(
            admission
                .update(Manifests.aiConfig("support", spec -> spec.setKey("a")), Manifests.aiConfig("support", spec -> spec.setKey("b")))
                .violations())
        .containsExactly("spec: Invalid value: \"object\": key is immutable");
  }

  @Test
  void gapTheReservedKeysAreOnlyCheckedInSpecKey() {
    // The key defaults to metadata.name, which no rule checks: this AIConfig's key is "model-configs".
    assertThat(admission.create(with(aiConfig(), "metadata: {name: model-configs}")).violations()).isEmpty();
    // An AIModelConfig may use the reserved words too (its keys live under /model-configs/, not a sibling).
    assertThat(admission.create(withSpec(modelConfig(), "key: quick-stats")).violations()).isEmpty();
  }

  @Test
  void aResourceWithoutSpecIsRefused() {
    assertThat(admission.create(with(aiConfig(), "spec: null")).violations()).contains("spec: Required value");
    assertThat(admission.create(with(modelConfig(), "spec: null")).violations()).contains("spec: Required value");
    assertThat(admission.create(with(variation(), "spec: null")).violations()).contains("spec: Required value");
  }

  @Test
  void referenceNamesMustNotBeEmpty() {
    assertThat(admission.create(withSpec(variation(), "configRef: {name: ''}")).violations())
        .contains("spec.configRef.name: Invalid value: \"\": spec.configRef.name in body should be at least 1 chars long");
    assertThat(admission.create(withSpec(aiConfig(), "credentialsSecretRef: {name: ''}")).violations())
        .contains("spec.credentialsSecretRef.name: Invalid value: \"\": spec.credentialsSecretRef.name in body should be at least 1 chars long");
  }

  @Test
  void requestsForUnknownKindsOrVersionsAreATestError() {
    assertThatThrownBy(() -> admission.create(with(aiConfig(), "kind: AIAgent")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AIAgent");
    assertThatThrownBy(() -> admission.create(with(aiConfig(), "apiVersion: ldai.dev/v1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ldai.dev/v1");
    assertThatThrownBy(() -> admission.update(aiConfig(), modelConfig())).isInstanceOf(IllegalArgumentException.class);
  }

  // -----------------------------------------------------------------------------------------------
  // Loading refuses CRDs whose rules the API server would refuse

  static String committed(String file) throws IOException {
    return Files.readString(CRDS.resolve(file));
  }

  static String replaceOnce(String text, String target, String replacement) {
    assertThat(text).contains(target);
    return text.replace(target, replacement);
  }

  @Test
  void aRuleNamingAFieldTheSchemaLacksDoesNotCompile() throws IOException {
    String typo = replaceOnce(committed("aiconfigs.ldai.dev-v1.yml"), "has(self.maintainerTeamKey)", "has(self.maintainerTeamKy)");
    assertThatThrownBy(() -> CrdAdmission.fromYaml(typo))
        .isInstanceOf(CrdAdmission.InvalidCrdException.class)
        .hasMessageContaining("AIConfig spec rule")
        .hasMessageContaining("undefined field 'maintainerTeamKy'");
  }

  @Test
  void aRuleWithASyntaxErrorDoesNotCompile() throws IOException {
    String broken = replaceOnce(committed("aimodelconfigs.ldai.dev-v1.yml"), "rule: \"self == oldSelf\"", "rule: \"self == oldSelf)\"");
    assertThatThrownBy(() -> CrdAdmission.fromYaml(broken))
        .isInstanceOf(CrdAdmission.InvalidCrdException.class)
        .hasMessageContaining("AIModelConfig spec.projectKey rule \"self == oldSelf)\": compilation failed");
  }

  @Test
  void aRuleThatIsNotABooleanOrSelectsFromAStringDoesNotCompile() throws IOException {
    String notBool = replaceOnce(committed("aiconfigs.ldai.dev-v1.yml"), "\"!(has(self.maintainerId) && has(self.maintainerTeamKey))\"", "\"size(self.name)\"");
    assertThatThrownBy(() -> CrdAdmission.fromYaml(notBool)).hasMessageContaining("must evaluate to bool, not int");
    String selectOnString =
        replaceOnce(committed("aiconfigs.ldai.dev-v1.yml"), "\"!(has(self.maintainerId) && has(self.maintainerTeamKey))\"", "\"self.name.first == 'a'\"");
    assertThatThrownBy(() -> CrdAdmission.fromYaml(selectOnString)).hasMessageContaining("type 'string' does not support field selection");
  }

  @Test
  void schemaKeywordsThatAreNotImplementedAreRefusedRatherThanIgnored() throws IOException {
    String listMap = replaceOnce(committed("aiconfigs.ldai.dev-v1.yml"), "              tags:\n", "              tags:\n                x-kubernetes-list-type: \"set\"\n");
    assertThatThrownBy(() -> CrdAdmission.fromYaml(listMap))
        .isInstanceOf(CrdAdmission.InvalidCrdException.class)
        .hasMessageContaining("x-kubernetes-list-type 'set'");
  }

  // -----------------------------------------------------------------------------------------------
  // The mechanics the committed CRDs do not use yet, on a made-up kind

  @Nested
  class Mechanics {

    static final String WIDGETS =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.dev}
        spec:
          group: example.dev
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-validations:
                - rule: "self.metadata.name != 'forbidden'"
                  message: "this name is forbidden"
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                    - rule: "!has(self.x__dash__dashed) || self.x__dash__dashed != self.__namespace__"
                      message: "x-dashed must differ from namespace"
                    - rule: "!has(self.ratio) || self.ratio == null || self.ratio <= 1"
                    properties:
                      parts:
                        type: array
                        items:
                          type: object
                          properties:
                            name: {type: string}
                            weight: {type: integer, minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true}
                          x-kubernetes-validations:
                          - rule: "self.weight < 5 || self.name.startsWith('heavy-')"
                            messageExpression: "'part ' + self.name + ' weighs ' + string(self.weight)"
                          - rule: "self == oldSelf"
                            message: "list items have no old value: never evaluated"
                      labels:
                        type: object
                        additionalProperties: {type: string, maxLength: 3}
                        x-kubernetes-validations:
                        - rule: "self.all(k, k.matches('^[a-z]+$'))"
                          message: "label keys are lowercase letters"
                      limits:
                        type: object
                        properties:
                          min: {type: integer}
                          max: {type: integer}
                        x-kubernetes-validations:
                        - rule: "self.min <= self.max"
                          message: "min must not exceed max"
                          fieldPath: ".min"
                          reason: FieldValueForbidden
                      ratio: {type: number, nullable: true}
                      x-dashed: {type: string}
                      namespace: {type: string}
                      when: {type: string, format: date-time}
        """;

    CrdAdmission widgets = CrdAdmission.fromYaml(WIDGETS);

    ObjectNode widget(String spec) {
      ObjectNode widget = yaml("{apiVersion: example.dev/v1, kind: Widget, metadata: {name: w}}");
      widget.set("spec", yaml(spec));
      return widget;
    }

    @Test
    void rulesOnListItemsRunPerItemWithTheirOwnSelf() {
      Result result = widgets.create(widget("parts: [{name: feather, weight: 1}, {name: anvil, weight: 7}, {name: heavy-anvil, weight: 9}]"));
      assertThat(result.violations()).containsExactly("spec.parts[1]: Invalid value: \"object\": part anvil weighs 7");
    }

    @Test
    void transitionRulesOnListItemsAreNeverEvaluated() {
      assertThat(widgets.update(widget("parts: [{name: a, weight: 1}]"), widget("parts: [{name: b, weight: 2}]")).violations()).isEmpty();
    }

    @Test
    void exclusiveBounds() {
      assertThat(widgets.create(widget("parts: [{name: a, weight: 0}, {name: b, weight: 10}]")).violations())
          .containsExactly(
              "spec.parts[0].weight: Invalid value: 0: spec.parts[0].weight in body should be greater than 0",
              "spec.parts[1].weight: Invalid value: 10: spec.parts[1].weight in body should be less than 10",
              // Bounds do not stop the rules (only type, required and enum errors do), so part b's rule runs too.
              "spec.parts[1]: Invalid value: \"object\": part b weighs 10");
    }

    @Test
    void mapsValidateTheirValuesAndIterateTheirKeys() {
      assertThat(widgets.create(widget("labels: {Team: ai}")).violations())
          .containsExactly("spec.labels: Invalid value: \"object\": label keys are lowercase letters");
      assertThat(widgets.create(widget("labels: {team: platform}")).violations())
          .containsExactly("spec.labels.team: Too long: may not be more than 3 bytes", NOT_CHECKED);
      assertThat(widgets.create(widget("labels: {team: ai}")).violations()).isEmpty();
    }

    @Test
    void fieldPathAndReason() {
      assertThat(widgets.create(widget("limits: {min: 3, max: 2}")).violations())
          .containsExactly("spec.limits.min: Forbidden: min must not exceed max");
    }

    @Test
    void aRuntimeErrorIsAViolationThatNamesTheError() {
      assertThat(widgets.create(widget("limits: {min: 3}")).violations())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("spec.limits.min: Invalid value: \"object\": min must not exceed max: ")
          .contains("max");
    }

    @Test
    void escapedPropertyNames() {
      assertThat(widgets.create(widget("{x-dashed: a, namespace: a}")).violations())
          .containsExactly("spec: Invalid value: \"object\": x-dashed must differ from namespace");
      assertThat(widgets.create(widget("{x-dashed: a, namespace: b}")).violations()).isEmpty();
    }

    @Test
    void nullableFieldsKeepTheirNullAndARuleWithoutMessageQuotesItself() {
      Result result = widgets.create(widget("ratio: null"));
      assertThat(result.violations()).isEmpty();
      assertThat(result.object().at("/spec/ratio").isNull()).isTrue();
      assertThat(widgets.create(widget("ratio: 1.5")).violations())
          .containsExactly("spec: Invalid value: \"object\": failed rule: !has(self.ratio) || self.ratio == null || self.ratio <= 1");
    }

    @Test
    void rootRulesSeeTheName() {
      assertThat(widgets.create(with(widget("{}"), "metadata: {name: forbidden}")).violations())
          .containsExactly("<nil>: Invalid value: \"object\": this name is forbidden");
    }

    @Test
    void formats() {
      assertThat(widgets.create(widget("when: yesterday")).violations())
          .containsExactly("spec.when: Invalid value: \"yesterday\": spec.when in body must be of type date-time: \"yesterday\"", NOT_CHECKED);
      assertThat(widgets.create(widget("when: '2026-11-22T10:00:00Z'")).violations()).isEmpty();
    }

    @Test
    void theRootOnlyExposesNameAndGenerateNameOfTheMetadata() {
      String labels = WIDGETS.replace("self.metadata.name != 'forbidden'", "!has(self.metadata.labels)");
      assertThatThrownBy(() -> CrdAdmission.fromYaml(labels)).hasMessageContaining("undefined field 'labels'");
    }
  }

}
