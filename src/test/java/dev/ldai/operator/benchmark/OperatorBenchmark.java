package dev.ldai.operator.benchmark;

import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.targeting;
import static dev.ldai.operator.testing.Manifests.variation;

import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.targeting.Rollout;
import dev.ldai.operator.targeting.Weight;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.Message;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.ldai.operator.testing.Convergence;
import dev.ldai.operator.testing.OperatorProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The performance benchmark of DESIGN.md §9 and issue 5, not part of the default test run:
 * {@code ./mvnw -B verify -Pbenchmark}. This JVM holds the Fabric8 mock API server (or, with
 * {@code -Dbenchmark.kubeconfig=PATH}, talks to that cluster instead) and the LaunchDarkly stand-in (with
 * latency and a global rate limit); the packaged operator runs in a JVM of its own, sized as
 * in its container, so that its heap and resident set are its own. Scenarios B1–B5 each print one row with
 * the LaunchDarkly calls by method, the minimal calls the scenario needs, wall time against the bound,
 * 429s, and the operator's peak heap and RSS. Rows also go to {@code target/benchmark/}.
 *
 * <p>Sizes and limits are system properties: {@code benchmark.latency-ms} (20), {@code benchmark.rps}
 * (200, both the operator's rate and the stand-in's budget per second), {@code benchmark.concurrency}
 * (10), {@code benchmark.resync} (15s), {@code benchmark.scale} (3000), {@code benchmark.operator-jvm}
 * (the operator's JVM options: {@value #OPERATOR_JVM_DEFAULT}, i.e. the image's heap sizing under the
 * chart's 512 MiB memory limit).
 */
class OperatorBenchmark {

  static final int LATENCY_MS = Integer.getInteger("benchmark.latency-ms", 20);
  static final int RPS = Integer.getInteger("benchmark.rps", 200);
  static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 10);
  static final Duration RESYNC = Duration.parse("PT" + System.getProperty("benchmark.resync", "15s").toUpperCase());
  static final int SCALE = Integer.getInteger("benchmark.scale", 3000);
  static final Duration TIMEOUT = Duration.ofMinutes(15);
  static final int APPLIERS = 8;
  /** B5: how many of B1's configs get a targeting in each of the two environments. */
  static final int TARGETED_CONFIGS = 100;
  /** The image's JVM options (see the Dockerfile) under the chart's default 512 MiB memory limit. */
  static final String OPERATOR_JVM_DEFAULT =
      "-XX:MaxRAM=512m -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20";
  static final String OPERATOR_JVM = System.getProperty("benchmark.operator-jvm", OPERATOR_JVM_DEFAULT);

  final List<Row> rows = new ArrayList<>();
  KubernetesClient kubernetes;
  LaunchDarklyStandIn launchDarkly;
  OperatorProcess operator;
  BenchmarkCluster cluster;
  long windowStartMillis;

  record Size(String project, String namespace, int modelConfigs, int configs, int variationsPerConfig) {
    int resources() {
      return modelConfigs + configs + configs * variationsPerConfig;
    }

    long listReads() {
      return (configs + 99) / 100 + 1;
    }
  }

  /** One scenario's results; {@code apply} is how long the mock API server took to accept the changes. */
  record Row(String scenario, int resources, Map<String, Long> callsByMethod, long minimal, Duration apply,
      Duration wall, Duration bound, long rateLimited, long peakHeapMb, long rssMb) {
    long calls() {
      return callsByMethod.values().stream().mapToLong(Long::longValue).sum();
    }

    String format() {
      return "| %s | %d | %s | %d | %d | %.2f | %.1f s | %.1f s | %.1f s | %.2f | %d | %d MB | %d MB |".formatted(
          scenario, resources, callsByMethod, calls(), minimal, minimal == 0 ? 0.0 : (double) calls() / minimal,
          apply.toMillis() / 1000.0, wall.toMillis() / 1000.0, bound.toMillis() / 1000.0,
          bound.isZero() ? 0.0 : (double) wall.toMillis() / bound.toMillis(), rateLimited, peakHeapMb, rssMb);
    }
  }

  @Test
  void run() throws Exception {
    cluster = BenchmarkCluster.fromSystemProperties();
    kubernetes = cluster.client();
    launchDarkly = LaunchDarklyStandIn.start();
    try {
      launchDarkly.latency(Duration.ofMillis(LATENCY_MS));
      launchDarkly.rateLimit(RPS * 10, Duration.ofSeconds(10));
      operator = OperatorProcess.start(List.of(OPERATOR_JVM.trim().split("\\s+")), operatorProperties(),
          Path.of("target", "benchmark", "operator.log"));
      operator.sampleMemory();

      Size b1 = new Size("bench", cluster.createNamespace("bench"), 20, 300, 3);
      converge("B1 converge", b1);
      steadyState("B2 steady state", b1);
      churn("B3 churn 10%", b1);
      serve("B5 targeting", b1, TARGETED_CONFIGS);
      steadyStateWithTargetings("B5 steady state", b1, TARGETED_CONFIGS);
      int configs = (SCALE - SCALE / 60) / 4;
      Size b4 = new Size("scale", cluster.createNamespace("scale"), SCALE - configs * 4, configs, 3);
      converge("B4 converge", b4);
      steadyState("B4 steady state", b4);
    } finally {
      if (operator != null) {
        cluster.cleanUp();
        System.out.println("operator's lifetime peak RSS: " + operator.lifetimePeakRssMb() + " MB");
        operator.close();
      }
      launchDarkly.close();
      cluster.close();
      report();
    }
  }

  /** The operator's configuration, as the Helm chart would give it, pointed at the mock server and stand-in. */
  private Map<String, String> operatorProperties() {
    Map<String, String> properties = cluster.operatorProperties();
    properties.put("ldai.launchdarkly.base-url", launchDarkly.baseUrl());
    properties.put("ldai.launchdarkly.api-token", LaunchDarklyStandIn.DEFAULT_TOKEN);
    properties.put("ldai.resync-interval", RESYNC.toSeconds() + "s");
    properties.put("ldai.launchdarkly.rate-limit.requests-per-second", Integer.toString(RPS));
    properties.put("ldai.launchdarkly.rate-limit.max-concurrent-requests", Integer.toString(CONCURRENCY));
    return properties;
  }

  private void converge(String scenario, Size size) {
    launchDarkly.addProject(size.project());
    List<HasMetadata> manifests = manifests(size);
    Collections.shuffle(manifests, new Random(5));
    long start = mark();
    applyAtOnce(manifests.stream().<Runnable>map(m -> () -> kubernetes.resource(m).create()).toList());
    Duration apply = Duration.ofNanos(System.nanoTime() - start);
    awaitAllReady(size);
    long minimal = size.resources() + size.listReads();
    record(scenario, size, start, apply, minimal, kubernetesRequests());
  }

  private void steadyState(String scenario, Size size) throws InterruptedException {
    long start = mark();
    List<Map<String, Long>> requestsPerInterval = new ArrayList<>();
    for (int interval = 0; interval < 3; interval++) {
      Thread.sleep(RESYNC.toMillis());
      requestsPerInterval.add(kubernetesRequests());
    }
    Map<String, Long> requests = new TreeMap<>();
    requestsPerInterval.forEach(interval -> interval.forEach((kind, count) -> requests.merge(kind, count, Long::sum)));
    record(scenario, size, start, Duration.ZERO, 3 * size.listReads(), requests);
    System.out.println("  Kubernetes API writes per resync interval, leases apart: " + requestsPerInterval.stream()
        .map(OperatorBenchmark::writesOtherThanLeases).toList());
  }

  private static long writesOtherThanLeases(Map<String, Long> requests) {
    return requests.entrySet().stream()
        .filter(request -> !request.getKey().startsWith("GET ") && !request.getKey().startsWith("WATCH ")
            && !request.getKey().endsWith(" leases"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /**
   * The first {@code configs} configs of the size get a targeting in production (one variation) and in
   * test (a rollout): each costs one read and one semantic patch.
   */
  private void serve(String scenario, Size size, int configs) {
    List<AIConfigTargeting> targetings = new ArrayList<>();
    for (int c = 0; c < configs; c++) {
      String config = "config-" + c;
      targetings.add((AIConfigTargeting) inNamespace(targeting(config + "-production", config, "production",
          spec -> spec.setDefaultVariation("v0")), size));
      targetings.add((AIConfigTargeting) inNamespace(targeting(config + "-test", config, "test",
          spec -> spec.setDefaultRollout(new Rollout(List.of(new Weight("v0", 50_000), new Weight("v1", 50_000)), null, null))), size));
    }
    long start = mark();
    applyAtOnce(targetings.stream().<Runnable>map(t -> () -> kubernetes.resource(t).create()).toList());
    Duration apply = Duration.ofNanos(System.nanoTime() - start);
    awaitAllReady(size);
    record(scenario, size, start, apply, 2L * targetings.size(), kubernetesRequests());
  }

  /**
   * Steady state with targetings: LaunchDarkly's listing does not show targeting, so each targeted config
   * is read once per resync interval on top of the listings (one read shows all its environments).
   */
  private void steadyStateWithTargetings(String scenario, Size size, int configs) throws InterruptedException {
    long start = mark();
    Thread.sleep(RESYNC.multipliedBy(3).toMillis());
    record(scenario, size, start, Duration.ZERO, 3 * (size.listReads() + configs), kubernetesRequests());
  }

  private void churn(String scenario, Size size) {
    List<AIConfigVariation> variations = kubernetes.resources(AIConfigVariation.class).inNamespace(size.namespace()).list().getItems();
    List<AIConfigVariation> changed = variations.subList(0, variations.size() / 10);
    long start = mark();
    applyAtOnce(changed.stream().<Runnable>map(variation -> () -> kubernetes.resources(AIConfigVariation.class)
        .inNamespace(size.namespace()).withName(variation.getMetadata().getName())
        .edit(v -> {
          v.getSpec().setMessages(List.of(new Message("system", "Churned " + v.getMetadata().getName())));
          return v;
        })).toList());
    Duration apply = Duration.ofNanos(System.nanoTime() - start);
    awaitAllReady(size);
    record(scenario, size, start, apply, changed.size(), kubernetesRequests());
  }

  /** Applies the changes from several threads, as a GitOps sync of a whole directory would. */
  private static void applyAtOnce(List<Runnable> changes) {
    ExecutorService appliers = Executors.newFixedThreadPool(APPLIERS);
    try {
      List<Future<?>> applied = changes.stream().map(appliers::submit).collect(Collectors.toList());
      for (Future<?> future : applied) {
        future.get();
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("applying the manifests failed", e);
    } finally {
      appliers.shutdown();
    }
  }

  /** Starts a scenario's window: its calls are those the stand-in received from now on. */
  private long mark() {
    kubernetesRequests();
    operator.resetPeaks();
    windowStartMillis = System.currentTimeMillis();
    return System.nanoTime();
  }

  private void record(String scenario, Size size, long startNanos, Duration apply, long minimal,
      Map<String, Long> kubernetesRequests) {
    Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
    String projectPath = "/api/v2/projects/" + size.project() + "/";
    List<Call> calls = launchDarkly.calls().stream().filter(c -> c.path().startsWith(projectPath))
        .filter(c -> c.receivedAt() >= windowStartMillis).toList();
    Map<String, Long> byMethod = calls.stream().collect(Collectors.groupingBy(Call::method, TreeMap::new, Collectors.counting()));
    long rateLimited = calls.stream().filter(c -> c.status() == 429).count();
    double allowedRate = RPS;
    Duration throttledBound = Duration.ofMillis((long) (minimal * 1000 / allowedRate));
    Duration latencyBound = Duration.ofMillis(minimal * LATENCY_MS / CONCURRENCY);
    Duration bound = scenario.contains("steady") ? RESYNC.multipliedBy(3)
        : throttledBound.compareTo(latencyBound) > 0 ? throttledBound : latencyBound;
    Row row = new Row(scenario, size.resources(), byMethod, minimal, apply, wall, bound, rateLimited,
        operator.peakHeapMb(), operator.peakRssMb());
    rows.add(row);
    System.out.println(row.format());
    System.out.println("  calls by route and status: " + calls.stream().collect(Collectors.groupingBy(
        c -> c.method() + " " + c.route() + " " + c.status(), TreeMap::new, Collectors.counting())));
    System.out.println("  Kubernetes API requests: "
        + (cluster.countsRequests() ? kubernetesRequests : "not counted on a real cluster"));
  }

  /** The requests the API server received since the last call, by method and resource (watches apart). */
  private Map<String, Long> kubernetesRequests() {
    return cluster.requestsSinceLastCall();
  }

  private static List<HasMetadata> manifests(Size size) {
    List<HasMetadata> manifests = new ArrayList<>();
    for (int m = 0; m < size.modelConfigs(); m++) {
      manifests.add(inNamespace(modelConfig("model-" + m, spec -> spec.setProjectKey(size.project())), size));
    }
    for (int c = 0; c < size.configs(); c++) {
      String parent = "config-" + c;
      manifests.add(inNamespace(aiConfig(parent, spec -> spec.setProjectKey(size.project())), size));
      for (int v = 0; v < size.variationsPerConfig(); v++) {
        String key = "v" + v;
        String model = "model-" + ((c * size.variationsPerConfig() + v) % size.modelConfigs());
        manifests.add(inNamespace(variation(parent + "-" + key, parent, spec -> {
          spec.setKey(key);
          spec.setModelConfigRef(new LocalReference(model));
        }), size));
      }
    }
    return manifests;
  }

  private static HasMetadata inNamespace(HasMetadata resource, Size size) {
    resource.getMetadata().setNamespace(size.namespace());
    return resource;
  }

  private void awaitAllReady(Size size) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Convergence.allReady(kubernetes, size.namespace())) {
        return;
      }
      sleep(Duration.ofMillis(50));
    }
    throw new IllegalStateException("Not converged within " + TIMEOUT);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void report() throws IOException {
    String header = """
        latency %d ms, allowed rate %d calls/s, concurrency %d, resync %s; operator JVM: %s (heap and RSS are the operator's)
        | scenario | resources | calls by method | calls | minimal | calls/minimal | apply | wall | bound | time/bound | 429s | peak heap | peak RSS |
        |---|---|---|---|---|---|---|---|---|---|---|---|---|
        """.formatted(LATENCY_MS, RPS, CONCURRENCY, RESYNC, OPERATOR_JVM);
    String table = header + rows.stream().map(Row::format).collect(Collectors.joining("\n")) + "\n";
    System.out.print(table);
    Path dir = Path.of("target", "benchmark");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md"), table);
  }
}
