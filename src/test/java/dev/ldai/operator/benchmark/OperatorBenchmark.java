package dev.ldai.operator.benchmark;

import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.variation;

import dev.ldai.operator.aiconfig.AIConfigReconciler;
import dev.ldai.operator.common.EventRecorder;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.drift.ProjectPoller;
import dev.ldai.operator.launchdarkly.CredentialsResolver;
import dev.ldai.operator.launchdarkly.LaunchDarklyEndpoint;
import dev.ldai.operator.launchdarkly.LaunchDarklyMetrics;
import dev.ldai.operator.launchdarkly.RestLaunchDarklyClients;
import dev.ldai.operator.modelconfig.AIModelConfigReconciler;
import dev.ldai.operator.modelconfig.ModelConfigUsage;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.AIConfigVariationReconciler;
import dev.ldai.operator.variation.Message;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import dev.ldai.operator.testing.Convergence;
import dev.ldai.operator.testing.KubernetesMockServerResource;
import dev.ldai.operator.testing.StandInResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The performance benchmark of DESIGN.md §9 and issue 5, not part of the default test run:
 * {@code ./mvnw -B test -Pbenchmark}. One JVM holds the Fabric8 mock API server, the LaunchDarkly stand-in
 * (with latency and a global rate limit) and the operator; scenarios B1–B4 each print one row with the
 * LaunchDarkly calls by method, the minimal calls the scenario needs, wall time against the bound, 429s,
 * and the JVM's peak heap and RSS. Rows also go to {@code target/benchmark/}.
 *
 * <p>It runs inside a Quarkus test only because the REST client needs a Quarkus context; the benchmarked
 * operator is its own instance, on its own mock API server and stand-in, with the configuration below.
 *
 * <p>Sizes and limits are system properties: {@code benchmark.latency-ms} (20), {@code benchmark.rps}
 * (200, both the operator's rate and the stand-in's budget per second), {@code benchmark.concurrency}
 * (10), {@code benchmark.resync} (15s), {@code benchmark.scale} (3000).
 */
@QuarkusTest
@QuarkusTestResource(KubernetesMockServerResource.class)
@QuarkusTestResource(StandInResource.class)
class OperatorBenchmark {

  static final int LATENCY_MS = Integer.getInteger("benchmark.latency-ms", 20);
  static final int RPS = Integer.getInteger("benchmark.rps", 200);
  static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 10);
  static final Duration RESYNC = Duration.parse("PT" + System.getProperty("benchmark.resync", "15s").toUpperCase());
  static final int SCALE = Integer.getInteger("benchmark.scale", 3000);
  static final Duration TIMEOUT = Duration.ofMinutes(15);
  static final int APPLIERS = 8;

  final List<Row> rows = new ArrayList<>();
  final AtomicLong peakHeap = new AtomicLong();
  KubernetesClient kubernetes;
  LaunchDarklyStandIn launchDarkly;
  ProjectPoller poller;

  record Size(String project, String namespace, int modelConfigs, int configs, int variationsPerConfig) {
    int resources() {
      return modelConfigs + configs + configs * variationsPerConfig;
    }

    long listReads() {
      return (configs + 99) / 100 + 1;
    }
  }

  record Row(String scenario, int resources, Map<String, Long> callsByMethod, long minimal, Duration wall,
      Duration bound, long rateLimited, long peakHeapMb, long rssMb) {
    long calls() {
      return callsByMethod.values().stream().mapToLong(Long::longValue).sum();
    }

    String format() {
      return "| %s | %d | %s | %d | %d | %.2f | %.1f s | %.1f s | %.2f | %d | %d MB | %d MB |".formatted(
          scenario, resources, callsByMethod, calls(), minimal, minimal == 0 ? 0.0 : (double) calls() / minimal,
          wall.toMillis() / 1000.0, bound.toMillis() / 1000.0,
          bound.isZero() ? 0.0 : (double) wall.toMillis() / bound.toMillis(), rateLimited, peakHeapMb, rssMb);
    }
  }

  @Test
  void run() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(
        new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    kubernetes = server.createClient();
    launchDarkly = LaunchDarklyStandIn.start();
    Thread sampler = heapSampler();
    Operator operator = null;
    try {
      for (Path crd : List.of(Path.of("crds", "aimodelconfigs.ldai.dev-v1.yml"), Path.of("crds", "aiconfigs.ldai.dev-v1.yml"),
          Path.of("crds", "aiconfigvariations.ldai.dev-v1.yml"))) {
        kubernetes.apiextensions().v1().customResourceDefinitions().load(crd.toFile()).create();
      }
      launchDarkly.latency(Duration.ofMillis(LATENCY_MS));
      launchDarkly.rateLimit(RPS * 10, Duration.ofSeconds(10));
      operator = startOperator();

      Size b1 = new Size("bench", "bench", 20, 300, 3);
      converge("B1 converge", b1);
      steadyState("B2 steady state", b1);
      churn("B3 churn 10%", b1);
      int configs = (SCALE - SCALE / 60) / 4;
      Size b4 = new Size("scale", "scale", SCALE - configs * 4, configs, 3);
      converge("B4 converge", b4);
      steadyState("B4 steady state", b4);
    } finally {
      if (operator != null) {
        poller.stop();
        operator.stop();
      }
      sampler.interrupt();
      launchDarkly.close();
      kubernetes.close();
      server.destroy();
      report();
    }
  }

  private void converge(String scenario, Size size) {
    launchDarkly.addProject(size.project());
    kubernetes.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(size.namespace()).endMetadata().build()).create();
    List<HasMetadata> manifests = manifests(size);
    Collections.shuffle(manifests, new Random(5));
    long start = mark();
    applyAtOnce(manifests.stream().<Runnable>map(m -> () -> kubernetes.resource(m).create()).toList());
    System.out.printf("  %s: %d manifests applied in %.1f s%n", scenario, manifests.size(), (System.nanoTime() - start) / 1e9);
    awaitAllReady(size);
    long minimal = size.resources() + size.listReads();
    record(scenario, size, start, minimal);
  }

  private void steadyState(String scenario, Size size) throws InterruptedException {
    long start = mark();
    Thread.sleep(RESYNC.multipliedBy(3).toMillis());
    record(scenario, size, start, 3 * size.listReads());
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
    awaitAllReady(size);
    record(scenario, size, start, changed.size());
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

  private long mark() {
    peakHeap.set(0);
    return System.nanoTime();
  }

  private void record(String scenario, Size size, long startNanos, long minimal) {
    Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
    String projectPath = "/api/v2/projects/" + size.project() + "/";
    List<Call> calls = launchDarkly.calls().stream().filter(c -> c.path().startsWith(projectPath))
        .filter(c -> c.receivedAt() >= System.currentTimeMillis() - wall.toMillis() - 50).toList();
    Map<String, Long> byMethod = calls.stream().collect(Collectors.groupingBy(Call::method, TreeMap::new, Collectors.counting()));
    long rateLimited = calls.stream().filter(c -> c.status() == 429).count();
    double allowedRate = RPS;
    Duration throttledBound = Duration.ofMillis((long) (minimal * 1000 / allowedRate));
    Duration latencyBound = Duration.ofMillis(minimal * LATENCY_MS / CONCURRENCY);
    Duration bound = scenario.contains("steady") ? RESYNC.multipliedBy(3)
        : throttledBound.compareTo(latencyBound) > 0 ? throttledBound : latencyBound;
    Row row = new Row(scenario, size.resources(), byMethod, minimal, wall, bound, rateLimited,
        peakHeap.get() / (1024 * 1024), rssMb());
    rows.add(row);
    System.out.println(row.format());
    System.out.println("  calls by route: " + calls.stream().collect(Collectors.groupingBy(
        c -> c.method() + " " + c.route(), TreeMap::new, Collectors.counting())));
  }

  private Operator startOperator() {
    Clock clock = Clock.systemUTC();
    LdaiConfig config = config();
    LaunchDarklyMetrics metrics = new LaunchDarklyMetrics(new SimpleMeterRegistry());
    LaunchDarklyEndpoint endpoint = new LaunchDarklyEndpoint(config);
    RestLaunchDarklyClients clients = new RestLaunchDarklyClients(endpoint, config, clock, metrics);
    poller = new ProjectPoller(clients, config, clock);
    ReconcileSupport support = new ReconcileSupport(clients, new CredentialsResolver(kubernetes, config, endpoint), config,
        clock, new EventRecorder(kubernetes, clock, metrics), poller);
    Operator operator = new Operator(o -> o.withKubernetesClient(kubernetes).withUseSSAToPatchPrimaryResource(false)
        .withCloseClientOnStop(false).withConcurrentReconciliationThreads(CONCURRENCY * 2));
    operator.register(new AIModelConfigReconciler(support, new ModelConfigUsage()));
    operator.register(new AIConfigReconciler(support));
    operator.register(new AIConfigVariationReconciler(support));
    operator.start();
    poller.start();
    return operator;
  }

  private LdaiConfig config() {
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .withConverter(Duration.class, 200, new DurationConverter())
        .withMapping(LdaiConfig.class)
        .withDefaultValues(Map.of(
            "ldai.launchdarkly.base-url", launchDarkly.baseUrl(),
            "ldai.launchdarkly.api-token", LaunchDarklyStandIn.DEFAULT_TOKEN,
            "ldai.resync-interval", RESYNC.toSeconds() + "s",
            "ldai.launchdarkly.rate-limit.requests-per-second", Integer.toString(RPS),
            "ldai.launchdarkly.rate-limit.max-concurrent-requests", Integer.toString(CONCURRENCY),
            "ldai.launchdarkly.rate-limit.max-wait", "2s",
            "ldai.retry.initial-backoff", "500ms",
            "ldai.retry.max-backoff", "10s"))
        .build();
    return config.getConfigMapping(LdaiConfig.class);
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

  private Thread heapSampler() {
    Thread sampler = new Thread(() -> {
      var memory = ManagementFactory.getMemoryMXBean();
      while (!Thread.currentThread().isInterrupted()) {
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    return sampler;
  }

  /** Peak resident set size of this JVM (VmHWM), or -1 where /proc is not available. */
  private static long rssMb() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("VmHWM:"))
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
          .findFirst().orElse(-1L);
    } catch (IOException e) {
      return -1;
    }
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
        latency %d ms, allowed rate %d calls/s, concurrency %d, resync %s; one JVM (mock API server, stand-in, operator)
        | scenario | resources | calls by method | calls | minimal | calls/minimal | wall | bound | time/bound | 429s | peak heap | peak RSS |
        |---|---|---|---|---|---|---|---|---|---|---|---|
        """.formatted(LATENCY_MS, RPS, CONCURRENCY, RESYNC);
    String table = header + rows.stream().map(Row::format).collect(Collectors.joining("\n")) + "\n";
    System.out.print(table);
    Path dir = Path.of("target", "benchmark");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md"), table);
  }
}
