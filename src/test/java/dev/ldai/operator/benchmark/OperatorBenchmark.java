package dev.ldai.operator.benchmark;

import static dev.ldai.operator.testing.Manifests.agentGraph;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.aiTool;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.promptSnippet;
import static dev.ldai.operator.testing.Manifests.targeting;
import static dev.ldai.operator.testing.Manifests.variation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.agentgraph.GraphEdge;
import dev.ldai.operator.agentgraph.GraphNode;
import dev.ldai.operator.aiconfig.AIConfigMode;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.targeting.Rollout;
import dev.ldai.operator.targeting.Weight;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.Message;
import dev.ldai.operator.variation.Tool;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.ldai.operator.testing.OperatorProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The performance benchmark of DESIGN.md §9 and issue 5, not part of the default test run:
 * {@code ./mvnw -B verify -Pbenchmark}. This JVM holds the Fabric8 mock API server (or, with
 * {@code -Dbenchmark.cluster=kube-api-test}, a real kube-apiserver; with {@code -Dbenchmark.kubeconfig=PATH}
 * it talks to that cluster instead) and the LaunchDarkly stand-in (with latency and a global rate limit); the
 * packaged operator runs in a JVM of its own, sized as in its container, so that its heap and resident set
 * are its own. Scenarios B1–B7 each print one row with the LaunchDarkly calls by method, the minimal calls
 * the scenario needs, the operator's Kubernetes writes and the minimal ones, wall time against the larger of
 * two bounds (LaunchDarkly's and the API server's write rate, measured at the start of the run), 429s, and the
 * operator's peak heap and RSS. Rows also go to {@code target/benchmark/}.
 *
 * <p>Sizes and limits are system properties: {@code benchmark.latency-ms} (20), {@code benchmark.rps}
 * (200, both the operator's rate and the stand-in's budget per second), {@code benchmark.concurrency}
 * (10), {@code benchmark.resync} (15s), {@code benchmark.scale} (3000; B4's resources, and B7's agent graphs
 * are a tenth of it), {@code benchmark.operator-jvm} (the operator's JVM options: {@value #OPERATOR_JVM_DEFAULT},
 * i.e. the image's heap sizing under the chart's 512 MiB memory limit), {@code benchmark.scenarios} (which to
 * run, e.g. {@code B7} or {@code B4,B7}; all when unset; B2, B3 and B5 run with B1, whose project they use).
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
  /** B6: configs, each with a tool and a snippet, one variation following both and one pinning version 1. */
  static final int PINNED_CONFIGS = 100;
  /** B6: how many tools (then snippets) get a new version. */
  static final int BUMPED = 20;
  /** B7: the agent configs of each graph, a root handing off to each of the others. */
  static final int AGENTS_PER_GRAPH = 3;
  /** The scenarios that can be chosen; B2, B3 and B5 come with B1. */
  static final Set<String> SCENARIOS = Set.of("B1", "B4", "B6", "B7");
  /** Kubernetes writes of a resource the operator creates in LaunchDarkly: finalizer, create intent, result status, Event. */
  static final int WRITES_PER_CREATE = 4;
  /** Of a resource whose object it takes over and updates (a targeting): finalizer, result status, Event. */
  static final int WRITES_PER_TAKE_OVER = 3;
  /** Of a spec change applied: result status, Event. */
  static final int WRITES_PER_UPDATE = 2;
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
  String clusterName;
  final Map<String, WatchedResources> watched = new HashMap<>();
  WriteRate writeRate;

  record Size(String project, String namespace, int modelConfigs, int configs, int variationsPerConfig) {
    int resources() {
      return modelConfigs + configs + configs * variationsPerConfig;
    }

    long listReads() {
      return (configs + 99) / 100 + 1;
    }
  }

  /** What a scenario changes and the least it takes: LaunchDarkly calls, and the operator's Kubernetes writes. */
  record Work(int changed, long calls, long writes) {}

  /**
   * One scenario's results; {@code apply} is how long the API server took to accept the changes, {@code writes}
   * the operator's Kubernetes writes (Leases apart; null where not counted).
   */
  record Row(String scenario, int resources, Map<String, Long> callsByMethod, Work minimal, Long writes,
      Duration apply, Duration wall, Duration launchDarklyBound, Duration kubernetesBound, long rateLimited,
      long peakHeapMb, long rssMb) {
    long calls() {
      return callsByMethod.values().stream().mapToLong(Long::longValue).sum();
    }

    Duration bound() {
      return launchDarklyBound.compareTo(kubernetesBound) >= 0 ? launchDarklyBound : kubernetesBound;
    }

    String format() {
      return "| %s | %d | %s | %d | %d | %.2f | %s | %d | %.1f s | %.1f s | %.1f s | %.1f s | %.2f | %d | %d MB | %d MB |"
          .formatted(scenario, resources, callsByMethod, calls(), minimal.calls(), ratio(calls(), minimal.calls()),
              writes == null ? "not counted" : writes, minimal.writes(), seconds(apply), seconds(wall),
              seconds(launchDarklyBound), seconds(kubernetesBound),
              bound().isZero() ? 0.0 : (double) wall.toMillis() / bound().toMillis(), rateLimited, peakHeapMb, rssMb);
    }

    private static double ratio(long actual, long minimal) {
      return minimal == 0 ? 0.0 : (double) actual / minimal;
    }

    private static double seconds(Duration duration) {
      return duration.toMillis() / 1000.0;
    }
  }

  @Test
  void run() throws Exception {
    Set<String> chosen = chosenScenarios(System.getProperty("benchmark.scenarios", ""));
    cluster = BenchmarkCluster.fromSystemProperties();
    kubernetes = cluster.client();
    clusterName = cluster.name();
    launchDarkly = LaunchDarklyStandIn.start();
    try {
      writeRate = WriteRate.measure(kubernetes, cluster.createNamespace("write-rate"));
      System.out.println(clusterName + " sustains " + writeRate);
      launchDarkly.latency(Duration.ofMillis(LATENCY_MS));
      launchDarkly.rateLimit(RPS * 10, Duration.ofSeconds(10));
      operator = OperatorProcess.start(List.of(OPERATOR_JVM.trim().split("\\s+")), operatorProperties(),
          Path.of("target", "benchmark", "operator.log"));
      operator.sampleMemory();

      if (chosen.contains("B1")) {
        Size b1 = new Size("bench", cluster.createNamespace("bench"), 20, 300, 3);
        converge("B1 converge", b1);
        steadyState("B2 steady state", b1);
        churn("B3 churn 10%", b1);
        serve("B5 targeting", b1, TARGETED_CONFIGS);
        steadyStateWithTargetings("B5 steady state", b1, TARGETED_CONFIGS);
      }
      if (chosen.contains("B4")) {
        int configs = (SCALE - SCALE / 60) / 4;
        Size b4 = new Size("scale", cluster.createNamespace("scale"), SCALE - configs * 4, configs, 3);
        converge("B4 converge", b4);
        steadyState("B4 steady state", b4);
      }
      if (chosen.contains("B6")) {
        Pins b6 = new Pins("pins", cluster.createNamespace("pins"), PINNED_CONFIGS);
        convergePins("B6 converge", b6);
        steadyStatePins("B6 steady state", b6);
        bump("B6 tool bump", b6, AITool.class, "tool-", tool -> ((AITool) tool).getSpec().setDescription("Bumped"));
        bump("B6 snippet bump", b6, PromptSnippet.class, "snippet-",
            snippet -> ((PromptSnippet) snippet).getSpec().setText("Bumped"));
      }
      if (chosen.contains("B7")) {
        Graphs b7 = new Graphs("graphs", cluster.createNamespace("graphs"), Math.max(1, SCALE / 10));
        convergeGraphs("B7 converge", b7);
        steadyStateGraphs("B7 steady state", b7);
      }
    } finally {
      watched.values().forEach(WatchedResources::close);
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

  /** {@code benchmark.scenarios} as a set of {@link #SCENARIOS}: all of them when empty. */
  static Set<String> chosenScenarios(String property) {
    if (property.isBlank()) {
      return SCENARIOS;
    }
    Set<String> chosen = Stream.of(property.split(",")).map(String::trim).collect(Collectors.toSet());
    if (!SCENARIOS.containsAll(chosen)) {
      throw new IllegalArgumentException("benchmark.scenarios=%s: choose among %s (B2, B3 and B5 run with B1)"
          .formatted(property, new TreeSet<>(SCENARIOS)));
    }
    return chosen;
  }

  /** The operator's configuration, as the Helm chart would give it, pointed at the cluster and the stand-in. */
  private Map<String, String> operatorProperties() {
    Map<String, String> properties = cluster.operatorProperties();
    properties.put("kubernetes.user.agent", BenchmarkCluster.OPERATOR_USER_AGENT);
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
    List<HasMetadata> applied = applyAtOnce(manifests.stream()
        .<Callable<HasMetadata>>map(m -> () -> kubernetes.resource(m).create()).toList());
    Duration apply = Duration.ofNanos(System.nanoTime() - start);
    awaitAllReady(size, applied);
    Work minimal = new Work(size.resources(), size.resources() + size.listReads(), (long) WRITES_PER_CREATE * size.resources());
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
    record(scenario, size, start, Duration.ZERO, new Work(0, 3 * size.listReads(), 0), requests);
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
    List<HasMetadata> applied = applyAtOnce(targetings.stream()
        .<Callable<HasMetadata>>map(t -> () -> kubernetes.resource(t).create()).toList());
    Duration apply = Duration.ofNanos(System.nanoTime() - start);
    awaitAllReady(size, applied);
    Work minimal = new Work(targetings.size(), 2L * targetings.size(), (long) WRITES_PER_TAKE_OVER * targetings.size());
    record(scenario, size, start, apply, minimal, kubernetesRequests());
  }

  /**
   * Steady state with targetings: LaunchDarkly's listing does not show targeting, so each targeted config
   * is read once per resync interval on top of the listings (one read shows all its environments).
   */
  private void steadyStateWithTargetings(String scenario, Size size, int configs) throws InterruptedException {
    long start = mark();
    Thread.sleep(RESYNC.multipliedBy(3).toMillis());
    record(scenario, size, start, Duration.ZERO, new Work(0, 3 * (size.listReads() + configs), 0), kubernetesRequests());
  }

  private void churn(String scenario, Size size) {
    List<AIConfigVariation> variations = kubernetes.resources(AIConfigVariation.class).inNamespace(size.namespace()).list().getItems();
    List<AIConfigVariation> changed = variations.subList(0, variations.size() / 10);
    long start = mark();
    List<HasMetadata> applied = applyAtOnce(changed.stream()
        .<Callable<HasMetadata>>map(variation -> () -> kubernetes.resources(AIConfigVariation.class)
            .inNamespace(size.namespace()).withName(variation.getMetadata().getName())
            .edit(v -> {
              v.getSpec().setMessages(List.of(new Message("system", "Churned " + v.getMetadata().getName())));
              return v;
            })).toList());
    Duration apply = Duration.ofNanos(System.nanoTime() - start);
    awaitAllReady(size, applied);
    Work minimal = new Work(changed.size(), changed.size(), (long) WRITES_PER_UPDATE * changed.size());
    record(scenario, size, start, apply, minimal, kubernetesRequests());
  }

  /**
   * B6's project: per config an AI tool {@code tool-c} and a prompt snippet {@code snippet-c}; variation
   * {@code follows} uses both at their current versions ({@code toolRef}, {@code {{snippet.KEY}}}),
   * {@code pinned} uses version 1 of each.
   */
  record Pins(String project, String namespace, int configs) {
    int resources() {
      return configs * 5;
    }

    /** Configs (100 a page), model configs, tools and snippets: one page each here. */
    long listReads() {
      return 2L * ((configs + 99) / 100) + 1 + (configs + 99) / 100;
    }
  }

  private void convergePins(String scenario, Pins pins) {
    launchDarkly.addProject(pins.project());
    List<HasMetadata> manifests = new ArrayList<>();
    for (int c = 0; c < pins.configs(); c++) {
      String config = "config-" + c;
      String tool = "tool-" + c;
      String snippet = "snippet-" + c;
      manifests.add(inNamespace(aiConfig(config, spec -> spec.setProjectKey(pins.project())), pins.namespace()));
      manifests.add(inNamespace(aiTool(tool, spec -> spec.setProjectKey(pins.project())), pins.namespace()));
      manifests.add(inNamespace(promptSnippet(snippet, spec -> spec.setProjectKey(pins.project())), pins.namespace()));
      manifests.add(inNamespace(variation(config + "-follows", config, spec -> {
        spec.setKey("follows");
        spec.setMessages(List.of(new Message("system", "{{snippet.%s}} Help.".formatted(snippet))));
        spec.setTools(List.of(Tool.ref(tool, null)));
      }), pins.namespace()));
      manifests.add(inNamespace(variation(config + "-pinned", config, spec -> {
        spec.setKey("pinned");
        spec.setMessages(List.of(new Message("system", "{{snippet.%s#1}} Help.".formatted(snippet))));
        spec.setTools(List.of(Tool.ref(tool, 1)));
      }), pins.namespace()));
    }
    Collections.shuffle(manifests, new Random(6));
    long start = mark();
    List<HasMetadata> applied = applyAtOnce(manifests.stream()
        .<Callable<HasMetadata>>map(m -> () -> kubernetes.resource(m).create()).toList());
    Duration apply = Duration.ofNanos(System.nanoTime() - start);
    awaitAllReady(pins.namespace(), applied);
    Work minimal = new Work(pins.resources(), pins.resources() + pins.listReads(), (long) WRITES_PER_CREATE * pins.resources());
    record(scenario, pins.project(), pins.resources(), start, apply, minimal, kubernetesRequests());
  }

  private void steadyStatePins(String scenario, Pins pins) throws InterruptedException {
    long start = mark();
    Thread.sleep(RESYNC.multipliedBy(3).toMillis());
    record(scenario, pins.project(), pins.resources(), start, Duration.ZERO, new Work(0, 3 * pins.listReads(), 0),
        kubernetesRequests());
  }

  /**
   * The first {@link #BUMPED} tools (or snippets) get a spec change: one PATCH each, a new version, and one
   * PATCH of each variation that follows it; the variations that pin version 1 are not touched.
   */
  private void bump(String scenario, Pins pins, Class<? extends CustomResource<?, ?>> kind, String prefix,
      Consumer<HasMetadata> change) {
    long start = mark();
    List<HasMetadata> applied = applyAtOnce(IntStream.range(0, BUMPED)
        .<Callable<HasMetadata>>mapToObj(c -> () -> kubernetes.resources(kind).inNamespace(pins.namespace())
            .withName(prefix + c).edit(resource -> {
              change.accept(resource);
              return resource;
            })).toList());
    Duration apply = Duration.ofNanos(System.nanoTime() - start);
    awaitAllReady(pins.namespace(), applied);
    String variationPath = "/api/v2/projects/%s/ai-configs/".formatted(pins.project());
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (launchDarkly.calls().stream().filter(call -> call.receivedAt() >= windowStartMillis)
        .filter(call -> "PATCH".equals(call.method()) && call.route() == Route.VARIATION && call.path().startsWith(variationPath))
        .count() < BUMPED && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(50));
    }
    awaitAllReady(pins.namespace(), applied);
    Map<String, Long> requests = kubernetesRequests();
    List<String> pinnedPatched = launchDarkly.calls().stream().filter(call -> call.receivedAt() >= windowStartMillis)
        .filter(call -> "PATCH".equals(call.method()) && call.path().endsWith("/variations/pinned")).map(Call::path).toList();
    System.out.println("  %s: variations pinning version 1 patched: %s".formatted(scenario, pinnedPatched));
    Work minimal = new Work(2 * BUMPED, 2L * BUMPED, (long) WRITES_PER_UPDATE * 2 * BUMPED);
    record(scenario, pins.project(), 2 * BUMPED, start, apply, minimal, requests);
  }

  /**
   * B7's project: {@code graphs} agent graphs {@code graph-g}, each over agent-mode AI Configs of its own,
   * {@code agent-g-0} (the root) handing off to {@code agent-g-1} and the others.
   */
  record Graphs(String project, String namespace, int graphs) {
    int configs() {
      return graphs * AGENTS_PER_GRAPH;
    }

    int resources() {
      return configs() + graphs;
    }

    /** Configs (100 a page), model configs, and agent graphs (100 a page). */
    long listReads() {
      return (configs() + 99) / 100 + 1 + (graphs + 99) / 100;
    }
  }

  /**
   * The graphs and their configs applied at once, in random order: each graph waits for its configs, then is
   * made with one POST; at least one listing of the project, graphs included.
   */
  private void convergeGraphs(String scenario, Graphs graphs) {
    launchDarkly.addProject(graphs.project());
    ObjectNode handoff = JsonNodeFactory.instance.objectNode().put("reason", "needs a specialist");
    List<HasMetadata> manifests = new ArrayList<>();
    for (int g = 0; g < graphs.graphs(); g++) {
      int graph = g;
      List<String> agents = IntStream.range(0, AGENTS_PER_GRAPH).mapToObj(a -> "agent-%d-%d".formatted(graph, a)).toList();
      agents.forEach(agent -> manifests.add(inNamespace(aiConfig(agent, spec -> {
        spec.setProjectKey(graphs.project());
        spec.setMode(AIConfigMode.agent);
      }), graphs.namespace())));
      manifests.add(inNamespace(agentGraph("graph-" + graph, spec -> {
        spec.setProjectKey(graphs.project());
        spec.setRoot(GraphNode.ref(agents.get(0)));
        spec.setEdges(agents.stream().skip(1).map(target ->
            new GraphEdge("to-" + target, GraphNode.ref(agents.get(0)), GraphNode.ref(target), handoff)).toList());
      }), graphs.namespace()));
    }
    Collections.shuffle(manifests, new Random(7));
    long start = mark();
    List<HasMetadata> applied = applyAtOnce(manifests.stream()
        .<Callable<HasMetadata>>map(m -> () -> kubernetes.resource(m).create()).toList());
    Duration apply = Duration.ofNanos(System.nanoTime() - start);
    awaitAllReady(graphs.namespace(), applied);
    Work minimal = new Work(graphs.resources(), graphs.resources() + graphs.listReads(),
        (long) WRITES_PER_CREATE * graphs.resources());
    record(scenario, graphs.project(), graphs.resources(), start, apply, minimal, kubernetesRequests());
  }

  /** At rest: per resync interval one listing of the project, graphs included, and no graph read one by one. */
  private void steadyStateGraphs(String scenario, Graphs graphs) throws InterruptedException {
    long start = mark();
    Thread.sleep(RESYNC.multipliedBy(3).toMillis());
    record(scenario, graphs.project(), graphs.resources(), start, Duration.ZERO, new Work(0, 3 * graphs.listReads(), 0),
        kubernetesRequests());
  }

  /** Applies the changes from several threads, as a GitOps sync of a whole directory would; answers what the API server stored. */
  private static List<HasMetadata> applyAtOnce(List<Callable<HasMetadata>> changes) {
    ExecutorService appliers = Executors.newFixedThreadPool(APPLIERS);
    try {
      List<Future<HasMetadata>> applied = changes.stream().map(appliers::submit).collect(Collectors.toList());
      List<HasMetadata> stored = new ArrayList<>();
      for (Future<HasMetadata> future : applied) {
        stored.add(future.get());
      }
      return stored;
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

  private void record(String scenario, Size size, long startNanos, Duration apply, Work minimal,
      Map<String, Long> kubernetesRequests) {
    record(scenario, size.project(), size.resources(), startNanos, apply, minimal, kubernetesRequests);
  }

  private void record(String scenario, String project, int resources, long startNanos, Duration apply, Work minimal,
      Map<String, Long> kubernetesRequests) {
    Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
    String projectPath = "/api/v2/projects/" + project + "/";
    List<Call> calls = launchDarkly.calls().stream().filter(c -> c.path().startsWith(projectPath))
        .filter(c -> c.receivedAt() >= windowStartMillis).toList();
    Map<String, Long> byMethod = calls.stream().collect(Collectors.groupingBy(Call::method, TreeMap::new, Collectors.counting()));
    long rateLimited = calls.stream().filter(c -> c.status() == 429).count();
    Row row = new Row(scenario, resources, byMethod, minimal,
        cluster.countsRequests() ? writesOtherThanLeases(kubernetesRequests) : null, apply, wall,
        launchDarklyBound(scenario, minimal.calls()), Duration.ofMillis((long) (minimal.writes() * 1000 / writeRate.perSecond())),
        rateLimited, operator.peakHeapMb(), operator.peakRssMb());
    rows.add(row);
    System.out.println(row.format());
    System.out.println("  calls by route and status: " + calls.stream().collect(Collectors.groupingBy(
        c -> c.method() + " " + c.route() + " " + c.status(), TreeMap::new, Collectors.counting())));
    calls.stream().filter(c -> c.status() == 400 || c.status() == 409).limit(3).forEach(refused ->
        System.out.println("  refused: %d %s %s %s".formatted(refused.status(), refused.method(), refused.path(), refused.requestBody())));
    if (!cluster.countsRequests()) {
      System.out.println("  Kubernetes API requests: not counted on a real cluster");
      return;
    }
    System.out.println("  the operator's Kubernetes API requests: " + kubernetesRequests);
    if (minimal.changed() > 0) {
      System.out.println("  per changed resource: " + kubernetesRequests.entrySet().stream().collect(Collectors.toMap(
          Map.Entry::getKey, request -> "%.2f".formatted((double) request.getValue() / minimal.changed()),
          (a, b) -> a, TreeMap::new)));
    }
  }

  /** Minimal calls ÷ allowed rate, or × latency ÷ concurrency where that is longer; steady states last three intervals. */
  private static Duration launchDarklyBound(String scenario, long minimalCalls) {
    if (scenario.contains("steady")) {
      return RESYNC.multipliedBy(3);
    }
    Duration throttled = Duration.ofMillis(minimalCalls * 1000 / RPS);
    Duration latency = Duration.ofMillis(minimalCalls * LATENCY_MS / CONCURRENCY);
    return throttled.compareTo(latency) > 0 ? throttled : latency;
  }

  /** The operator's requests to the API server since the last call, by method and resource. */
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
    return inNamespace(resource, size.namespace());
  }

  private static HasMetadata inNamespace(HasMetadata resource, String namespace) {
    resource.getMetadata().setNamespace(namespace);
    return resource;
  }

  private void awaitAllReady(Size size, List<HasMetadata> applied) {
    awaitAllReady(size.namespace(), applied);
  }

  private void awaitAllReady(String namespace, List<HasMetadata> applied) {
    WatchedResources resources = watched.computeIfAbsent(namespace, watchedNamespace -> WatchedResources.in(kubernetes, watchedNamespace));
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (resources.allReady(applied)) {
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
        %s, %s; latency %d ms, allowed rate %d calls/s, concurrency %d, resync %s; \
        operator JVM: %s (heap and RSS are the operator's)
        | scenario | resources | calls by method | calls | minimal | calls/minimal | k8s writes | minimal writes \
        | apply | wall | LD bound | k8s bound | time/bound | 429s | peak heap | peak RSS |
        |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
        """.formatted(clusterName, writeRate, LATENCY_MS, RPS, CONCURRENCY, RESYNC, OPERATOR_JVM);
    String table = header + rows.stream().map(Row::format).collect(Collectors.joining("\n")) + "\n";
    System.out.print(table);
    Path dir = Path.of("target", "benchmark");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md"), table);
  }
}
