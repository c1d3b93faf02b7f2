package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.cli.ValidatorCases.Case;
import dev.ldai.operator.testing.Crds;
import dev.ldai.operator.testing.Examples;
import dev.ldai.operator.testing.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ManifestValidator}: the checks kube-apiserver makes on create, offline, on the CRDs of {@code crds/}. */
class ManifestValidatorTest {

  static final ManifestValidator VALIDATOR = withProbe();

  /** The bundled CRDs and the test's own {@link ValidatorCases#PROBE_CRD}. */
  static ManifestValidator withProbe() {
    List<JsonNode> crds = new ArrayList<>();
    Crds.files(Crds.COMMITTED).forEach(file -> crds.addAll(Yaml.documents(file)));
    crds.addAll(Yaml.documents(ValidatorCases.PROBE_CRD));
    return ManifestValidator.of(crds);
  }

  static List<String> violations(ManifestValidator validator, String manifest) {
    return validator.validate(single(manifest)).stream().map(Violation::toString).toList();
  }

  static List<String> violations(String manifest) {
    return violations(VALIDATOR, manifest);
  }

  static JsonNode single(String yaml) {
    List<JsonNode> documents = Yaml.documents(yaml);
    assertThat(documents).hasSize(1);
    return documents.get(0);
  }

  static Stream<Case> cases() {
    return Stream.of(ValidatorCases.valid(), ValidatorCases.refusedBySchema(), ValidatorCases.refusedByRules()).flatMap(List::stream);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachCaseHasItsViolationsInDocumentOrder(Case c) {
    assertThat(violations(c.manifest())).containsExactlyElementsOf(c.violations());
  }

  @Test
  void theExamplesAreValid() throws IOException {
    ManifestValidator bundled = ManifestValidator.bundled();
    List<Path> files;
    try (Stream<Path> listed = Files.list(Examples.DIRECTORY)) {
      files = listed.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      for (JsonNode manifest : Yaml.documents(file)) {
        assertThat(bundled.validate(manifest)).as("%s %s", file, manifest.at("/metadata/name").asText()).isEmpty();
      }
    }
  }

  @Test
  void theBundledValidatorKnowsEveryKindOfTheCommittedCrds() {
    ManifestValidator bundled = ManifestValidator.bundled();
    List<String> kinds = new ArrayList<>();
    for (Path file : Crds.files(Crds.COMMITTED)) {
      JsonNode crd = Yaml.documents(file).get(0);
      String apiVersion = crd.at("/spec/group").asText() + "/" + crd.at("/spec/versions/0/name").asText();
      String kind = crd.at("/spec/names/kind").asText();
      assertThat(bundled.knows(apiVersion, kind)).as("%s %s", apiVersion, kind).isTrue();
      kinds.add(kind);
    }
    assertThat(kinds).hasSize(7);
    assertThat(bundled.knows("ldai.dev/v1", "AIConfig")).isFalse();
    assertThat(bundled.knows("ldai.dev/v1alpha1", "Secret")).isFalse();
    assertThat(bundled.knows("v1", "ConfigMap")).isFalse();
    assertThat(bundled.knows(ValidatorCases.PROBE_GROUP + "/v1", "ValidatorProbe")).isFalse();
  }

  @Test
  void aKindNoCrdServesIsOneViolation() {
    assertThat(violations("apiVersion: ldai.dev/v1\nkind: AIConfig\nmetadata: {name: a}\nspec: {}"))
        .containsExactly("apiVersion: AIConfig is served as ldai.dev/v1alpha1, not as ldai.dev/v1");
    assertThat(violations("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}"))
        .containsExactly("kind: no CRD of the operator defines ConfigMap in v1");
    assertThat(violations("metadata: {name: a}")).containsExactly("kind: no CRD of the operator defines this kind");
    assertThat(VALIDATOR.validate(Yaml.documents("[a]").get(0))).containsExactly(new Violation("", "a manifest must be an object"));
  }

  @Test
  void transitionRulesAreNotEvaluatedOnCreate() {
    // Every kind has "key is immutable" (has(self.key) == has(oldSelf.key) ...) and "projectKey is immutable" (self == oldSelf).
    assertThat(violations(ValidatorCases.manifest("AIModelConfig", "{projectKey: p, key: k, name: n, id: i}"))).isEmpty();
    assertThat(violations(ValidatorCases.manifest("AIConfigTargeting", "{projectKey: p, configKey: c, environmentKey: e}"))).isEmpty();
  }

  @Test
  void aBlockingViolationKeepsTheRulesFromBeingEvaluatedAsTheApiServerDoes() {
    String bothMaintainers = ", maintainerId: a, maintainerTeamKey: b}";
    assertThat(violations(ValidatorCases.manifest("AIConfig", "{projectKey: p, name: n, description: " + "x".repeat(10_001) + bothMaintainers)))
        .containsExactly("spec.description: must have at most 10000 characters");
    assertThat(violations(ValidatorCases.manifest("AIConfig", "{projectKey: p" + bothMaintainers)))
        .containsExactly("spec.name: Required value");
    assertThat(violations(ValidatorCases.manifest("AIConfig", "{projectKey: p, name: n, isInverted: 'no'" + bothMaintainers)))
        .containsExactly("spec.isInverted: must be of type boolean, got string");
    assertThat(violations(ValidatorCases.manifest("AIConfig", "{projectKey: p, name: n, tags: [" + "t,".repeat(100) + "t]" + bothMaintainers)))
        .containsExactly("spec.tags: must have at most 100 items");
    assertThat(violations("apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {}\nspec: {projectKey: p, name: n" + bothMaintainers))
        .containsExactly("metadata.name: Required value");
    // Not blocking: enum, pattern, bounds, unknown fields.
    assertThat(violations(ValidatorCases.manifest("AIConfig", "{projectKey: 'p p', name: n, deletionPolicy: X, foo: 1" + bothMaintainers)))
        .containsExactly("spec: set at most one of maintainerId and maintainerTeamKey", "spec.projectKey: must match ^[a-zA-Z0-9][a-zA-Z0-9._-]*$",
            "spec.deletionPolicy: must be one of: Delete, Retain", "spec.foo: unknown field \"spec.foo\"");
  }

  @Test
  void violationsComeInDocumentOrderAnObjectsBeforeThoseOfItsFields() {
    assertThat(violations(ValidatorCases.manifest("AIAgentGraph", """
        {key: 'q q', projectKey: 'p p', name: '', maintainerId: a, maintainerTeamKey: b, root: {configKey: a},
         edges: [{key: e, source: {configKey: a}, target: {configKey: b}}, {key: e, source: {configKey: a, configRef: {name: x}}, target: {configKey: b}}]}""")))
        .containsExactly("spec: set at most one of maintainerId and maintainerTeamKey", "spec.key: must match ^[a-zA-Z0-9][a-zA-Z0-9._-]*$",
            "spec.projectKey: must match ^[a-zA-Z0-9][a-zA-Z0-9._-]*$", "spec.name: must have at least 1 characters",
            "spec.edges: edge keys must be unique", "spec.edges[1].source: set either configRef or configKey");
  }

  @Test
  void aWholeNumberWrittenWithAFractionIsAnIntegerAsKubectlSendsIt() {
    // kubectl re-encodes what it reads: 50000.0 reaches the API server as 50000 (sent as 50000.0, the server's CEL
    // would fail on a double where the schema says integer).
    assertThat(violations(ValidatorCases.manifest("AIConfigTargeting",
        "{configRef: {name: c}, environmentKey: e, defaultRollout: {weights: [{variation: a, weight: 50000.0}, {variation: b, weight: 50000}]}}")))
        .isEmpty();
    assertThat(violations(ValidatorCases.manifest("AIConfigVariation", "{configRef: {name: c}, name: n, tools: [{key: k, version: 2.0}]}")))
        .isEmpty();
    assertThat(violations(ValidatorCases.manifest("AIConfigVariation", "{configRef: {name: c}, name: n, tools: [{key: k, version: 99999999999999999999}]}")))
        .containsExactly("spec.tools[0].version: must be of type integer, got number");
  }

  @Test
  void theNamespaceMustBeADnsLabel() {
    String manifest = "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: a, namespace: %s}\nspec: {projectKey: p, name: n}";
    assertThat(violations(manifest.formatted("team-a"))).isEmpty();
    assertThat(violations(manifest.formatted("team.a"))).containsExactly("metadata.namespace: must be a lowercase RFC 1123 label: "
        + "lower case alphanumeric characters or '-', starting and ending with an alphanumeric character");
    assertThat(violations(manifest.formatted("n".repeat(64)))).containsExactly("metadata.namespace: must be no more than 63 characters");
  }

  @Test
  void labelAndAnnotationKeysMayHaveAPrefix() {
    String manifest = "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: a, labels: {%s: x}}\nspec: {projectKey: p, name: n}";
    assertThat(violations(manifest.formatted("example.com/tier"))).isEmpty();
    assertThat(violations(manifest.formatted("Example.com/tier"))).containsExactly("metadata.labels: key \"Example.com/tier\": prefix part "
        + "must be a lowercase RFC 1123 subdomain: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character");
    assertThat(violations(manifest.formatted("/tier"))).containsExactly("metadata.labels: key \"/tier\": prefix part must be non-empty");
    assertThat(violations(manifest.formatted("a/b/c")))
        .containsExactly("metadata.labels: key \"a/b/c\" must be a name with an optional DNS subdomain prefix and '/'");
    assertThat(violations(manifest.formatted("t".repeat(64)))).containsExactly("metadata.labels: key \"" + "t".repeat(64)
        + "\": name part must be no more than 63 characters");
    assertThat(violations(manifest.replace("labels", "annotations").formatted("'a': 1, b"))).containsExactly(
        "metadata.annotations: value of \"a\" must be of type string");
  }

  @Test
  void anAnnotationOf256KiBFits() {
    assertThat(violations("apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: a, annotations: {a: '" + "x".repeat(262143)
        + "'}}\nspec: {projectKey: p, name: n}")).isEmpty();
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() {
    // 10000 emoji are 20000 UTF-16 units; the API server counts characters, as does maxLength.
    assertThat(violations(ValidatorCases.manifest("AIConfig", "{projectKey: p, name: n, description: '" + "\uD83D\uDE00".repeat(10_000) + "'}")))
        .isEmpty();
  }

  @Test
  void everyRuleOfTheCommittedCrdsThatACreateEvaluatesIsBrokenByACase() {
    Set<String> rules = new TreeSet<>();
    for (Path file : Crds.files(Crds.COMMITTED)) {
      JsonNode crd = Yaml.documents(file).get(0);
      collectRules(crd.at("/spec/names/kind").asText(), crd.at("/spec/versions/0/schema/openAPIV3Schema"), "", rules);
    }
    Set<String> broken = new TreeSet<>();
    for (Case c : ValidatorCases.refusedByRules()) {
      String kind = single(c.manifest()).path("kind").asText();
      c.violations().forEach(violation -> broken.add(kind + " " + violation.replaceAll("\\[\\d+]", "[]")));
    }
    assertThat(rules).hasSize(21);
    assertThat(broken).containsAll(rules);
  }

  /** Each rule that does not read oldSelf, as {@code Kind field: message}, the field with [] for any item. */
  private static void collectRules(String kind, JsonNode schema, String path, Set<String> rules) {
    for (JsonNode validation : schema.path("x-kubernetes-validations")) {
      if (!validation.path("rule").asText().contains("oldSelf")) {
        rules.add(kind + " " + path + ": " + validation.path("message").asText());
      }
    }
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      if (!property.getKey().equals("status")) {
        collectRules(kind, property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), rules);
      }
    }
    if (schema.has("items")) {
      collectRules(kind, schema.get("items"), path + "[]", rules);
    }
  }

  @Test
  void aCrdWithWhatTheValidationDoesNotCheckIsRefusedWhenLoaded() {
    String crd = ValidatorCases.PROBE_CRD;
    assertThatThrownBy(() -> ManifestValidator.of(Yaml.documents(crd.replace("note: {type: string,", "note: {type: string, format: date-time,"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("validatorprobes.manifestvalidator.test.ldai.dev v1.spec.note uses format, which the offline validation does not check");
    assertThatThrownBy(() -> ManifestValidator.of(Yaml.documents(crd.replace("rule: self.to - self.from <= 10", "rule: self.to - self.from <= 10)"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The CEL rule at validatorprobes.manifestvalidator.test.ldai.dev v1.spec.window does not compile");
    assertThatThrownBy(() -> ManifestValidator.of(Yaml.documents(crd.replace("""
              openAPIV3Schema:
                type: object
        """, """
              openAPIV3Schema:
                type: object
                x-kubernetes-validations: [{rule: self.metadata.name != 'x'}]
        """))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CEL rules on the whole object");
  }
}
