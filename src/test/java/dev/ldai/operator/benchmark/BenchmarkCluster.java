package dev.ldai.operator.benchmark;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the benchmark's resources live: the embedded mock API server (the default), or a real cluster
 * named by {@code -Dbenchmark.kubeconfig=PATH}, where the API server is not the bottleneck.
 */
interface BenchmarkCluster extends AutoCloseable {

  static BenchmarkCluster fromSystemProperties() {
    String kubeconfig = System.getProperty("benchmark.kubeconfig", "").trim();
    return kubeconfig.isEmpty() ? MockApiServerCluster.start() : RealCluster.connect(Path.of(kubeconfig));
  }

  KubernetesClient client();

  /** The operator's connection, as application properties; its Lease lives in a namespace of the run. */
  Map<String, String> operatorProperties();

  /** Creates the namespace of a scenario's resources and answers its name. */
  String createNamespace(String scenario);

  /** Whether the API server's requests are counted. */
  boolean countsRequests();

  /** The API requests received since the last call, by method and resource; none when not counted. */
  Map<String, Long> requestsSinceLastCall();

  /** Deletes what the run made, while the operator still runs to release its finalizers. */
  void cleanUp();

  @Override
  void close();
}
