package dev.ldai.operator.e2e;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.aiTool;
import static dev.ldai.operator.testing.Manifests.existingConfig;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.promptSnippet;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.helm.ChartIdentity;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.OnRealApiServer;
import dev.ldai.operator.testing.OperatorProcess;
import dev.ldai.operator.testing.RealApiServer;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.variation.AIConfigVariation;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster lost and rebuilt from Git (Argo CD after a disaster, a restore without status): the resources go
 * while the operator is down, LaunchDarkly keeps what it made, and a new operator process finds the same
 * manifests applied again. It takes its objects back by their owner tag, with no write to LaunchDarkly and no
 * AlreadyExists; an object someone else made is still refused. Packaged operator, real API server, stand-in.
 */
@OnRealApiServer
class ClusterRebuildTest {

  static final Duration BOUND = Duration.ofSeconds(60);
  static final Path WORK = Path.of("target", "packaged-operator").toAbsolutePath();

  static RealApiServer server;
  static Cluster cluster;
  static ChartIdentity identity;
  static LaunchDarklyStandIn launchDarkly;

  @BeforeAll
  static void startLaunchDarklyAndTheChartsIdentity() {
    server = RealApiServer.orSkip().withCrds();
    cluster = new Cluster(server.client(), ClusterRebuildTest.class);
    identity = ChartIdentity.render(cluster.namespace());
    identity.apply(server.client());
    launchDarkly = LaunchDarklyStandIn.start();
  }

  @AfterAll
  static void removeWhatTheClassMade() {
    if (identity != null) {
      cluster.loseAll();
      server.client().events().v1().events().inNamespace(cluster.namespace()).delete();
      server.client().leases().inNamespace(cluster.namespace()).withName(identity.leaseName()).delete();
      identity.delete(server.client());
    }
    if (launchDarkly != null) {
      launchDarkly.close();
    }
  }

  @Test
  void theSameManifestsOnARebuiltClusterTakeBackWhatTheOperatorMadeWithoutAWrite() throws Exception {
    int before = launchDarkly.calls().size();
    try (OperatorProcess first = startOperator("before")) {
      applyManifests();
      awaitAllReady();
    }
    assertThat(launchDarkly.calls().subList(before, launchDarkly.calls().size()))
        .filteredOn(call -> "POST".equals(call.method())).hasSize(5);
    cluster.loseAll();

    int mark = launchDarkly.calls().size();
    try (OperatorProcess rebuilt = startOperator("after")) {
      applyManifests();
      awaitAllReady();
      awaitPolls(mark, 2);

      List<Call> since = launchDarkly.calls().subList(mark, launchDarkly.calls().size());
      assertThat(since).as("LaunchDarkly writes after the rebuild")
          .filteredOn(call -> !"GET".equals(call.method())).isEmpty();
      Set<String> rebuiltUids = cluster.resources().stream().map(r -> r.getMetadata().getUid()).collect(Collectors.toSet());
      List<Event> events = server.client().events().v1().events().inNamespace(cluster.namespace()).list().getItems()
          .stream().filter(e -> rebuiltUids.contains(e.getRegarding().getUid())).toList();
      assertThat(events).extracting(Event::getReason).doesNotContain("AlreadyExists", "Created", "Adopted");
      assertThat(events).filteredOn(e -> "TookBack".equals(e.getReason()))
          .extracting(e -> e.getRegarding().getKind())
          .containsExactlyInAnyOrder("AIConfig", "AIModelConfig", "AIConfigVariation", "AITool", "PromptSnippet");
    }
  }

  @Test
  void anObjectSomeoneElseMadeIsStillRefusedAndNotPostedAgain() throws Exception {
    launchDarkly.putConfig(PROJECT, existingConfig("made-in-the-ui", "Made in the UI"));
    try (OperatorProcess operator = startOperator("foreign")) {
      cluster.create(aiConfig("made-in-the-ui", spec -> {}));
      AIConfig stalled = await("AlreadyExists").atMost(BOUND).until(() -> cluster.get(AIConfig.class, "made-in-the-ui"),
          c -> c != null && c.getStatus() != null && c.getStatus().isStalledFor(Reason.AlreadyExists));
      assertThat(Cluster.condition(stalled.getStatus(), ConditionTypes.READY).orElseThrow().getStatus()).isEqualTo("False");
      int mark = launchDarkly.calls().size();

      awaitPolls(mark, 2);

      assertThat(launchDarkly.calls().subList(mark, launchDarkly.calls().size()))
          .filteredOn(call -> "POST".equals(call.method())).isEmpty();
      assertThat(launchDarkly.config(PROJECT, "made-in-the-ui").orElseThrow().path("tags").toString())
          .doesNotContain(OwnerTag.PREFIX);
    }
  }

  private static void applyManifests() {
    cluster.create(aiConfig("rebuilt-config", spec -> spec.setTags(List.of("team-a"))));
    cluster.create(modelConfig("rebuilt-model", spec -> {}));
    cluster.create(variation("rebuilt-variation", "rebuilt-config",
        spec -> spec.setModelConfigRef(new LocalReference("rebuilt-model"))));
    cluster.create(aiTool("rebuilt-tool", spec -> {}));
    cluster.create(promptSnippet("rebuilt-snippet", spec -> {}));
  }

  private static void awaitAllReady() {
    awaitReady(AIConfig.class, "rebuilt-config");
    awaitReady(AIModelConfig.class, "rebuilt-model");
    awaitReady(AIConfigVariation.class, "rebuilt-variation");
    awaitReady(AITool.class, "rebuilt-tool");
    awaitReady(PromptSnippet.class, "rebuilt-snippet");
  }

  private static <S extends CommonStatus, R extends CustomResource<?, S>> void awaitReady(Class<R> type, String name) {
    await(name + " Ready").atMost(BOUND).until(() -> cluster.get(type, name),
        r -> r != null && r.getStatus() != null && r.getStatus().isReadyAt(r.getMetadata().getGeneration()));
  }

  /** Waits until the operator has listed the project {@code polls} more times since {@code mark}. */
  private static void awaitPolls(int mark, int polls) {
    await(polls + " listings").atMost(BOUND).until(() -> launchDarkly.calls().subList(mark, launchDarkly.calls().size())
        .stream().filter(call -> "GET".equals(call.method()) && call.route() == Route.CONFIGS).count() >= polls + 1);
  }

  private static OperatorProcess startOperator(String phase) throws IOException {
    Map<String, String> properties = new TreeMap<>(identity.operatorProperties(server,
        WORK.resolve("ClusterRebuildTest-" + phase + ".kubeconfig")));
    properties.put("ldai.launchdarkly.base-url", launchDarkly.baseUrl());
    properties.put("ldai.launchdarkly.api-token", LaunchDarklyStandIn.DEFAULT_TOKEN);
    properties.put("ldai.resync-interval", "2s");
    return OperatorProcess.start(OperatorProcess.QUICK_START_JVM, properties,
        WORK.resolve("ClusterRebuildTest-" + phase + ".log"));
  }

}
