package dev.ldai.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mock API server for the packaged operator ({@link OperatorProcess}): {@link ApiServerCrudDispatcher}'s
 * CRUD for every resource, Leases included, with the CRDs installed. It does not implement server-side
 * apply, which the operator does not use.
 */
public final class OperatorApiServer implements AutoCloseable {


  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private OperatorApiServer(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  public static OperatorApiServer start() {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new ApiServerCrudDispatcher(), false);
    server.init();
    OperatorApiServer apiServer = new OperatorApiServer(server);
    for (CustomResourceDefinition crd : Crds.committed()) {
      apiServer.client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }
    return apiServer;
  }

  public KubernetesClient client() {
    return client;
  }

  /** The mock server itself, e.g. to read the requests it received. */
  public KubernetesMockServer server() {
    return server;
  }

  /**
   * The operator's connection to this server, as application properties; {@code namespace} is its own
   * namespace, where its Lease lives.
   */
  public Map<String, String> operatorProperties(String namespace) {
    Map<String, String> properties = new TreeMap<>();
    properties.put("kubernetes.master", server.url("/"));
    properties.put("kubernetes.trust.certificates", "true");
    properties.put("kubernetes.auth.tryKubeConfig", "false");
    properties.put("kubernetes.auth.tryServiceAccount", "false");
    properties.put("kubernetes.namespace", namespace);
    properties.put("quarkus.kubernetes-client.api-server-url", server.url("/"));
    properties.put("quarkus.kubernetes-client.trust-certs", "true");
    properties.put("quarkus.kubernetes-client.namespace", namespace);
    properties.put("ldai.leader-election.lease-namespace", namespace);
    return properties;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
