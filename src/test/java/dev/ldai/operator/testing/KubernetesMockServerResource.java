package dev.ldai.operator.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a Fabric8 Kubernetes mock server in CRUD mode for the whole test run and points the Quarkus
 * Kubernetes client (and so the operator) at it.
 */
public class KubernetesMockServerResource implements QuarkusTestResourceLifecycleManager {

  public static final String NAMESPACE = "test";

  private KubernetesMockServer server;

  @Override
  public Map<String, String> start() {
    server =
        new KubernetesMockServer(
            new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(), new ApiServerCrudDispatcher(), false);
    server.init();
    Map<String, String> config = new HashMap<>();
    config.put("quarkus.kubernetes-client.api-server-url", server.url("/"));
    config.put("quarkus.kubernetes-client.trust-certs", "true");
    config.put("quarkus.kubernetes-client.namespace", NAMESPACE);
    config.put("quarkus.kubernetes-client.devservices.enabled", "false");
    return config;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.destroy();
    }
  }
}
