package dev.ldai.operator.benchmark;

import dev.ldai.operator.testing.AuditLog;
import dev.ldai.operator.testing.RealApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The test harness's real kube-apiserver ({@link RealApiServer}, kube-api-test) with the CRDs of {@code crds/}:
 * the operator reaches it through a kubeconfig under {@code target/benchmark}, and its requests are counted
 * from the server's audit log, told from the harness's by the operator's User-Agent.
 */
final class KubeApiTestCluster implements BenchmarkCluster {

  private static final Path KUBECONFIG = Path.of("target", "benchmark", "kube-api-test.kubeconfig").toAbsolutePath();
  private static final String OPERATOR_NAMESPACE = "ldai-operator";

  private final RealApiServer server;
  private int auditMark;

  private KubeApiTestCluster(RealApiServer server) {
    this.server = server;
  }

  static KubeApiTestCluster start() {
    RealApiServer server = RealApiServer.orSkip().withCrds();
    try {
      Files.createDirectories(KUBECONFIG.getParent());
      Files.writeString(KUBECONFIG, server.kubeConfigYaml());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + KUBECONFIG, e);
    }
    KubeApiTestCluster cluster = new KubeApiTestCluster(server);
    cluster.createNamespace(OPERATOR_NAMESPACE);
    return cluster;
  }

  @Override
  public String name() {
    return "kube-api-test " + server.client().getKubernetesVersion().getGitVersion();
  }

  @Override
  public KubernetesClient client() {
    return server.client();
  }

  @Override
  public Map<String, String> operatorProperties() {
    return RealCluster.kubeconfigProperties(KUBECONFIG, OPERATOR_NAMESPACE);
  }

  @Override
  public Map<String, Long> requestsSinceLastCall() {
    int end = server.audit().size();
    List<AuditLog.Request> requests = server.audit().requestsBegun(auditMark, end);
    auditMark = end;
    return requests.stream()
        .filter(request -> request.userAgent() != null && request.userAgent().startsWith(OPERATOR_USER_AGENT))
        .collect(Collectors.groupingBy(request -> method(request.verb()) + " "
            + (request.resource() == null ? "(not a resource)" : request.resourcePath()), TreeMap::new, Collectors.counting()));
  }

  /** The audit log's verb as the HTTP method the mock API server's count shows. */
  private static String method(String verb) {
    return switch (verb) {
      case "get", "list" -> "GET";
      case "watch" -> "WATCH";
      case "create" -> "POST";
      case "update" -> "PUT";
      case "patch" -> "PATCH";
      case "delete", "deletecollection" -> "DELETE";
      default -> verb.toUpperCase();
    };
  }

  @Override
  public void cleanUp() {
    // The server and its data go away with this JVM.
  }

  @Override
  public void close() {
    // RealApiServer stops itself when the JVM ends.
  }
}
