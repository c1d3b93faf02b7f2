package dev.ldai.operator.benchmark;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real cluster from a kubeconfig: the CRDs are applied from {@code crds/}, every namespace of the run is
 * named {@code ldai-bench-<run>-<scenario>} and deleted at the end. Its API server's requests are not
 * counted (it does not tell them); the LaunchDarkly calls and times are measured as with the mock.
 */
final class RealCluster implements BenchmarkCluster {

  private static final Duration CLEAN_UP = Duration.ofMinutes(5);

  private final Path kubeconfig;
  private final KubernetesClient client;
  private final String run;
  private final List<String> namespaces = new ArrayList<>();

  private RealCluster(Path kubeconfig, KubernetesClient client, String run) {
    this.kubeconfig = kubeconfig;
    this.client = client;
    this.run = run;
  }

  static RealCluster connect(Path kubeconfig) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
      RealCluster cluster = new RealCluster(kubeconfig.toAbsolutePath(), client,
          "ldai-bench-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36));
      cluster.applyCrds();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(cluster.operatorNamespace())
          .endMetadata().build()).create();
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kubeconfig, e);
    }
  }

  private void applyCrds() throws IOException {
    try (var files = Files.list(Path.of("crds"))) {
      for (Path file : files.sorted().toList()) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(file.toFile()).item();
        client.resource(crd).forceConflicts().serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                .anyMatch(condition -> "Established".equals(condition.getType()) && "True".equals(condition.getStatus())),
                1, TimeUnit.MINUTES);
      }
    }
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public String name() {
    return client.getConfiguration().getMasterUrl() + " (" + kubeconfig + ")";
  }

  @Override
  public Map<String, String> operatorProperties() {
    return kubeconfigProperties(kubeconfig, operatorNamespace());
  }

  /** The operator's connection through a kubeconfig file; {@code namespace} is where its Lease lives. */
  static Map<String, String> kubeconfigProperties(Path kubeconfig, String namespace) {
    Map<String, String> properties = new TreeMap<>();
    properties.put("kubeconfig", kubeconfig.toString());
    properties.put("kubernetes.auth.tryKubeConfig", "true");
    properties.put("kubernetes.auth.tryServiceAccount", "false");
    properties.put("kubernetes.namespace", namespace);
    properties.put("quarkus.kubernetes-client.namespace", namespace);
    properties.put("ldai.leader-election.lease-namespace", namespace);
    return properties;
  }

  private String operatorNamespace() {
    return run + "-operator";
  }

  @Override
  public String createNamespace(String scenario) {
    String name = run + "-" + scenario;
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels("app.kubernetes.io/part-of", "ldai-operator-benchmark").endMetadata().build()).create();
    namespaces.add(name);
    return name;
  }

  @Override
  public boolean countsRequests() {
    return false;
  }

  @Override
  public Map<String, Long> requestsSinceLastCall() {
    return Map.of();
  }

  @Override
  public void cleanUp() {
    namespaces.forEach(namespace -> client.namespaces().withName(namespace).delete());
    long deadline = System.nanoTime() + CLEAN_UP.toNanos();
    while (System.nanoTime() < deadline && namespaces.stream().anyMatch(n -> client.namespaces().withName(n).get() != null)) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    namespaces.stream().filter(n -> client.namespaces().withName(n).get() != null)
        .forEach(n -> System.out.println("namespace " + n + " still terminating after " + CLEAN_UP));
  }

  @Override
  public void close() {
    client.namespaces().withName(operatorNamespace()).delete();
    client.close();
  }
}
