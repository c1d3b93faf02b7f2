package dev.ldai.operator.resilience;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.aiconfig.AIConfig;
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
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.testing.InformersWatching;
import dev.ldai.operator.testing.Convergence;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.AIConfigVariationReconciler;
import dev.ldai.operator.variation.Message;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Kills the operator while it converges — the application's own first, then a new instance whose
 * Kubernetes connection is cut before it stops, so writes in flight are lost as in a crash — and again
 * while spec changes are being applied, starting a new instance each time. The end state must be as if it
 * had never stopped: everything Ready, one create per LaunchDarkly object, one version per spec change, no
 * finalizer left behind. Runs in a JVM of its own (see the surefire executions in pom.xml), since the
 * application's operator does not come back.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartTest extends ComponentTest {

  static final int MODEL_CONFIGS = 10;
  static final int CONFIGS = 20;
  static final int VARIATIONS_PER_CONFIG = 2;
  static final int CHANGED = 15;
  static final Duration CONVERGENCE = Duration.ofMinutes(2);

  @Inject LdaiConfig config;
  @Inject CredentialsResolver credentials;
  @Inject LaunchDarklyEndpoint endpoint;
  @Inject EventRecorder events;
  @Inject Clock clock;
  @Inject LaunchDarklyMetrics metrics;

  /** One operator process: its own Kubernetes connection, LaunchDarkly clients, rate limiters and state. */
  record Instance(Operator operator, KubernetesClient client, ProjectPoller poller) {
    void kill() {
      client.close();
      poller.stop();
      operator.stop();
    }
  }

  @BeforeEach
  void slowLaunchDarklyDown() {
    launchDarkly.latency(Duration.ofMillis(15));
  }

  @Test
  @Order(1)
  void killedTwiceWhileConvergingTheOperatorEndsAsIfItHadNeverStopped() {
    List<HasMetadata> manifests = manifests();
    Collections.shuffle(manifests, new Random(11));
    manifests.forEach(cluster::create);

    await().atMost(CONVERGENCE).until(() -> launchDarkly.count("POST") >= manifests.size() / 3);
    applicationOperator.stop();
    Instance second = start();
    await().atMost(CONVERGENCE).until(() -> launchDarkly.count("POST") >= 2 * manifests.size() / 3);
    second.kill();
    Instance third = start();
    awaitAllReady();

    List<String> variations = kubernetes.resources(AIConfigVariation.class).inNamespace(cluster.namespace()).list()
        .getItems().stream().map(v -> v.getMetadata().getName()).sorted().toList();
    long patchesBefore = launchDarkly.count("PATCH");
    for (String name : variations.subList(0, CHANGED)) {
      cluster.edit(AIConfigVariation.class, name, v -> {
        v.getSpec().setMessages(List.of(new Message("system", "Changed " + name + ".")));
        return v;
      });
    }
    await().atMost(CONVERGENCE).until(() -> launchDarkly.count("PATCH") >= patchesBefore + CHANGED / 2);
    third.kill();
    Instance fourth = start();
    awaitAllReady();

    assertThat(Convergence.appliedCreatesPerObject(launchDarkly.calls())).hasSize(manifests.size()).allSatisfy((object, creates) ->
        assertThat(creates).as(object).isEqualTo(1L));
    for (int i = 0; i < variations.size(); i++) {
      AIConfigVariation variation = cluster.get(AIConfigVariation.class, variations.get(i));
      int expected = i < CHANGED ? 2 : 1;
      assertThat(launchDarkly.variationVersions(PROJECT, variation.getSpec().getConfigRef().getName(),
          variation.getSpec().getKey())).as(variation.getMetadata().getName()).hasSize(expected);
      assertThat(variation.getStatus().getTotalCount()).isEqualTo(expected);
    }

    // Restarted with everything in sync, the operator reads nothing one by one: its listings find any drift.
    long readsBefore = singleObjectReads();
    fourth.kill();
    Instance fifth = start();
    long listings = launchDarkly.count("GET", Route.CONFIGS);
    await().atMost(CONVERGENCE).until(() -> launchDarkly.count("GET", Route.CONFIGS) >= listings + 2);
    assertThat(singleObjectReads()).isEqualTo(readsBefore);

    cluster.deleteAllAndAwait();
    assertThat(launchDarkly.config(PROJECT, "config-0")).isEmpty();
    assertThat(launchDarkly.modelConfig(PROJECT, "model-0")).isEmpty();
    fifth.kill();
  }

  /**
   * A parent whose spec changed while no operator ran is Ready=True at its old generation when the operator
   * starts: its variations wait for it to catch up, and must be woken when it has, not by a later event.
   */
  @Test
  @Order(2)
  void aParentChangedWhileTheOperatorWasStoppedDoesNotStrandItsVariations() {
    applicationOperator.stop();
    Instance first = start();
    cluster.create(aiConfig("edited-offline", spec -> {}));
    cluster.create(variation("edited-offline-v", "edited-offline", spec -> {}));
    cluster.awaitReady(AIConfigVariation.class, "edited-offline-v");
    cluster.awaitReady(AIConfig.class, "edited-offline");
    first.kill();

    cluster.edit(AIConfig.class, "edited-offline", c -> {
      c.getSpec().setDescription("Edited while the operator was stopped");
      return c;
    });
    cluster.edit(AIConfigVariation.class, "edited-offline-v", v -> {
      v.getSpec().setInstructions("Edited while the operator was stopped.");
      return v;
    });
    Instance second = start();

    cluster.awaitReady(AIConfig.class, "edited-offline");
    AIConfigVariation variation = cluster.awaitReady(AIConfigVariation.class, "edited-offline-v");
    assertThat(variation.getStatus().getVersion()).isEqualTo(2);
    cluster.deleteAllAndAwait();
    second.kill();
  }

  private long singleObjectReads() {
    return launchDarkly.count("GET", Route.CONFIG) + launchDarkly.count("GET", Route.VARIATION)
        + launchDarkly.count("GET", Route.MODEL_CONFIG);
  }

  private Instance start() {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(kubernetes.getConfiguration()).build();
    RestLaunchDarklyClients clients = new RestLaunchDarklyClients(endpoint, config, clock, metrics);
    ProjectPoller poller = new ProjectPoller(clients, config, clock);
    ReconcileSupport support = new ReconcileSupport(clients, credentials, config, clock, events, poller);
    Operator operator = new Operator(o -> o.withKubernetesClient(client)
        .withUseSSAToPatchPrimaryResource(false)
        .withCloseClientOnStop(false)
        .withReconciliationTerminationTimeout(Duration.ofMillis(200)));
    operator.register(new AIModelConfigReconciler(support, new ModelConfigUsage()));
    operator.register(new AIConfigReconciler(support));
    operator.register(new AIConfigVariationReconciler(support));
    operator.start();
    await().atMost(Cluster.TIMEOUT).until(() -> InformersWatching.of(operator));
    poller.start();
    return new Instance(operator, client, poller);
  }


  private static List<HasMetadata> manifests() {
    List<HasMetadata> manifests = new ArrayList<>();
    for (int m = 0; m < MODEL_CONFIGS; m++) {
      manifests.add(modelConfig("model-" + m, spec -> {}));
    }
    for (int c = 0; c < CONFIGS; c++) {
      String parent = "config-" + c;
      manifests.add(aiConfig(parent, spec -> {}));
      for (int v = 0; v < VARIATIONS_PER_CONFIG; v++) {
        String key = "v" + v;
        String model = "model-" + ((c * VARIATIONS_PER_CONFIG + v) % MODEL_CONFIGS);
        manifests.add(variation(parent + "-" + key, parent, spec -> {
          spec.setKey(key);
          spec.setInstructions("Answer as " + key + ".");
          spec.setModelConfigRef(new LocalReference(model));
        }));
      }
    }
    return manifests;
  }

  private void awaitAllReady() {
    await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250))
        .until(() -> Convergence.allReady(kubernetes, cluster.namespace()));
  }
}
