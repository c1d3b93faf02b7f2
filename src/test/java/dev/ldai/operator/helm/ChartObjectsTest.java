package dev.ldai.operator.helm;

import static dev.ldai.operator.helm.RenderedChart.NAMESPACE;
import static dev.ldai.operator.helm.RenderedChart.render;
import static dev.ldai.operator.helm.RenderedChart.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which objects the chart renders for the values users set. */
class ChartObjectsTest {

  @Test
  void theChartPassesStrictLint() {
    LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  static Stream<Arguments> cases() {
    List<String> common = List.of("Deployment", "Service", "ServiceAccount");
    List<String> clusterRbac = List.of("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    return Stream.of(
        Arguments.of("defaults", values(), plus(common, clusterRbac)),
        Arguments.of("scope cluster", values("watch.scope", "cluster"), plus(common, clusterRbac)),
        Arguments.of("scope namespaces [a, b]",
            values("watch.scope", "namespaces", "watch.namespaces[0]", "a", "watch.namespaces[1]", "b"),
            plus(common, List.of("Role", "RoleBinding", "Role", "RoleBinding", "Role", "RoleBinding"))),
        Arguments.of("token value", values("launchdarkly.token.value", "api-123"),
            plus(common, clusterRbac, List.of("Secret"))),
        Arguments.of("existing token Secret", values("launchdarkly.token.existingSecret", "launchdarkly"),
            plus(common, clusterRbac)),
        Arguments.of("ServiceMonitor", values("metrics.serviceMonitor.enabled", true),
            plus(common, clusterRbac, List.of("ServiceMonitor"))),
        Arguments.of("two replicas", values("replicaCount", 2),
            plus(common, clusterRbac, List.of("PodDisruptionBudget"))),
        Arguments.of("no RBAC, existing ServiceAccount",
            values("rbac.create", false, "serviceAccount.create", false, "serviceAccount.name", "sa"),
            List.of("Deployment", "Service")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersExactlyTheExpectedKinds(String name, Map<String, Object> values, List<String> expectedKinds) {
    RenderedChart chart = render(values);

    assertThat(chart.kinds()).as(name).containsExactlyInAnyOrderElementsOf(expectedKinds);
  }

  @Test
  void everyObjectIsLabelledForTheReleaseAndNamespacedObjectsLiveInTheReleaseNamespace() {
    RenderedChart chart = render("launchdarkly.token.value", "api-123", "metrics.serviceMonitor.enabled", true,
        "replicaCount", 2);

    for (RenderedChart.Document document : chart.documents()) {
      assertThat(document.object().getMetadata().getLabels()).as(document.source())
          .containsEntry("app.kubernetes.io/name", "ldai-operator")
          .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE)
          .containsEntry("app.kubernetes.io/managed-by", "Helm");
      boolean clusterScoped = List.of("ClusterRole", "ClusterRoleBinding").contains(document.kind());
      assertThat(document.namespace()).as(document.source()).isEqualTo(clusterScoped ? null : NAMESPACE);
    }
  }

  @Test
  void fullnameOverrideNamesEveryObject() {
    RenderedChart chart = render("fullnameOverride", "launchdarkly-operator");

    assertThat(chart.documents()).allSatisfy(document -> assertThat(document.name()).as(document.source())
        .startsWith("launchdarkly-operator"));
  }

  @SafeVarargs
  private static List<String> plus(List<String>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }
}
