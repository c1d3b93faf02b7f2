package dev.ldai.operator.benchmark;

import static dev.ldai.operator.testing.Manifests.modelConfig;

import dev.ldai.operator.modelconfig.AIModelConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The writes per second an API server sustains, measured by the harness before the operator starts: status
 * writes as the operator sends them (a JSON merge patch of the status subresource, each with a new condition
 * message so that none is a no-op), from {@code threads} threads at once, on a throwaway AIModelConfig that is
 * deleted before the operator could see it.
 */
final class WriteRate {

  static final int WRITES = 1000;

  private WriteRate() {}

  static double measure(KubernetesClient client, String namespace, int threads) {
    AIModelConfig probe = modelConfig("write-rate-probe", spec -> spec.setProjectKey("write-rate"));
    probe.getMetadata().setNamespace(namespace);
    client.resource(probe).create();
    ExecutorService writers = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> writes = IntStream.range(0, WRITES)
          .<Future<?>>mapToObj(write -> writers.submit(() -> writeStatus(client, probe, write))).toList();
      for (Future<?> write : writes) {
        write.get();
      }
      return WRITES * 1e9 / (System.nanoTime() - start);
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("measuring the API server's write rate failed", e);
    } finally {
      writers.shutdown();
      client.resource(probe).delete();
    }
  }

  private static void writeStatus(KubernetesClient client, AIModelConfig probe, int write) {
    String status = """
        {"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"False","reason":"Reconciling",\
        "message":"write %d","observedGeneration":1,"lastTransitionTime":"%s"}]}}""".formatted(write, Instant.now());
    client.resources(AIModelConfig.class).inNamespace(probe.getMetadata().getNamespace())
        .withName(probe.getMetadata().getName()).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), status);
  }
}
