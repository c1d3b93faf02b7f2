package dev.ldai.operator.benchmark;

import static dev.ldai.operator.testing.Manifests.modelConfig;

import dev.ldai.operator.modelconfig.AIModelConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The writes per second an API server sustains, measured by the harness before the operator starts: status
 * writes as the operator sends them (a JSON merge patch of the status subresource, each with a new condition
 * message so that none is a no-op) on throwaway AIModelConfigs, deleted before the operator could see them.
 * The operator writes from many reconciler threads at once, each to a resource of its own, so the rate is the
 * best of several numbers of writers, and the writes go round as many resources as there are writers at most
 * (concurrent patches of one resource conflict inside the API server and retry there).
 *
 * @param perSecond the best rate
 * @param byWriters the rate measured with each number of writers
 */
record WriteRate(double perSecond, Map<Integer, Double> byWriters) {

  static final List<Integer> WRITERS = List.of(10, 20, 40, 80);
  static final int WRITES = 400;

  static WriteRate measure(KubernetesClient client, String namespace) {
    List<AIModelConfig> probes = IntStream.range(0, WRITERS.get(WRITERS.size() - 1)).mapToObj(probe -> {
      AIModelConfig resource = modelConfig("write-rate-probe-" + probe, spec -> spec.setProjectKey("write-rate"));
      resource.getMetadata().setNamespace(namespace);
      return client.resource(resource).create();
    }).toList();
    // A first round warms up the client and, on the mock, the server in this JVM (10 writers: 263 writes/s cold, 325 warm).
    rate(client, probes);
    Map<Integer, Double> byWriters = new LinkedHashMap<>();
    for (int writers : WRITERS) {
      byWriters.put(writers, rate(client, probes.subList(0, writers)));
    }
    probes.forEach(probe -> client.resource(probe).delete());
    return new WriteRate(byWriters.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(), byWriters);
  }

  /** The rate of as many writers as {@code probes}, each write to the next probe in turn. */
  private static double rate(KubernetesClient client, List<AIModelConfig> probes) {
    int writers = probes.size();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      long start = System.nanoTime();
      List<Future<?>> writes = IntStream.range(0, WRITES)
          .<Future<?>>mapToObj(write -> pool.submit(() -> writeStatus(client, probes.get(write % probes.size()), writers + "-" + write)))
          .toList();
      for (Future<?> write : writes) {
        write.get();
      }
      return WRITES * 1e9 / (System.nanoTime() - start);
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("measuring the API server's write rate failed", e);
    } finally {
      pool.shutdown();
    }
  }

  private static void writeStatus(KubernetesClient client, AIModelConfig probe, String write) {
    String status = """
        {"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"False","reason":"Reconciling",\
        "message":"write %s","observedGeneration":1,"lastTransitionTime":"%s"}]}}""".formatted(write, Instant.now());
    client.resources(AIModelConfig.class).inNamespace(probe.getMetadata().getNamespace())
        .withName(probe.getMetadata().getName()).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), status);
  }

  @Override
  public String toString() {
    return "%.0f status writes/s (best of %s writers: %s)".formatted(perSecond,
        byWriters.keySet().stream().map(String::valueOf).collect(Collectors.joining(", ")),
        byWriters.values().stream().map(rate -> "%.0f".formatted(rate)).collect(Collectors.joining(", ")));
  }
}
