package dev.ldai.operator.benchmark;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the benchmark's resources live: {@code -Dbenchmark.cluster=mock} (the embedded mock API server, the
 * default) or {@code kube-api-test} (a real kube-apiserver of this JVM), or a real cluster named by
 * {@code -Dbenchmark.kubeconfig=PATH}, where the API server is not the bottleneck.
 */
interface BenchmarkCluster extends AutoCloseable {

  /** The operator's User-Agent (Fabric8's {@code kubernetes.user.agent}): its requests are told from the harness's by it. */
  String OPERATOR_USER_AGENT = "ldai-operator-benchmark";

  static BenchmarkCluster fromSystemProperties() {
    String kubeconfig = System.getProperty("benchmark.kubeconfig", "").trim();
    if (!kubeconfig.isEmpty()) {
      return RealCluster.connect(Path.of(kubeconfig));
    }
    String cluster = System.getProperty("benchmark.cluster", "mock").trim();
    return switch (cluster) {
      case "mock" -> MockApiServerCluster.start();
      case "kube-api-test" -> KubeApiTestCluster.start();
      default -> throw new IllegalArgumentException(
          "benchmark.cluster: \"%s\" is neither mock nor kube-api-test".formatted(cluster));
    };
  }

  /** What the results header names: the kind of API server and its version or address. */
  String name();

  KubernetesClient client();

  /** The operator's connection, as application properties; its Lease lives in a namespace of the run. */
  Map<String, String> operatorProperties();

  /**
   * Creates the namespace of a scenario's resources and answers its name: the scenario's own, on an API server
   * of this run alone.
   */
  default String createNamespace(String scenario) {
    client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(scenario).endMetadata().build()).create();
    return scenario;
  }

  /** Whether the operator's API requests are counted. */
  default boolean countsRequests() {
    return true;
  }

  /**
   * The operator's API requests since the last call, by method and resource ({@code PATCH aiconfigs/status},
   * {@code WATCH leases}); none when not counted.
   */
  Map<String, Long> requestsSinceLastCall();

  /** Deletes what the run made, while the operator still runs to release its finalizers. */
  void cleanUp();

  @Override
  void close();
}
