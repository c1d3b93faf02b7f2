package dev.ldai.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
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
}
