package dev.ldai.operator.helm;

import static dev.ldai.operator.helm.RenderedChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.testing.OnRealApiServer;
import dev.ldai.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the chart renders is accepted by a real API server (a server-side dry run of every object, as {@code helm
 * install --dry-run=server} does): RBAC, Deployment, ServiceAccount, Secret, Service, PodDisruptionBudget, in both
 * install scopes. The ServiceMonitor is left out: its CRD belongs to the Prometheus operator, not to a bare cluster.
 */
@OnRealApiServer
class ChartOnApiServerTest {

  static final String WATCHED = "chartonapiservertest-team-a";
  static KubernetesClient client;

  @BeforeAll
  static void createTheNamespaces() {
    client = RealApiServer.orSkip().client();
    for (String namespace : List.of(NAMESPACE, WATCHED)) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .serverSideApply();
    }
  }

  @AfterAll
  static void deleteTheWatchedNamespace() {
    client.namespaces().withName(WATCHED).delete();
  }

  static Stream<Arguments> installs() {
    return Stream.of(
        Arguments.of("defaults: cluster scope", RenderedChart.values()),
        Arguments.of("namespaces scope, token value, two replicas",
            RenderedChart.values("watch.scope", "namespaces", "watch.namespaces[0]", WATCHED,
                "launchdarkly.token.value", "api-123", "replicaCount", 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("installs")
  void everyRenderedObjectIsAcceptedByAServerSideDryRun(String name, Map<String, Object> values) {
    RenderedChart chart = RenderedChart.render(values);
    List<String> refusals = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    for (RenderedChart.Document document : chart.documents()) {
      if (document.kind().equals("ServiceMonitor")) {
        continue;
      }
      HasMetadata object = document.object();
      try {
        client.resource(object).inNamespace(document.namespace() == null ? NAMESPACE : document.namespace()).dryRun().create();
        accepted.add(document.kind());
      } catch (KubernetesClientException e) {
        refusals.add(document.source() + ": " + e.getMessage());
      }
    }

    assertThat(refusals).isEmpty();
    assertThat(accepted).contains("Deployment", "ServiceAccount").containsAnyOf("ClusterRole", "Role");
  }
}
