package dev.ldai.operator.helm;

import static dev.ldai.operator.helm.RenderedChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.testing.Crds;
import dev.ldai.operator.testing.OnRealApiServer;
import dev.ldai.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the chart renders is accepted by a real API server (a server-side dry run of every object, as {@code helm
 * install --dry-run=server} does): RBAC, Deployment, ServiceAccount, Secret, Service, PodDisruptionBudget, in both
 * install scopes. The ServiceMonitor is left out: its CRD belongs to the Prometheus operator, not to a bare cluster.
 * Applied, the chart's RBAC lets the operator's ServiceAccount work with every kind the committed CRDs define.
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

  /**
   * What the operator does to its resources, asked of the server's RBAC authorizer (SubjectAccessReview) for the
   * ServiceAccount of the chart's default install: for every kind of {@code crds/}, read, watch and patch the
   * resource, write its status and its finalizers; never create or delete one (those are the user's).
   */
  @Test
  void theServiceAccountMayManageEveryKindOfTheCrdsAndNeitherCreateNorDeleteThem() {
    ChartIdentity identity = ChartIdentity.render(NAMESPACE);
    identity.apply(client);
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> allowed(identity, "get", "aiconfigs", ""));
      List<String> plurals = Crds.committed().stream().map(crd -> crd.getSpec().getNames().getPlural()).toList();
      assertThat(plurals).contains("aitools", "promptsnippets", "aiagentgraphs");
      List<String> denied = new ArrayList<>();
      List<String> overGranted = new ArrayList<>();
      for (String plural : plurals) {
        for (String verb : List.of("get", "list", "watch", "patch", "update")) {
          check(identity, verb, plural, "", true, denied, overGranted);
        }
        for (String verb : List.of("get", "patch", "update")) {
          check(identity, verb, plural, "status", true, denied, overGranted);
        }
        check(identity, "update", plural, "finalizers", true, denied, overGranted);
        for (String verb : List.of("create", "delete", "deletecollection")) {
          check(identity, verb, plural, "", false, denied, overGranted);
        }
      }
      assertThat(denied).as("denied to the operator").isEmpty();
      assertThat(overGranted).as("allowed to the operator, never needed").isEmpty();
    } finally {
      identity.delete(client);
    }
  }

  private static void check(ChartIdentity identity, String verb, String plural, String subresource, boolean needed,
      List<String> denied, List<String> overGranted) {
    boolean allowed = allowed(identity, verb, plural, subresource);
    String request = verb + " " + plural + (subresource.isEmpty() ? "" : "/" + subresource);
    if (needed && !allowed) {
      denied.add(request);
    } else if (!needed && allowed) {
      overGranted.add(request);
    }
  }

  /** The authorizer's answer for the ServiceAccount in the watched namespace. */
  private static boolean allowed(ChartIdentity identity, String verb, String plural, String subresource) {
    SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
        .withUser(identity.user()).withGroups(identity.groups())
        .withNewResourceAttributes().withGroup("ldai.dev").withResource(plural).withSubresource(subresource)
        .withVerb(verb).withNamespace(WATCHED).endResourceAttributes()
        .endSpec().build();
    return client.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
  }
}
