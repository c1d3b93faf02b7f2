package dev.ldai.operator.benchmark;

import dev.ldai.operator.testing.OperatorApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The embedded mock API server: every request the operator sends it is counted. */
final class MockApiServerCluster implements BenchmarkCluster {

  private final OperatorApiServer apiServer;

  private MockApiServerCluster(OperatorApiServer apiServer) {
    this.apiServer = apiServer;
  }

  static MockApiServerCluster start() {
    return new MockApiServerCluster(OperatorApiServer.start());
  }

  @Override
  public String name() {
    return "Fabric8 mock API server";
  }

  @Override
  public KubernetesClient client() {
    return apiServer.client();
  }

  @Override
  public Map<String, String> operatorProperties() {
    return apiServer.operatorProperties("default");
  }

  @Override
  public Map<String, Long> requestsSinceLastCall() {
    Map<String, Long> requests = new TreeMap<>();
    try {
      for (RecordedRequest request = apiServer.server().takeRequest(0, TimeUnit.SECONDS); request != null;
          request = apiServer.server().takeRequest(0, TimeUnit.SECONDS)) {
        if (String.valueOf(request.getHeader("User-Agent")).startsWith(OPERATOR_USER_AGENT)) {
          String kind = request.getPath().contains("watch=true") ? "WATCH" : request.getMethod();
          requests.merge(kind + " " + resourceOf(request.getPath().replaceAll("\\?.*", "")), 1L, Long::sum);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return requests;
  }

  /** {@code /apis/g/v/namespaces/ns/aiconfigs/name/status} → {@code aiconfigs/status}, and the like. */
  private static String resourceOf(String path) {
    List<String> parts = List.of(path.split("/"));
    int namespaces = parts.indexOf("namespaces");
    String type = parts.get(namespaces >= 0 && parts.size() > namespaces + 2 ? namespaces + 2 : parts.size() - 1);
    return path.endsWith("/status") ? type + "/status" : type;
  }

  @Override
  public void cleanUp() {
    // The server goes away with the run.
  }

  @Override
  public void close() {
    apiServer.close();
  }
}
