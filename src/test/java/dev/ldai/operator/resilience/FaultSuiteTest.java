package dev.ldai.operator.resilience;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.agentGraph;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.agentgraph.GraphEdge;
import dev.ldai.operator.agentgraph.GraphNode;
import dev.ldai.operator.aiconfig.AIConfigMode;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.VersionOrder;
import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.testing.Convergence;
import dev.ldai.operator.testing.LogCapture;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.Message;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 200 resources, and 5 agent graphs over 10 agent-mode configs, against a LaunchDarkly that answers 10% of calls with 503, loses 1% of answers after
 * applying the call, refuses every call with 429 for one second in three, answers the next reads of a patched object
 * with its state from before the PATCH, and lists the versions of a variation in no particular order.
 * Everything converges; nothing is created twice; every spec change makes exactly one variation version; no
 * call breaks a rate-limit pause; every graph ends with the handoff its spec last gave; the token shows up nowhere. The figures are printed and written to
 * {@code target/fault-suite.txt}.
 */
@QuarkusTest
class FaultSuiteTest extends ComponentTest {

  static final int MODEL_CONFIGS = 20;
  static final int CONFIGS = 60;
  static final int VARIATIONS_PER_CONFIG = 2;
  static final int CHANGED_ONCE = 40;
  static final int CHANGED_TWICE = 20;
  static final int AGENT_GRAPHS = 5;
  static final Duration CONVERGENCE = Duration.ofMinutes(4);
  /** How long the operator may take to read a 429 the stand-in answered. */
  static final Duration IN_FLIGHT_GRACE = Duration.ofMillis(150);
  /** Reads of a patched config or variation that still answer its state from before the PATCH. */
  static final int STALE_READS_AFTER_PATCH = 2;
  /** Logged at DEBUG during the suite, to prove the token is not in the logs at any level. */
  static final List<String> VERBOSE_CATEGORIES = List.of(
      "dev.ldai", "io.quarkus.rest.client", "org.jboss.resteasy.reactive.client");

  @Inject LdaiConfig config;
  ScheduledExecutorService bursts;

  @BeforeEach
  void startBurstScheduler() {
    bursts = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stopBursts() {
    bursts.shutdownNow();
  }

  @Test
  void twoHundredResourcesAndFiveAgentGraphsConvergeThroughFaultsWithoutDuplicatesOrLostVersions() throws IOException {
    List<HasMetadata> manifests = manifests();
    Collections.shuffle(manifests, new Random(7));
    Map<Logger, Level> levelsBefore = new java.util.HashMap<>();
    for (String category : VERBOSE_CATEGORIES) {
      Logger logger = Logger.getLogger(category);
      levelsBefore.put(logger, logger.getLevel());
    }
    long started = System.nanoTime();
    try (LogCapture logs = LogCapture.install()) {
      levelsBefore.keySet().forEach(logger -> logger.setLevel(Level.FINE));
      launchDarkly.failRandomly(null, null, 0.10, 503);
      launchDarkly.loseResponsesRandomly(null, null, 0.01);
      launchDarkly.staleReadsAfterPatch(STALE_READS_AFTER_PATCH);
      launchDarkly.versionOrder(VersionOrder.SHUFFLED);
      bursts.scheduleAtFixedRate(
          () -> launchDarkly.rateLimitFor(null, null, Duration.ofSeconds(1)), 1, 3, TimeUnit.SECONDS);

      manifests.forEach(cluster::create);
      awaitAllReady();
      long converged = System.nanoTime();

      List<String> variations = variationNames();
      changeMessages(variations.subList(0, CHANGED_ONCE), 1);
      changeMessages(variations.subList(0, CHANGED_TWICE), 2);
      changeHandoffs();
      long changed = System.nanoTime();

      bursts.shutdownNow();
      List<Call> calls = launchDarkly.calls();
      Map<String, Long> faults = launchDarkly.faultsInjected();

      Map<String, Long> createsPerObject = Convergence.appliedCreatesPerObject(calls);
      assertThat(createsPerObject).hasSize(manifests.size());
      Map<String, Long> duplicates = createsPerObject.entrySet().stream()
          .filter(e -> e.getValue() != 1).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      assertThat(duplicates).isEmpty();

      List<String> lostOrExtra = new ArrayList<>();
      for (int i = 0; i < variations.size(); i++) {
        int expected = 1 + (i < CHANGED_TWICE ? 2 : i < CHANGED_ONCE ? 1 : 0);
        AIConfigVariation variation = cluster.get(AIConfigVariation.class, variations.get(i));
        String parent = variation.getSpec().getConfigRef().getName();
        String key = variation.getSpec().getKey() == null ? variation.getMetadata().getName() : variation.getSpec().getKey();
        int held = launchDarkly.variationVersions(PROJECT, parent, key).size();
        if (held != expected || !Integer.valueOf(expected).equals(variation.getStatus().getTotalCount())) {
          String path = "/ai-configs/%s/variations".formatted(parent);
          lostOrExtra.add("%s: %d versions expected, LaunchDarkly holds %d, status.totalCount %s; its calls: %s"
              .formatted(variations.get(i), expected, held, variation.getStatus().getTotalCount(),
                  calls.stream().filter(c -> c.path().endsWith(path + "/" + key)
                          || c.path().endsWith(path) && c.requestBody() != null && c.requestBody().contains("\"" + key + "\""))
                      .map(c -> c.method() + " " + c.status()).toList()));
        }
      }
      int lostOrExtraVersions = lostOrExtra.size();
      assertThat(lostOrExtra).isEmpty();

      for (int g = 0; g < AGENT_GRAPHS; g++) {
        ObjectNode graph = launchDarkly.agentGraph(PROJECT, "graph-" + g).orElseThrow();
        assertThat(graph.path("rootConfigKey").asText()).isEqualTo("agent-" + 2 * g);
        assertThat(graph.path("edges")).hasSize(1);
        JsonNode edge = graph.path("edges").get(0);
        assertThat(edge.path("targetConfig").asText()).isEqualTo("agent-" + (2 * g + 1));
        assertThat(edge.path("handoff").path("round").asInt()).as("graph-%d's handoff", g).isEqualTo(1);
      }

      List<String> pauseBreaches = callsDuringRateLimitPauses(calls);
      assertThat(pauseBreaches).isEmpty();

      assertThat(faults.getOrDefault("5xx", 0L)).isPositive();
      assertThat(faults.getOrDefault("429", 0L)).isPositive();
      assertThat(faults.getOrDefault("lost-response", 0L)).isPositive();
      assertThat(faults.getOrDefault("stale-read", 0L)).isPositive();

      String everythingVisible = cluster.resources().stream()
          .map(Serialization::asJson)
          .collect(Collectors.joining("\n"))
          + kubernetes.events().v1().events().inNamespace(cluster.namespace()).list().getItems().stream()
              .map(Serialization::asJson).collect(Collectors.joining("\n"));
      assertThat(everythingVisible).doesNotContain(LaunchDarklyStandIn.DEFAULT_TOKEN);
      assertThat(logs.lines())
          .anyMatch(line -> line.contains("LaunchDarkly PATCH"))
          .noneMatch(line -> line.contains(LaunchDarklyStandIn.DEFAULT_TOKEN));

      report(manifests.size(), faults, calls, duplicates.size(), lostOrExtraVersions, pauseBreaches.size(),
          Duration.ofNanos(converged - started), Duration.ofNanos(changed - converged), logs.lines().size());
    } finally {
      levelsBefore.forEach(Logger::setLevel);
    }
  }

  private static List<HasMetadata> manifests() {
    List<HasMetadata> manifests = new ArrayList<>();
    for (int m = 0; m < MODEL_CONFIGS; m++) {
      manifests.add(modelConfig("model-" + m, spec -> {}));
    }
    for (int c = 0; c < CONFIGS; c++) {
      String config = "config-" + c;
      manifests.add(aiConfig(config, spec -> {}));
      for (int v = 0; v < VARIATIONS_PER_CONFIG; v++) {
        String model = "model-" + ((c * VARIATIONS_PER_CONFIG + v) % MODEL_CONFIGS);
        String key = "v" + v;
        manifests.add(variation(config + "-v" + v, config, spec -> {
          spec.setKey(key);
          spec.setModelConfigRef(new LocalReference(model));
        }));
      }
    }
    for (int g = 0; g < AGENT_GRAPHS; g++) {
      String root = "agent-" + 2 * g;
      String target = "agent-" + (2 * g + 1);
      manifests.add(aiConfig(root, spec -> spec.setMode(AIConfigMode.agent)));
      manifests.add(aiConfig(target, spec -> spec.setMode(AIConfigMode.agent)));
      manifests.add(agentGraph("graph-" + g, spec -> {
        spec.setRoot(GraphNode.ref(root));
        spec.setEdges(List.of(new GraphEdge("handoff", GraphNode.ref(root), GraphNode.ref(target), handoff(0))));
      }));
    }
    return manifests;
  }

  /** A new handoff for every graph's edge: under faults, one PATCH of root and edges each, applied once. */
  private void changeHandoffs() {
    for (int g = 0; g < AGENT_GRAPHS; g++) {
      cluster.edit(AIAgentGraph.class, "graph-" + g, graph -> {
        graph.getSpec().getEdges().get(0).setHandoff(handoff(1));
        return graph;
      });
    }
    awaitAllReady();
  }

  private static ObjectNode handoff(int round) {
    return JsonNodeFactory.instance.objectNode().put("round", round);
  }

  private List<String> variationNames() {
    return kubernetes.resources(AIConfigVariation.class).inNamespace(cluster.namespace()).list().getItems().stream()
        .map(v -> v.getMetadata().getName())
        .sorted()
        .toList();
  }

  private void changeMessages(List<String> names, int round) {
    for (String name : names) {
      cluster.edit(AIConfigVariation.class, name, v -> {
        v.getSpec().setMessages(List.of(new Message("system", "You are " + name + ", revision " + round + ".")));
        return v;
      });
    }
    awaitAllReady();
  }

  /** Every resource Ready at its current generation. */
  private void awaitAllReady() {
    try {
      await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500))
          .until(() -> Convergence.allReady(kubernetes, cluster.namespace()));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Not Ready within %s: %s".formatted(CONVERGENCE,
          String.join("; ", Convergence.notReady(kubernetes, cluster.namespace()))), e);
    }
  }

  /** Calls that arrived after a 429 was answered (beyond the in-flight grace) and before its retry time. */
  /**
   * Calls that arrived during a 429's pause and cannot have been on the wire before the operator read the
   * 429. Once it has read it, it sends nothing until the pause ends; until then it may have started up to
   * {@code maxConcurrentRequests - 1} other calls (it holds no more per token, and the 429 keeps its slot
   * until the pause is recorded). So a call is a breach when it arrived more than {@link #IN_FLIGHT_GRACE}
   * after the 429 (time for the operator to read it) and after as many other late arrivals as may have
   * been in flight: a busy machine that delivers in-flight calls late does not make them breaches.
   */
  private List<String> callsDuringRateLimitPauses(List<Call> calls) {
    int mayBeInFlight = config.launchdarkly().rateLimit().maxConcurrentRequests() - 1;
    List<String> breaches = new ArrayList<>();
    for (Call limit : calls.stream().filter(c -> c.status() == 429).toList()) {
      calls.stream()
          .filter(c -> c.status() != 401) // another token's call (an earlier test's): not bound by this pause
          .filter(c -> c.receivedAt() > limit.receivedAt() + IN_FLIGHT_GRACE.toMillis()
              && c.receivedAt() < limit.retryAt())
          .sorted(Comparator.comparingLong(Call::receivedAt))
          .skip(mayBeInFlight)
          .forEach(c -> breaches.add(c.method() + " " + c.path() + " at " + c.receivedAt()
              + " during the pause " + limit.receivedAt() + ".." + limit.retryAt()));
    }
    return breaches;
  }

  private static void report(int resources, Map<String, Long> faults, List<Call> calls, int duplicates, int lost,
      int pauseBreaches, Duration convergence, Duration changes, int logLines) throws IOException {
    Map<String, Long> byMethod = calls.stream()
        .collect(Collectors.groupingBy(Call::method, TreeMap::new, Collectors.counting()));
    String text = """
        fault suite: %d resources (%d model configs, %d configs, %d variations, %d agent graphs over %d agent configs),
        %d + %d message changes, %d handoff changes
        injected faults by kind: %s (429s for one second in three; reads stale for %d reads after each PATCH; versions listed shuffled)
        LaunchDarkly calls by method: %s (total %d)
        duplicate creates: %d, lost or extra variation versions: %d, calls inside a 429 pause: %d
        converged in %.1f s; changes applied in %.1f s; %d log lines captured at DEBUG, token found in 0
        """.formatted(resources, MODEL_CONFIGS, CONFIGS, CONFIGS * VARIATIONS_PER_CONFIG, AGENT_GRAPHS, 2 * AGENT_GRAPHS,
        CHANGED_ONCE, CHANGED_TWICE, AGENT_GRAPHS, faults, STALE_READS_AFTER_PATCH, byMethod, calls.size(), duplicates, lost, pauseBreaches,
        convergence.toMillis() / 1000.0, changes.toMillis() / 1000.0, logLines);
    System.out.print(text);
    Files.writeString(Path.of("target", "fault-suite.txt"), text);
  }
}
