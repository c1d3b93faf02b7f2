package dev.ldai.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Lints the chart and renders it with the values users set, asserting the objects it produces. */
class HelmChartTest {

  static final Path CHART = Path.of("helm", "ldai-operator");
  static final String NAMESPACE = "ldai-system";
  static final String TOKEN = "api-0f0e0d0c-0b0a-0908-0706-050403020100";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What the operator needs where it watches resources: nothing more, nothing less. */
  static final Set<String> WATCH_RULES = Set.of(
      "ldai.dev aiconfigs,aiconfigvariations,aimodelconfigs [] get,list,patch,update,watch",
      "ldai.dev aiconfigs/status,aiconfigvariations/status,aimodelconfigs/status [] get,patch,update",
      "ldai.dev aiconfigs/finalizers,aiconfigvariations/finalizers,aimodelconfigs/finalizers [] update",
      " secrets [] get,list,watch",
      "events.k8s.io events [] create");
  static final Set<String> LEASE_RULES = Set.of(
      "coordination.k8s.io leases [] create",
      "coordination.k8s.io leases [ldai-ldai-operator] get,update");

  @Test
  void theChartLintsCleanly() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void clusterScopeRendersOneClusterRoleWithExactlyTheNeededRules() throws IOException {
    List<JsonNode> objects = render(t -> t);

    assertThat(kinds(objects)).containsExactlyInAnyOrder(
        "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "Deployment");
    assertThat(rules(only(objects, "ClusterRole"))).isEqualTo(WATCH_RULES);
    assertThat(rules(only(objects, "Role"))).isEqualTo(LEASE_RULES);
    assertThat(only(objects, "Role").path("metadata").path("namespace").asText()).isEqualTo(NAMESPACE);
    JsonNode binding = only(objects, "ClusterRoleBinding");
    assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("ldai-ldai-operator");
    assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo(NAMESPACE);
    assertThat(env(only(objects, "Deployment"))).doesNotContainKey("QUARKUS_OPERATOR_SDK_NAMESPACES");
  }

  @Test
  void namespacesScopeRendersARolePerNamespaceAndNoClusterWideRights() throws IOException {
    List<JsonNode> objects = render(t -> t.set("watch.scope", "namespaces")
        .set("watch.namespaces[0]", "team-a").set("watch.namespaces[1]", "team-b"));

    assertThat(kinds(objects)).doesNotContain("ClusterRole", "ClusterRoleBinding");
    List<JsonNode> watchRoles = objects.stream()
        .filter(o -> o.path("kind").asText().equals("Role") && !o.path("metadata").path("name").asText().endsWith("-leader-election"))
        .toList();
    assertThat(watchRoles).extracting(r -> r.path("metadata").path("namespace").asText())
        .containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(watchRoles).allSatisfy(role -> assertThat(rules(role)).isEqualTo(WATCH_RULES));
    assertThat(objects.stream().filter(o -> o.path("kind").asText().equals("RoleBinding"))
        .map(o -> o.path("metadata").path("namespace").asText()).toList())
        .containsExactlyInAnyOrder("team-a", "team-b", NAMESPACE);
    assertThat(env(only(objects, "Deployment"))).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b");
  }

  @Test
  void namespacesScopeWithoutNamespacesIsRefused() {
    assertThatThrownBy(() -> render(t -> t.set("watch.scope", "namespaces")))
        .hasMessageContaining("watch.namespaces");
  }

  @Test
  void theDeploymentRunsHardenedWithProbesOnTheHealthEndpoints() throws IOException {
    JsonNode pod = only(render(t -> t), "Deployment").path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);

    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
    assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    JsonNode security = container.path("securityContext");
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
    assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
    assertThat(container.path("volumeMounts").get(0).path("mountPath").asText()).isEqualTo("/tmp");
    assertThat(pod.path("volumes").get(0).has("emptyDir")).isTrue();
    assertThat(container.path("image").asText()).isEqualTo("ghcr.io/ldai-dev/ldai-operator:0.1.0");
    assertThat(env(only(render(t -> t), "Deployment")))
        .containsEntry("LDAI_RESYNC_INTERVAL", "10m")
        .containsEntry("LDAI_DEFAULT_DELETION_POLICY", "Delete")
        .containsEntry("LDAI_LEADER_ELECTION_LEASE_NAME", "ldai-ldai-operator")
        .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")
        .doesNotContainKey("LDAI_LAUNCHDARKLY_API_TOKEN");
  }

  @Test
  void aTokenValueIsRenderedIntoTheSecretOnlyAndReachesThePodByReference() throws IOException {
    List<JsonNode> objects = render(t -> t.set("launchdarkly.token.value", TOKEN));

    JsonNode secret = only(objects, "Secret");
    assertThat(new String(java.util.Base64.getDecoder().decode(secret.path("data").path("apiToken").asText())))
        .isEqualTo(TOKEN);
    assertThat(objects.stream().filter(o -> !o.path("kind").asText().equals("Secret")).map(JsonNode::toString))
        .noneMatch(text -> text.contains(TOKEN))
        .noneMatch(text -> text.contains(java.util.Base64.getEncoder().encodeToString(TOKEN.getBytes())));
    JsonNode tokenEnv = envVar(only(objects, "Deployment"), "LDAI_LAUNCHDARKLY_API_TOKEN");
    assertThat(tokenEnv.path("valueFrom").path("secretKeyRef").path("name").asText())
        .isEqualTo(secret.path("metadata").path("name").asText());
    assertThat(only(objects, "Deployment").path("spec").path("template").path("metadata").path("annotations")
        .has("checksum/token")).isTrue();
  }

  @Test
  void anExistingSecretIsReferencedAndNoSecretIsCreated() throws IOException {
    List<JsonNode> objects = render(t -> t.set("launchdarkly.token.existingSecret", "launchdarkly")
        .set("launchdarkly.token.secretKey", "token"));

    assertThat(kinds(objects)).doesNotContain("Secret");
    JsonNode tokenEnv = envVar(only(objects, "Deployment"), "LDAI_LAUNCHDARKLY_API_TOKEN");
    assertThat(tokenEnv.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("launchdarkly");
    assertThat(tokenEnv.path("valueFrom").path("secretKeyRef").path("key").asText()).isEqualTo("token");
  }

  @Test
  void theServiceMonitorIsOptIn() throws IOException {
    assertThat(kinds(render(t -> t))).doesNotContain("ServiceMonitor");

    JsonNode monitor = only(render(t -> t.set("metrics.serviceMonitor.enabled", true)), "ServiceMonitor");
    assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
  }

  @Test
  void jsonLogsAreOneValueAway() throws IOException {
    assertThat(env(only(render(t -> t.set("operator.logFormat", "json")), "Deployment")))
        .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
  }

  @Test
  void theSchemaRejectsMisspelledKeysAndWrongTypes() {
    assertThatThrownBy(() -> render(t -> t.set("replicas", 2))).hasMessageContaining("replicas");
    assertThatThrownBy(() -> render(t -> t.set("operator.resyncIntervall", "5m"))).hasMessageContaining("resyncIntervall");
    assertThatThrownBy(() -> render(t -> t.set("replicaCount", "two"))).hasMessageContaining("replicaCount");
    assertThatThrownBy(() -> render(t -> t.set("operator.defaultDeletionPolicy", "Orphan")))
        .hasMessageContaining("defaultDeletionPolicy");
  }

  @Test
  void theCrdsAreInstalledFromCrdsNotRenderedAsTemplates() throws IOException {
    assertThat(kinds(render(TemplateCommand::skipCrds))).doesNotContain("CustomResourceDefinition");
  }

  private static List<JsonNode> render(UnaryOperator<TemplateCommand> values) throws IOException {
    String rendered = values.apply(new Helm(CHART).template().withName("ldai").withNamespace(NAMESPACE).withKubeVersion("1.30.0")).call();
    List<JsonNode> objects = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(rendered)) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
        if (node != null && !node.isNull() && !node.isMissingNode() && node.has("kind")) {
          objects.add(node);
        }
      });
    }
    return objects.stream().filter(o -> !o.path("kind").asText().equals("CustomResourceDefinition")).toList();
  }

  private static List<String> kinds(List<JsonNode> objects) {
    return objects.stream().map(o -> o.path("kind").asText()).toList();
  }

  private static JsonNode only(List<JsonNode> objects, String kind) {
    List<JsonNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    assertThat(found).as("objects of kind %s", kind).hasSize(1);
    return found.get(0);
  }

  /** Each rule as "group resources [names] verbs", lists sorted, so two rule sets compare exactly. */
  private static Set<String> rules(JsonNode role) {
    Set<String> rules = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      rules.add(sorted(rule.path("apiGroups")) + " " + sorted(rule.path("resources")) + " ["
          + sorted(rule.path("resourceNames")) + "] " + sorted(rule.path("verbs")));
    }
    return rules;
  }

  private static String sorted(JsonNode list) {
    List<String> values = new ArrayList<>();
    list.forEach(v -> values.add(v.asText()));
    return values.stream().sorted().collect(Collectors.joining(","));
  }

  private static Map<String, String> env(JsonNode deployment) {
    Map<String, String> env = new java.util.HashMap<>();
    deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env")
        .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    return env;
  }

  private static JsonNode envVar(JsonNode deployment, String name) {
    for (JsonNode e : deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
      if (e.path("name").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no env var " + name);
  }
}
