package dev.ldai.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test harness's real API server: the version the tests are written for, and its audit log. */
@OnRealApiServer
class RealApiServerTest {

  static final String NAMESPACE = "realapiservertest";

  @Test
  void isTheKubernetesVersionTheTestsAreWrittenFor() {
    assertThat(RealApiServer.orSkip().client().getKubernetesVersion().getGitVersion()).isEqualTo("v" + RealApiServer.VERSION);
  }

  @Test
  void theAuditLogShowsEachRequestWithItsVerbResourceAndUser() {
    RealApiServer server = RealApiServer.orSkip();
    server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    int mark = server.audit().size();

    server.client().configMaps().inNamespace(NAMESPACE)
        .resource(new ConfigMapBuilder().withNewMetadata().withName("audited").endMetadata().addToData("a", "b").build())
        .create();
    server.client().configMaps().inNamespace(NAMESPACE).withName("audited").delete();

    assertThat(server.audit().requestsSince(mark))
        .filteredOn(r -> "configmaps".equals(r.resource()) && "audited".equals(r.name()) || "create".equals(r.verb())
            && "configmaps".equals(r.resource()) && NAMESPACE.equals(r.namespace()))
        .extracting(AuditLog.Request::verb, AuditLog.Request::code, AuditLog.Request::user)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("create", 201, "kubeapitest"),
            org.assertj.core.groups.Tuple.tuple("delete", 200, "kubeapitest"));
  }

  @Test
  void aWatchIsOneRequestBegunThoughTheLogHasItAgainWhenItEnds() {
    RealApiServer server = RealApiServer.orSkip();
    int mark = server.audit().size();

    server.client().configMaps().inNamespace(NAMESPACE).watch(new Watcher<ConfigMap>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        // only the request matters here
      }

      @Override
      public void onClose(WatcherException cause) {
        // closed by the test
      }
    }).close();

    await().atMost(Duration.ofSeconds(30)).until(() -> configMapWatches(server.audit().requestsSince(mark)) == 2);
    assertThat(configMapWatches(server.audit().requestsBegun(mark, server.audit().size()))).isEqualTo(1);
  }

  private static long configMapWatches(List<AuditLog.Request> requests) {
    return requests.stream()
        .filter(r -> "watch".equals(r.verb()) && "configmaps".equals(r.resource()) && NAMESPACE.equals(r.namespace()))
        .count();
  }
}
