package dev.ldai.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.testing.ApiServerAdmission;
import dev.ldai.operator.testing.ApiServerAdmission.Result;
import dev.ldai.operator.testing.Crds;
import dev.ldai.operator.testing.Manifests;
import dev.ldai.operator.testing.OnRealApiServer;
import dev.ldai.operator.testing.RealApiServer;
import dev.ldai.operator.testing.Yaml;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the real API server answers for good and bad manifests of every kind, with the committed CRDs
 * of {@code crds/} (their schema and CEL rules), through {@link ApiServerAdmission}.
 *
 * <p>Tests named {@code gap...} pin what the CRDs accept although the operator or LaunchDarkly would not
 * want it; they fail once the model closes the gap, and should then be turned around.
 */
@OnRealApiServer
class CrdAdmissionTest {

  static final String NAMESPACE = "crdadmissiontest";
  static final Path EXAMPLES = Path.of("examples");
  static final String KEY_PATTERN = "^[a-zA-Z0-9][a-zA-Z0-9._-]*$";
  static final String NOT_CHECKED =
      "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid;"
          + " correct the existing errors to complete validation";
  /** The API server's limit on a request body (3 MiB), checked before anything else. */
  static final String REQUEST_TOO_LARGE = "Request entity too large: limit is 3145728";

  static ApiServerAdmission admission;

  @BeforeAll
  static void onTheRealApiServer() {
    admission = ApiServerAdmission.in(NAMESPACE);
  }

  // -----------------------------------------------------------------------------------------------
  // Manifests

  static ObjectNode yaml(String text) {
    List<JsonNode> docs = Yaml.documents(text);
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

  /** The targeting of the in-cluster AIConfig "support" in production. */
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

  /** A variation of a config that is not managed in the cluster. */
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

  /** A tool whose JSON Schema nests objects, lists and numbers, as a real one does. */
  static ObjectNode tool() {
    return yaml(
        """
        apiVersion: ldai.dev/v1alpha1
        kind: AITool
        metadata: {name: web-search, namespace: test}
        spec:
          projectKey: default
          description: Searches the web.
          schema:
            $schema: https://json-schema.org/draft/2020-12/schema
            type: object
            properties:
              query: {type: string, minLength: 1, description: What to search for}
              maxResults: {type: integer, minimum: 1, maximum: 20, default: 5}
              filters:
                type: object
                properties:
                  sites: {type: array, items: {type: string, format: hostname}}
                  freshness: {enum: [day, week, null]}
                additionalProperties: false
            required: [query]
        """);
  }

  static ObjectNode snippet() {
    return yaml(
        """
        apiVersion: ldai.dev/v1alpha1
        kind: PromptSnippet
        metadata: {name: brand-voice, namespace: test}
        spec:
          projectKey: default
          name: Brand voice
          text: Write plainly and warmly.
        """);
  }

  /** An agent graph whose root, an AIConfig of the namespace, hands off to a config named by key. */
  static ObjectNode agentGraph() {
    return yaml(
        """
        apiVersion: ldai.dev/v1alpha1
        kind: AIAgentGraph
        metadata: {name: support-flow, namespace: test}
        spec:
          projectKey: default
          name: Support flow
          root: {configRef: {name: triage-agent}}
          edges:
          - key: triage-to-support
            source: {configRef: {name: triage-agent}}
            target: {configKey: support-agent}
            handoff: {reason: needs-an-answer}
        """);
  }

  /** An edge of {@link #agentGraph()}'s agents under {@code key}, as a YAML flow item. */
  static String edge(String key) {
    return "{key: " + key + ", source: {configRef: {name: triage-agent}}, target: {configKey: support-agent}}";
  }

  /** {@code count} edges with distinct keys of {@code keyLength} characters, alike up to their last three. */
  static ArrayNode edges(int count, int keyLength) {
    ArrayNode edges = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < count; i++) {
      edges.add(yaml(edge(repeat('k', keyLength - 3) + "%03d".formatted(i))));
    }
    return edges;
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
  // CEL rules: every rule is listed, and each has cases on both sides

  /**
   * A CEL rule of a committed CRD.
   *
   * @param path where the rule sits, as the server names the field: {@code spec}, {@code spec.mode}, {@code
   *     spec.rules[*]} for the items of a list
   * @param transition whether it uses {@code oldSelf} (evaluated on update only)
   */
  record Rule(String kind, String path, String rule, String message, boolean transition) {}

  static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    for (CustomResourceDefinition crd : Crds.committed()) {
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        addRules(crd.getSpec().getNames().getKind(), "", version.getSchema().getOpenAPIV3Schema(), rules);
      }
    }
    return rules;
  }

  private static void addRules(String kind, String path, JSONSchemaProps schema, List<Rule> rules) {
    for (ValidationRule rule : schema.getXKubernetesValidations()) {
      rules.add(new Rule(kind, path.isEmpty() ? "<nil>" : path, rule.getRule(), rule.getMessage(), rule.getRule().contains("oldSelf")));
    }
    schema.getProperties().forEach((name, property) -> addRules(kind, path.isEmpty() ? name : path + "." + name, property, rules));
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      addRules(kind, path + "[*]", schema.getItems().getSchema(), rules);
    }
    if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
      addRules(kind, path + "[*]", schema.getAdditionalProperties().getSchema(), rules);
    }
  }

  @Test
  void everyCelRuleOfTheCrdsIsListed() {
    // The server installed the CRDs, so it compiled every rule within its cost budget; this pins which rules exist.
    assertThat(Crds.committed()).extracting(crd -> crd.getSpec().getNames().getKind())
        .containsExactlyInAnyOrder("AIConfig", "AIConfigVariation", "AIModelConfig", "AIConfigTargeting", "AITool", "PromptSnippet",
            "AIAgentGraph");
    assertThat(rules())
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
            "AIConfigVariation spec.tools[*] set either toolRef or key",
            "AIConfigVariation spec.tools[*] a tool named by key needs a version",
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
            "AIConfigTargeting spec.rules[*].rollout the weights sum to 100000 (100%)",
            "AITool spec key is immutable (transition)",
            "AITool spec set at most one of maintainerId and maintainerTeamKey",
            "AITool spec.projectKey projectKey is immutable (transition)",
            "PromptSnippet spec key is immutable (transition)",
            "PromptSnippet spec set at most one of maintainerId and maintainerTeamKey",
            "PromptSnippet spec.projectKey projectKey is immutable (transition)",
            "AIAgentGraph spec key is immutable (transition)",
            "AIAgentGraph spec set at most one of maintainerId and maintainerTeamKey",
            "AIAgentGraph spec set root and edges together, or neither",
            "AIAgentGraph spec.projectKey projectKey is immutable (transition)",
            "AIAgentGraph spec.root set either configRef or configKey",
            "AIAgentGraph spec.edges edge keys must be unique",
            "AIAgentGraph spec.edges[*].source set either configRef or configKey",
            "AIAgentGraph spec.edges[*].target set either configRef or configKey");
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
  static final String AIT = "AITool";
  static final String SNIP = "PromptSnippet";
  static final String AIAG = "AIAgentGraph";
  static final String DEFAULT_ONCE = "set at most one of defaultVariation and defaultRollout";
  static final String WEIGHTS = "the weights sum to 100000 (100%)";
  static final String ONCE = "each variation is weighted once";
  static final String SERVES = "a rule serves either a variation or a rollout";
  static final String RESERVED =
      "key must not be model-configs, quick-stats or prompt-snippets (reserved by LaunchDarkly's API)";
  static final String MAINTAINER = "set at most one of maintainerId and maintainerTeamKey";
  static final String PARENT = "set either configRef, or both projectKey and configKey";
  static final String MODEL = "set at most one of modelConfigRef and modelConfigKey";
  static final String TOOL_NAMED = "set either toolRef or key";
  static final String TOOL_VERSION = "a tool named by key needs a version";
  static final String ROOT_AND_EDGES = "set root and edges together, or neither";
  static final String UNIQUE_EDGES = "edge keys must be unique";
  static final String NODE = "set either configRef or configKey";

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
    List<RuleCase> cases = new ArrayList<>(List.of(
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
        // AIConfigVariation: tools
        passes(VAR, "spec.tools[0]", TOOL_NAMED, "toolRef only", () -> admission.create(withSpec(v, "tools: [{toolRef: {name: web-search}}]"))),
        passes(VAR, "spec.tools[0]", TOOL_NAMED, "key and version",
            () -> admission.create(withSpec(v, "tools: [{key: search, version: 2}]"))),
        refuses(VAR, "spec.tools[0]", "object", TOOL_NAMED, "toolRef and key",
            () -> admission.create(withSpec(v, "tools: [{toolRef: {name: web-search}, key: search, version: 2}]"))),
        refuses(VAR, "spec.tools[1]", "object", TOOL_NAMED, "neither",
            () -> admission.create(withSpec(v, "tools: [{toolRef: {name: web-search}}, {version: 2}]"))),
        passes(VAR, "spec.tools[0]", TOOL_VERSION, "toolRef pinned",
            () -> admission.create(withSpec(v, "tools: [{toolRef: {name: web-search}, version: 3}]"))),
        refuses(VAR, "spec.tools[0]", "object", TOOL_VERSION, "key without version",
            () -> admission.create(withSpec(v, "tools: [{key: search}]"))),
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
            () -> update(m, withSpec(m, "key: house-gpt")))));
    cases.addAll(projectObjectCases(AIT, tool()));
    cases.addAll(projectObjectCases(SNIP, snippet()));
    cases.addAll(projectObjectCases(AIAG, agentGraph()));
    cases.addAll(agentGraphCases());
    return cases;
  }

  /**
   * The rules AITool, PromptSnippet and AIAgentGraph share: project and key fixed once created, one maintainer
   * at most.
   */
  static List<RuleCase> projectObjectCases(String kind, ObjectNode o) {
    return List.of(
        passes(kind, "spec.projectKey", "projectKey is immutable", "same project, other description",
            () -> update(o, withSpec(o, "description: Reworded"))),
        refuses(kind, "spec.projectKey", "string", "projectKey is immutable", "default to other",
            () -> update(o, withSpec(o, "projectKey: other"))),
        passes(kind, "spec", "key is immutable", "same key",
            () -> update(withSpec(o, "key: v1"), withSpec(o, "{key: v1, description: Reworded}"))),
        refuses(kind, "spec", "object", "key is immutable", "changed",
            () -> update(withSpec(o, "key: v1"), withSpec(o, "key: v2"))),
        refuses(kind, "spec", "object", "key is immutable", "set where it was left out",
            () -> update(o, withSpec(o, "key: v1"))),
        passes(kind, "spec", MAINTAINER, "maintainerTeamKey only", () -> admission.create(withSpec(o, "maintainerTeamKey: ai-team"))),
        passes(kind, "spec", MAINTAINER, "maintainerId only", () -> admission.create(withSpec(o, "maintainerId: 5f0c"))),
        refuses(kind, "spec", "object", MAINTAINER, "both",
            () -> admission.create(withSpec(o, "{maintainerId: 5f0c, maintainerTeamKey: ai-team}"))));
  }

  /** An agent graph's shape: root and edges together, edge keys unique, each node named one way. */
  static List<RuleCase> agentGraphCases() {
    ObjectNode g = agentGraph();
    return List.of(
        passes(AIAG, "spec", ROOT_AND_EDGES, "root and an edge", () -> admission.create(g)),
        passes(AIAG, "spec", ROOT_AND_EDGES, "root with edges: [] (a graph of one agent)",
            () -> admission.create(withSpec(g, "edges: []"))),
        passes(AIAG, "spec", ROOT_AND_EDGES, "neither (a graph of metadata only)",
            () -> admission.create(withSpec(g, "{root: null, edges: null}"))),
        refuses(AIAG, "spec", "object", ROOT_AND_EDGES, "root without edges", () -> admission.create(withSpec(g, "edges: null"))),
        refuses(AIAG, "spec", "object", ROOT_AND_EDGES, "edges without root", () -> admission.create(withSpec(g, "root: null"))),
        passes(AIAG, "spec.edges", UNIQUE_EDGES, "three keys",
            () -> admission.create(withSpec(g, "edges: [" + edge("a") + ", " + edge("b") + ", " + edge("c") + "]"))),
        passes(AIAG, "spec.edges", UNIQUE_EDGES, "keys that differ in case only",
            () -> admission.create(withSpec(g, "edges: [" + edge("handoff") + ", " + edge("Handoff") + "]"))),
        refuses(AIAG, "spec.edges", "array", UNIQUE_EDGES, "one key twice, side by side",
            () -> admission.create(withSpec(g, "edges: [" + edge("a") + ", " + edge("a") + "]"))),
        refuses(AIAG, "spec.edges", "array", UNIQUE_EDGES, "the first key again last",
            () -> admission.create(withSpec(g, "edges: [" + edge("a") + ", " + edge("b") + ", " + edge("a") + "]"))),
        passes(AIAG, "spec.root", NODE, "configRef only", () -> admission.create(g)),
        passes(AIAG, "spec.root", NODE, "configKey only",
            () -> admission.create(withSpec(g, "root: {configRef: null, configKey: triage-agent}"))),
        refuses(AIAG, "spec.root", "object", NODE, "configRef and configKey",
            () -> admission.create(withSpec(g, "root: {configKey: triage-agent}"))),
        refuses(AIAG, "spec.root", "object", NODE, "neither", () -> admission.create(withSpec(g, "root: {configRef: null}"))),
        passes(AIAG, "spec.edges[0].source", NODE, "configRef only", () -> admission.create(g)),
        refuses(AIAG, "spec.edges[0].source", "object", NODE, "configRef and configKey",
            () -> admission.create(withSpec(g,
                "edges: [{key: a, source: {configRef: {name: triage-agent}, configKey: triage-agent}, target: {configKey: support-agent}}]"))),
        passes(AIAG, "spec.edges[0].target", NODE, "configKey only", () -> admission.create(g)),
        refuses(AIAG, "spec.edges[1].target", "object", NODE, "neither",
            () -> admission.create(withSpec(g, "edges: [" + edge("a") + ", {key: b, source: {configKey: support-agent}, target: {}}]"))));
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
    for (Rule rule : rules()) {
      assertThat(cases.stream().filter(c -> c.covers(rule)).map(RuleCase::violates).collect(Collectors.toSet()))
          .as("cases of %s", rule)
          .containsExactlyInAnyOrder(true, false);
    }
    for (RuleCase c : cases) {
      assertThat(rules()).as("the rule of case %s", c).anyMatch(c::covers);
    }
  }

  @Test
  void transitionRulesAreNotEvaluatedOnCreate() {
    // every field with an immutability rule set at once: nothing to compare with on create
    assertThat(admission.create(withSpec(aiConfig(), "{key: a, mode: judge}")).violations()).isEmpty();
    assertThat(admission.create(withSpec(externalVariation(), "key: a")).violations()).isEmpty();
    assertThat(admission.create(withSpec(modelConfig(), "key: a")).violations()).isEmpty();
    assertThat(admission.create(withSpec(tool(), "key: a")).violations()).isEmpty();
    assertThat(admission.create(withSpec(snippet(), "key: a")).violations()).isEmpty();
    assertThat(admission.create(withSpec(agentGraph(), "key: a")).violations()).isEmpty();
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
    void toolWithoutProjectAndSchema() {
      assertThat(admission.create(withSpec(tool(), "{projectKey: null, schema: null}")).violations())
          .containsExactly("spec.projectKey: Required value", "spec.schema: Required value", NOT_CHECKED);
    }

    @Test
    void snippetWithoutProjectNameAndText() {
      assertThat(admission.create(withSpec(snippet(), "{projectKey: null, name: null, text: null}")).violations())
          .containsExactly("spec.name: Required value", "spec.projectKey: Required value", "spec.text: Required value",
              NOT_CHECKED);
    }

    @Test
    void agentGraphWithoutProjectAndName() {
      assertThat(admission.create(withSpec(agentGraph(), "{projectKey: null, name: null}")).violations())
          .containsExactly("spec.name: Required value", "spec.projectKey: Required value", NOT_CHECKED);
    }

    @Test
    void anEdgeNeedsItsKeyBothEndsAndAReferenceName() {
      Result result = admission.create(withSpec(agentGraph(),
          "edges: [{source: {configRef: {name: triage-agent}}, target: {configRef: {}}}, {key: b, handoff: {}}]"));
      assertThat(result.violations())
          .containsExactlyInAnyOrder(
              "spec.edges[0].key: Required value",
              "spec.edges[0].target.configRef.name: Required value",
              "spec.edges[1].source: Required value",
              "spec.edges[1].target: Required value",
              NOT_CHECKED);
    }

    @Test
    void anEmptySnippetTextIsRefused() {
      assertThat(admission.create(withSpec(snippet(), "text: ''")).violations())
          .containsExactly("spec.text: Invalid value: \"\": spec.text in body should be at least 1 chars long");
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
                  tools: [{toolRef: {}}]
                  credentialsSecretRef: {key: apiToken}
                  modelConfigRef: {}
                  """));
      assertThat(result.violations())
          .containsExactlyInAnyOrder(
              "spec.messages[0].role: Required value",
              "spec.messages[1].content: Required value",
              "spec.judgeConfiguration.judges[0].samplingRate: Required value",
              "spec.judgeConfiguration.judges[1].judgeConfigKey: Required value",
              "spec.tools[0].toolRef.name: Required value",
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
      for (ObjectNode base : List.of(aiConfig(), variation(), modelConfig(), tool(), snippet(), agentGraph())) {
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
    void anEmptyKeyFailsTheLengthOnly() {
      // the server checks a string's pattern only when its length is right
      assertThat(admission.create(withSpec(aiConfig(), "key: ''")).violations())
          .containsExactly("spec.key: Invalid value: \"\": spec.key in body should be at least 1 chars long");
    }

    @Test
    void aKeyOf257CharactersIsTooLong() {
      assertThat(admission.create(withSpec(aiConfig(), "key: " + repeat('k', 257))).violations())
          .containsExactly("spec.key: Too long: may not be longer than 256", NOT_CHECKED);
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
    void edgeKeysHaveAPatternAndALengthOfTheirOwn() {
      String pattern = "^[A-Za-z0-9._-]+$";
      assertThat(admission.create(withSpec(agentGraph(), "edges: [" + edge("'to support'") + "]")).violations())
          .containsExactly("spec.edges[0].key: Invalid value: \"to support\": spec.edges[0].key in body should match '" + pattern + "'");
      assertThat(admission.create(withSpec(agentGraph(), "edges: [" + edge("''") + "]")).violations())
          .containsExactly("spec.edges[0].key: Invalid value: \"\": spec.edges[0].key in body should be at least 1 chars long");
      // unlike an object key, an edge key may begin with a dot, a dash or an underscore
      assertThat(admission.create(withSpec(agentGraph(), "edges: [" + edge("-a") + ", " + edge("_b") + ", " + edge(".c") + "]"))
          .violations()).isEmpty();
      assertThat(admission.create(withSpec(agentGraph(), "edges: [" + edge(repeat('e', 129)) + "]")).violations())
          .containsExactly("spec.edges[0].key: Too long: may not be longer than 128", NOT_CHECKED);
      assertThat(admission.create(withSpec(agentGraph(), "edges: [" + edge(repeat('e', 128)) + "]")).violations()).isEmpty();
    }

    @Test
    void nodeKeysFollowTheObjectKeyPattern() {
      assertThat(admission.create(withSpec(agentGraph(), "root: {configRef: null, configKey: _triage}")).violations())
          .containsExactly("spec.root.configKey: Invalid value: \"_triage\": spec.root.configKey in body should match '" + KEY_PATTERN + "'");
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
          .containsExactly("spec.mode: Unsupported value: \"chat\": supported values: \"agent\", \"completion\", \"judge\"");
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
          .containsExactly("spec.state: Unsupported value: \"draft\": supported values: \"archived\", \"published\"");
      assertThat(admission.create(withSpec(variation(), "state: archived")).violations()).isEmpty();
    }

    @Test
    void unknownDeletionAndAdoptionPoliciesOnEveryKind() {
      for (ObjectNode base : List.of(aiConfig(), variation(), modelConfig(), tool(), snippet(), agentGraph())) {
        assertThat(admission.create(withSpec(base, "{deletionPolicy: Orphan, adoptionPolicy: Always}")).violations())
            .as(base.get("kind").asText())
            .containsExactlyInAnyOrder(
                "spec.adoptionPolicy: Unsupported value: \"Always\": supported values: \"Adopt\", \"Never\"",
                "spec.deletionPolicy: Unsupported value: \"Orphan\": supported values: \"Delete\", \"Retain\"");
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
          .containsExactly("spec.name: Too long: may not be longer than 1024", NOT_CHECKED);
    }

    @Test
    void lengthsCountCharactersNotBytes() {
      // kube-openapi counts runes; 1024 two-byte characters fit
      assertThat(admission.create(withSpec(aiConfig(), "name: " + repeat('é', 1024))).violations()).isEmpty();
    }

    @Test
    void aPromptOverTheContentLimitIsRefused() {
      ObjectNode manifest = variation();
      ((ObjectNode) manifest.at("/spec/messages/0")).put("content", repeat('x', 100_001));
      assertThat(admission.create(manifest).violations())
          .containsExactly("spec.messages[0].content: Too long: may not be longer than 100000", NOT_CHECKED);
    }

    @Test
    void aTenMegabytePromptIsRefusedByTheRequestSizeLimitBeforeTheSchema() {
      ObjectNode manifest = variation();
      ((ObjectNode) manifest.at("/spec/messages/0")).put("content", repeat('x', 10 * 1024 * 1024));
      Result result = admission.create(manifest);
      assertThat(result.code()).isEqualTo(413);
      assertThat(result.violations()).containsExactly(REQUEST_TOO_LARGE);
    }

    @Test
    void tenMillionCharactersOfPromptFitTheSchemaIn100MessagesButNotTheRequestSizeLimit() {
      ObjectNode manifest = variation();
      ArrayNode messages = ((ObjectNode) manifest.get("spec")).putArray("messages");
      String content = repeat('x', 100_000);
      for (int i = 0; i < 100; i++) {
        messages.addObject().put("role", "user").put("content", content);
      }
      assertThat(admission.create(manifest).violations()).containsExactly(REQUEST_TOO_LARGE);
    }

    @Test
    void atMost100Messages() {
      ObjectNode manifest = variation();
      ArrayNode messages = ((ObjectNode) manifest.get("spec")).putArray("messages");
      for (int i = 0; i < 100; i++) {
        messages.addObject().put("role", "user").put("content", "message " + i);
      }
      assertThat(admission.create(manifest).violations()).isEmpty();
      messages.addObject().put("role", "user").put("content", "one too many");
      assertThat(admission.create(manifest).violations())
          .containsExactly("spec.messages: Too many: 101: must have at most 100 items", NOT_CHECKED);
    }

    /**
     * The unique-keys rule compares every edge key with every other: at the most the schema allows (100 edges,
     * keys of 128 characters alike up to their end) it still runs within the API server's CEL cost budget, and
     * still refuses a repeated key.
     */
    @Test
    void atMost100EdgesAndTheUniqueKeysRuleRunsAtTheMost() {
      ObjectNode manifest = agentGraph();
      ArrayNode edges = edges(100, 128);
      ((ObjectNode) manifest.get("spec")).set("edges", edges);
      assertThat(admission.create(manifest).violations()).isEmpty();

      edges.set(99, edges.get(0).deepCopy());
      assertThat(admission.create(manifest).violations())
          .containsExactly("spec.edges: Invalid value: \"array\": " + UNIQUE_EDGES);

      ((ObjectNode) manifest.get("spec")).set("edges", edges(101, 128));
      assertThat(admission.create(manifest).violations())
          .containsExactly("spec.edges: Too many: 101: must have at most 100 items", NOT_CHECKED);
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
          .containsExactly("spec.description: Too long: may not be longer than 10000", NOT_CHECKED);
      assertThat(admission.create(withSpec(variation(), "instructions: " + repeat('i', 100_001))).violations())
          .containsExactly("spec.instructions: Too long: may not be longer than 100000", NOT_CHECKED);
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
    void aToolSchemaAndItsCustomParametersAreKeptExactly() {
      ObjectNode manifest = withSpec(tool(), "customParameters: {endpoint: {url: 'https://search.example', retries: 2}}");
      Result result = admission.create(manifest);
      assertThat(result.violations()).isEmpty();
      assertThat(result.prunedFields()).isEmpty();
      assertThat(result.warnings()).isEmpty();
      assertThat(result.object().at("/spec/schema")).isEqualTo(manifest.at("/spec/schema"));
      assertThat(result.object().at("/spec/schema/properties/filters/properties/freshness/enum/2").isNull()).isTrue();
      assertThat(result.object().at("/spec/customParameters")).isEqualTo(manifest.at("/spec/customParameters"));
    }

    @Test
    void aSnippetTextIsKeptExactly() {
      String text = "  Write plainly.\n\n\tNever promise dates; {{ customer }} and {{snippet.legal#2}} stay as written. \u00e9\n";
      ObjectNode manifest = snippet();
      ((ObjectNode) manifest.get("spec")).put("text", text);
      Result result = admission.create(manifest);
      assertThat(result.violations()).isEmpty();
      assertThat(result.object().at("/spec/text").asText()).isEqualTo(text);
    }

    @Test
    void aHandoffIsKeptExactly() {
      ObjectNode manifest = withSpec(agentGraph(),
          "edges: [{key: a, source: {configKey: triage-agent}, target: {configKey: support-agent},"
              + " handoff: {reason: needs-an-answer, history: {turns: 5, roles: [user, null]}, urgent: true}}]");
      Result result = admission.create(manifest);
      assertThat(result.violations()).isEmpty();
      assertThat(result.prunedFields()).isEmpty();
      assertThat(result.object().at("/spec/edges/0/handoff")).isEqualTo(manifest.at("/spec/edges/0/handoff"));
      assertThat(result.object().at("/spec/edges/0/handoff/history/roles/1").isNull()).isTrue();
    }

    @Test
    void aHandoffMustBeAnObject() {
      // unlike a tool's schema or a model's parameters, the handoff's schema says type: object
      assertThat(admission.create(withSpec(agentGraph(), "edges: [{key: a, source: {configKey: triage-agent},"
          + " target: {configKey: support-agent}, handoff: immediately}]")).violations())
          .containsExactly(
              "spec.edges[0].handoff: Invalid value: \"string\": spec.edges[0].handoff in body must be of type object: \"string\"",
              NOT_CHECKED);
      assertThat(admission.create(withSpec(agentGraph(), "edges: [{key: a, source: {configKey: triage-agent},"
          + " target: {configKey: support-agent}, handoff: [1, 2]}]")).violations())
          .containsExactly(
              "spec.edges[0].handoff: Invalid value: \"array\": spec.edges[0].handoff in body must be of type object: \"array\"",
              NOT_CHECKED);
    }

    @Test
    void gapAToolSchemaNeedNotBeAnObject() {
      // "any JSON object", but x-kubernetes-preserve-unknown-fields without type: object takes any value
      assertThat(admission.create(withSpec(tool(), "schema: search")).violations()).isEmpty();
      assertThat(admission.create(withSpec(tool(), "customParameters: [1, 2]")).violations()).isEmpty();
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
  // Updates

  @Test
  void schemaAndTransitionErrorsAddUp() {
    assertThat(admission.update(modelConfig(), withSpec(modelConfig(), "{key: home, costPerOutputToken: -1}")).violations())
        .containsExactly(
            "spec.costPerOutputToken: Invalid value: -1: spec.costPerOutputToken in body should be greater than or equal to 0",
            "spec: Invalid value: \"object\": key is immutable");
  }

  /**
   * Updates of objects stored before their CRD tightened: stored under a copy of a committed CRD that lacks
   * one check, then updated under the committed one. The copies live in a group of their own, so that the
   * shared ldai.dev CRDs stay as committed. Kubernetes 1.28 validates an update whole (ratcheting, which lets
   * unchanged invalid values stay, is an alpha feature there, off), so even a label change is refused.
   */
  @Nested
  class StoredBeforeTheCrdTightened {

    static final String GROUP = "tightened.ldai.dev";

    final List<String> installed = new ArrayList<>();

    @AfterEach
    void deleteTheCopies() {
      installed.forEach(name -> crds().withName(name).delete());
    }

    @Test
    void anInvalidValueStoredEarlierBlocksEveryUpdateUntilItIsFixed() {
      ObjectNode invalid = withSpec(modelConfig(), "costPerInputToken: -1");
      JsonNode stored = storedBeforeTightening("aimodelconfigs.ldai.dev-v1.yml",
          schema -> spec(schema).getProperties().get("costPerInputToken").setMinimum(null), invalid);
      String refused = "spec.costPerInputToken: Invalid value: -1: spec.costPerInputToken in body should be greater than or equal to 0";

      assertThat(admission.replace(stored, with(invalid, "metadata: {labels: {team: ai}}")).violations()).containsExactly(refused);
      assertThat(admission.replace(stored, withSpec(invalid, "name: Renamed")).violations()).containsExactly(refused);
      assertThat(admission.replace(stored, withSpec(invalid, "costPerInputToken: 0")).violations()).isEmpty();
      admission.delete(stored);
    }

    @Test
    void aRuleBrokenByAnUnchangedSpecBlocksEveryUpdateUntilItIsFixed() {
      ObjectNode invalid = withSpec(aiConfig(), "{maintainerId: a, maintainerTeamKey: b}");
      JsonNode stored = storedBeforeTightening("aiconfigs.ldai.dev-v1.yml",
          schema -> spec(schema).getXKubernetesValidations().removeIf(rule -> MAINTAINER.equals(rule.getMessage())), invalid);
      String refused = "spec: Invalid value: \"object\": " + MAINTAINER;

      Result labelled = admission.replace(stored, with(invalid, "metadata: {labels: {team: ai}}"));
      assertThat(labelled.violations()).containsExactly(refused);
      assertThat(labelled.warnings()).isEmpty();
      assertThat(admission.replace(stored, withSpec(invalid, "name: Renamed")).violations()).containsExactly(refused);
      assertThat(admission.replace(stored, withSpec(invalid, "maintainerTeamKey: null")).violations()).isEmpty();
      admission.delete(stored);
    }

    /**
     * Stores {@code invalid} (moved to the copies' group) under a copy of the committed CRD of {@code file}
     * loosened by {@code loosen}, then puts the committed schema in place and waits until the server refuses
     * {@code invalid} on create.
     */
    JsonNode storedBeforeTightening(String file, Consumer<JSONSchemaProps> loosen, ObjectNode invalid) {
      invalid.put("apiVersion", GROUP + "/v1alpha1");
      install(copy(file, loosen));
      JsonNode stored = admission.store(invalid);
      install(copy(file, schema -> {}));
      await().atMost(Duration.ofSeconds(30)).until(() -> !admission.create(invalid).allowed());
      return stored;
    }

    CustomResourceDefinition copy(String file, Consumer<JSONSchemaProps> loosen) {
      CustomResourceDefinition crd = Crds.read(Crds.COMMITTED.resolve(file));
      crd.getSpec().setGroup(GROUP);
      crd.getMetadata().setName(crd.getSpec().getNames().getPlural() + "." + GROUP);
      crd.getSpec().getVersions().forEach(version -> loosen.accept(version.getSchema().getOpenAPIV3Schema()));
      return crd;
    }

    void install(CustomResourceDefinition crd) {
      String name = crd.getMetadata().getName();
      if (!installed.contains(name)) {
        installed.add(name);
      }
      crds().resource(crd).createOr(NonDeletingOperation::update);
      crds().withName(name).waitUntilCondition(Crds::established, 30, TimeUnit.SECONDS);
    }

    JSONSchemaProps spec(JSONSchemaProps schema) {
      return schema.getProperties().get("spec");
    }

    NonNamespaceOperation<CustomResourceDefinition, CustomResourceDefinitionList, Resource<CustomResourceDefinition>> crds() {
      return RealApiServer.orSkip().client().apiextensions().v1().customResourceDefinitions();
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Valid manifests

  @Test
  void theExamplesAreAdmittedAsTheyAre() throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        documents.addAll(Yaml.documents(file));
      }
    }
    assertThat(documents).extracting(d -> d.get("kind").asText()).contains(AIC, VAR, AIMC, AICT, AIT, SNIP, "AIAgentGraph")
        .hasSizeGreaterThanOrEqualTo(13);
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
    assertThat(admission.create(with(tool(), "spec: null")).violations()).contains("spec: Required value");
    assertThat(admission.create(with(snippet(), "spec: null")).violations()).contains("spec: Required value");
    assertThat(admission.create(with(agentGraph(), "spec: null")).violations()).contains("spec: Required value");
  }

  @Test
  void referenceNamesMustNotBeEmpty() {
    assertThat(admission.create(withSpec(variation(), "configRef: {name: ''}")).violations())
        .contains("spec.configRef.name: Invalid value: \"\": spec.configRef.name in body should be at least 1 chars long");
    assertThat(admission.create(withSpec(aiConfig(), "credentialsSecretRef: {name: ''}")).violations())
        .contains("spec.credentialsSecretRef.name: Invalid value: \"\": spec.credentialsSecretRef.name in body should be at least 1 chars long");
  }
}
