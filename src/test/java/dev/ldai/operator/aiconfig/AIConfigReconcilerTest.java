package dev.ldai.operator.aiconfig;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.existingConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.common.AdoptionPolicy;
import dev.ldai.operator.common.DeletionPolicy;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.SecretKeyReference;
import dev.ldai.operator.drift.ProjectPoller;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.ApiServerCrudDispatcher;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.testing.LogCapture;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** AIConfig end to end: real controller, mock Kubernetes API in CRUD mode, stand-in over HTTP. */
@QuarkusTest
class AIConfigReconcilerTest extends ComponentTest {

  @Inject ProjectPoller poller;

  @Test
  void createsTheConfigWithOnePostAndReportsLaunchDarklysAnswer() {
    cluster.create(aiConfig("support-bot", spec -> spec.setTags(List.of("team-a"))));

    AIConfig ready = cluster.awaitReady(AIConfig.class, "support-bot");

    AIConfigStatus status = ready.getStatus();
    assertThat(status.getKey()).isEqualTo("support-bot");
    assertThat(status.getVersion()).isEqualTo(1);
    assertThat(status.getCreatedAt()).isNotBlank();
    assertThat(status.getUpdatedAt()).isNotBlank();
    assertThat(status.getLastSyncTime()).isNotBlank();
    assertThat(status.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(status.getError()).isNull();
    Condition readyCondition = Cluster.ready(status);
    assertThat(readyCondition.getReason()).isEqualTo("Synced");
    assertThat(readyCondition.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(status.condition(ConditionTypes.RECONCILING)).isEmpty();
    assertThat(status.condition(ConditionTypes.STALLED)).isEmpty();
    assertThat(launchDarkly.count("POST", Route.CONFIGS)).isEqualTo(1);
    ObjectNode stored = launchDarkly.config(PROJECT, "support-bot").orElseThrow();
    assertThat(stored.path("name").asText()).isEqualTo("Config support-bot");
    assertThat(stored.path("tags").get(0).asText()).isEqualTo("team-a");
    assertThat(ready.getMetadata().getFinalizers()).contains("ldai.dev/finalizer");
    assertThat(cluster.events("support-bot")).anyMatch(e -> "Created".equals(e.getReason()));
  }

  @Test
  void resyncsWithNothingChangedWriteNothingAndPatchNoStatus() {
    cluster.create(aiConfig("idle", spec -> spec.setDescription("stays as is")));
    AIConfig ready = cluster.awaitReady(AIConfig.class, "idle");
    String resourceVersion = ready.getMetadata().getResourceVersion();
    long writes = launchDarkly.writes();
    awaitPolls(3); // our own writes are news to the first polls after them
    long reads = launchDarkly.count("GET", Route.CONFIG);

    awaitPolls(2);

    // Drift is read by listing the project; an unchanged config is not read on its own.
    assertThat(launchDarkly.count("GET", Route.CONFIG)).isEqualTo(reads);
    assertThat(launchDarkly.writes()).isEqualTo(writes);
    assertThat(cluster.get(AIConfig.class, "idle").getMetadata().getResourceVersion())
        .isEqualTo(resourceVersion);
  }

  /**
   * The operator SDK drops the event of a spec change that lands while the resource's own status write is
   * under way (the write's newer answer already shows it). The write's answer is what reschedules it: with
   * the project poller stopped, nothing else would.
   */
  @Test
  void aSpecChangeThatCrossesAStatusWriteIsAppliedAtOnce() {
    String path = "/apis/ldai.dev/v1alpha1/namespaces/%s/aiconfigs/crossed".formatted(cluster.namespace());
    ApiServerCrudDispatcher.beforeNextStatusPatch(path,
        "{\"spec\": {\"description\": \"changed during the status write\"}}");
    poller.stop();
    try {
      cluster.create(aiConfig("crossed", spec -> spec.setDescription("as created")));

      await().atMost(Cluster.TIMEOUT).until(() -> "changed during the status write".equals(
          launchDarkly.config(PROJECT, "crossed").map(c -> c.path("description").asText()).orElse(null)));
      AIConfig ready = cluster.awaitReady(AIConfig.class, "crossed");
      assertThat(ready.getMetadata().getGeneration()).isEqualTo(2);
    } finally {
      poller.start();
    }
  }

  @Test
  void aSpecChangeOfOneFieldPatchesOnlyThatField() {
    cluster.create(aiConfig("patched", spec -> {
      spec.setDescription("before");
      spec.setTags(List.of("a", "b"));
    }));
    cluster.awaitReady(AIConfig.class, "patched");

    cluster.edit(AIConfig.class, "patched", c -> {
      c.getSpec().setDescription("after");
      c.getSpec().setTags(List.of("b", "a"));
      return c;
    });
    AIConfig updated = cluster.awaitStatus(AIConfig.class, "patched", s -> Integer.valueOf(2).equals(s.getVersion()));

    assertThat(updated.getStatus().getObservedGeneration()).isEqualTo(2L);
    List<Call> patches = launchDarkly.calls().stream()
        .filter(c -> c.method().equals("PATCH") && c.route() == Route.CONFIG)
        .toList();
    assertThat(patches).hasSize(1);
    assertThat(Serialization.unmarshal(patches.get(0).requestBody(), java.util.Map.class))
        .isEqualTo(java.util.Map.of("description", "after"));
    assertThat(launchDarkly.config(PROJECT, "patched").orElseThrow().path("description").asText()).isEqualTo("after");
  }

  @Test
  void editsMadeInLaunchDarklyAreRevertedAndADeletedConfigIsRecreated() {
    cluster.create(aiConfig("drifting", spec -> spec.setDescription("from git")));
    cluster.awaitReady(AIConfig.class, "drifting");

    launchDarkly.editConfig(PROJECT, "drifting", c -> c.put("description", "edited in the UI"));
    await().atMost(Cluster.TIMEOUT).until(() ->
        launchDarkly.config(PROJECT, "drifting").orElseThrow().path("description").asText().equals("from git"));
    assertThat(launchDarkly.count("PATCH", Route.CONFIG)).isEqualTo(1);

    launchDarkly.deleteConfigDirectly(PROJECT, "drifting");
    await().atMost(Cluster.TIMEOUT).until(() -> launchDarkly.config(PROJECT, "drifting").isPresent());
    assertThat(launchDarkly.count("POST", Route.CONFIGS)).isEqualTo(2);
    await().atMost(Cluster.TIMEOUT).until(() -> cluster.events("drifting").stream()
        .filter(e -> "DriftCorrected".equals(e.getReason())).count() == 2);
    assertThat(cluster.events("drifting")).filteredOn(e -> "DriftCorrected".equals(e.getReason()))
        .extracting(e -> e.getType()).containsOnly("Warning");
  }

  @Test
  void deletingWithPolicyDeleteRemovesTheConfigFromLaunchDarkly() {
    cluster.create(aiConfig("short-lived", spec -> spec.setDeletionPolicy(DeletionPolicy.Delete)));
    cluster.awaitReady(AIConfig.class, "short-lived");

    cluster.delete(AIConfig.class, "short-lived");

    cluster.awaitGone(AIConfig.class, "short-lived");
    assertThat(launchDarkly.config(PROJECT, "short-lived")).isEmpty();
    assertThat(launchDarkly.count("DELETE", Route.CONFIG)).isEqualTo(1);
  }

  /**
   * The agent graph that made LaunchDarkly refuse the delete is deleted before the operator looks for it (a
   * graph and its configs deleted together): the config is deleted all the same, not left behind.
   */
  @Test
  void aConfigWhoseGraphGoesRightAfterTheRefusalIsDeletedAllTheSame() {
    cluster.create(aiConfig("graph-member", spec -> spec.setMode(AIConfigMode.agent)));
    cluster.awaitReady(AIConfig.class, "graph-member");
    launchDarkly.putAgentGraph(PROJECT, JsonNodeFactory.instance.objectNode()
        .put("key", "member-flow").put("name", "Member flow").put("rootConfigKey", "graph-member"));
    Consumer<Call> graphGoesAfterTheRefusal = call -> {
      if ("DELETE".equals(call.method()) && call.route() == Route.CONFIG && call.status() == 400) {
        launchDarkly.deleteAgentGraphDirectly(PROJECT, "member-flow");
      }
    };
    launchDarkly.onEachCall(graphGoesAfterTheRefusal);
    try {
      cluster.delete(AIConfig.class, "graph-member");

      cluster.awaitGone(AIConfig.class, "graph-member");
    } finally {
      launchDarkly.removeCallListener(graphGoesAfterTheRefusal);
    }
    assertThat(launchDarkly.calls()).filteredOn(call -> "DELETE".equals(call.method()) && call.route() == Route.CONFIG)
        .extracting(Call::status).first().isEqualTo(400);
    assertThat(launchDarkly.config(PROJECT, "graph-member")).isEmpty();
  }

  @Test
  void deletingWithPolicyRetainLeavesTheConfigInLaunchDarkly() {
    cluster.create(aiConfig("kept", spec -> spec.setDeletionPolicy(DeletionPolicy.Retain)));
    cluster.awaitReady(AIConfig.class, "kept");

    cluster.delete(AIConfig.class, "kept");

    cluster.awaitGone(AIConfig.class, "kept");
    assertThat(launchDarkly.config(PROJECT, "kept")).isPresent();
    assertThat(launchDarkly.count("DELETE", Route.CONFIG)).isZero();
  }

  @Test
  void anExistingKeyIsRefusedUnderAdoptionPolicyNever() {
    launchDarkly.putConfig(PROJECT, existingConfig("taken", "Made elsewhere"));

    cluster.create(aiConfig("taken", spec -> {}));

    AIConfig stalled = cluster.awaitCondition(AIConfig.class, "taken", ConditionTypes.STALLED, "AlreadyExists");
    assertThat(Cluster.ready(stalled.getStatus()).getStatus()).isEqualTo("False");
    assertThat(Cluster.ready(stalled.getStatus()).getMessage()).contains("adoptionPolicy");
    assertThat(stalled.getStatus().getKey()).isNull();
    // The project listing is the existence check; a listing older than the object lets one POST through, refused.
    assertThat(launchDarkly.count("POST", Route.CONFIGS)).isLessThanOrEqualTo(1);
    assertThat(launchDarkly.appliedWrites()).isZero();
    // Deleting the refused resource must not delete what it never owned.
    cluster.delete(AIConfig.class, "taken");
    cluster.awaitGone(AIConfig.class, "taken");
    assertThat(launchDarkly.config(PROJECT, "taken")).isPresent();
  }

  /** The listing shows the key free again, which is news for the refused resource: no request is needed. */
  @Test
  void aKeyFreedInLaunchDarklyIsCreatedAtTheNextListing() {
    launchDarkly.putConfig(PROJECT, existingConfig("freed", "Made elsewhere"));
    cluster.create(aiConfig("freed", spec -> {}));
    cluster.awaitCondition(AIConfig.class, "freed", ConditionTypes.STALLED, "AlreadyExists");

    launchDarkly.deleteConfigDirectly(PROJECT, "freed");

    AIConfig ready = cluster.awaitReady(AIConfig.class, "freed");
    assertThat(ready.getStatus().getKey()).isEqualTo("freed");
    assertThat(launchDarkly.config(PROJECT, "freed").orElseThrow().path("name").asText()).isNotEqualTo("Made elsewhere");
  }

  @Test
  void anExistingKeyIsAdoptedUnderAdoptionPolicyAdopt() {
    launchDarkly.putConfig(PROJECT, existingConfig("adopted", "Made elsewhere"));

    cluster.create(aiConfig("adopted", spec -> spec.setAdoptionPolicy(AdoptionPolicy.Adopt)));

    AIConfig ready = cluster.awaitReady(AIConfig.class, "adopted");
    assertThat(ready.getStatus().getKey()).isEqualTo("adopted");
    assertThat(launchDarkly.count("POST", Route.CONFIGS)).isLessThanOrEqualTo(1);
    assertThat(launchDarkly.appliedWrites()).isEqualTo(1);
    assertThat(launchDarkly.count("PATCH", Route.CONFIG)).isEqualTo(1);
    assertThat(launchDarkly.config(PROJECT, "adopted").orElseThrow().path("name").asText())
        .isEqualTo("Config adopted");
    assertThat(cluster.events("adopted")).anyMatch(e -> "Adopted".equals(e.getReason()));
  }

  /** As after re-applying the manifests to a rebuilt cluster: the object made by this resource is taken back. */
  @Test
  void aConfigCarryingThisResourcesOwnerTagIsTakenBackWithoutAWrite() {
    ObjectNode made = existingConfig("returning", "Config returning");
    made.putArray("tags").add("team-a").add(OwnerTag.of(HasMetadata.getKind(AIConfig.class), cluster.namespace(), "returning"));
    launchDarkly.putConfig(PROJECT, made);

    cluster.create(aiConfig("returning", spec -> spec.setTags(List.of("team-a"))));

    AIConfig ready = cluster.awaitReady(AIConfig.class, "returning");
    assertThat(ready.getStatus().getKey()).isEqualTo("returning");
    assertThat(launchDarkly.writes()).isZero();
    assertThat(cluster.events("returning")).extracting(Event::getReason).containsExactly("TookBack");
  }

  @Test
  void anInvalidTokenStallsWithLaunchDarklysMessageAndTheTokenLeaksNowhere() {
    String badToken = "api-0123-not-a-real-token-4567";
    cluster.createTokenSecret("wrong-credentials", "apiToken", badToken);
    try (LogCapture logs = LogCapture.install()) {
      cluster.create(aiConfig("locked-out", spec ->
          spec.setCredentialsSecretRef(new SecretKeyReference("wrong-credentials", null))));

      AIConfig stalled = cluster.awaitCondition(AIConfig.class, "locked-out", ConditionTypes.STALLED, "Unauthorized");

      assertThat(stalled.getStatus().getError().getHttpStatus()).isEqualTo(401);
      assertThat(Cluster.ready(stalled.getStatus()).getMessage()).isNotBlank();
      assertThat(Serialization.asYaml(stalled.getStatus())).doesNotContain(badToken);
      assertThat(Serialization.asYaml(cluster.events("locked-out"))).doesNotContain(badToken);
      assertThat(logs.lines()).noneMatch(line -> line.contains(badToken));
    }
    assertThat(launchDarkly.config(PROJECT, "locked-out")).isEmpty();
  }

  @Test
  void fixingALabelledCredentialsSecretRetriesTheRefusedResourceAtOnce() {
    kubernetes.secrets().inNamespace(cluster.namespace()).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
            .withNewMetadata().withName("team-token").withNamespace(cluster.namespace())
            .addToLabels("ldai.dev/credentials", "true").endMetadata()
            .withStringData(Map.of("apiToken", "api-revoked-token"))
            .build())
        .create();
    cluster.create(aiConfig("fixed-later", spec -> spec.setCredentialsSecretRef(new SecretKeyReference("team-token", null))));
    cluster.awaitCondition(AIConfig.class, "fixed-later", ConditionTypes.STALLED, "Unauthorized");

    kubernetes.secrets().inNamespace(cluster.namespace()).withName("team-token").edit(secret -> {
      secret.setData(null);
      secret.setStringData(Map.of("apiToken", LaunchDarklyStandIn.DEFAULT_TOKEN));
      return secret;
    });

    // The Unauthorized retry interval is 5 minutes here: only the Secret's event can bring it back this fast.
    AIConfig ready = cluster.awaitReady(AIConfig.class, "fixed-later");
    assertThat(ready.getStatus().condition(ConditionTypes.STALLED)).isEmpty();
    assertThat(launchDarkly.config(PROJECT, "fixed-later")).isPresent();
  }

  @Test
  void aBadRequestStallsWithLaunchDarklysMessage() {
    launchDarkly.failNext(Route.CONFIGS, "POST", 400, "invalid_request", "evaluationMetricKey unknown-metric does not exist", 1);

    cluster.create(aiConfig("rejected", spec -> spec.setEvaluationMetricKey("unknown-metric")));

    AIConfig stalled = cluster.awaitCondition(AIConfig.class, "rejected", ConditionTypes.STALLED, "InvalidSpec");
    assertThat(stalled.getStatus().getError().getHttpStatus()).isEqualTo(400);
    assertThat(stalled.getStatus().getError().getCode()).isEqualTo("invalid_request");
    assertThat(stalled.getStatus().getError().getMessage()).isEqualTo("evaluationMetricKey unknown-metric does not exist");
    assertThat(Cluster.ready(stalled.getStatus()).getMessage()).contains("evaluationMetricKey unknown-metric does not exist");
    await().atMost(Cluster.TIMEOUT).until(() -> cluster.events("rejected").stream()
        .anyMatch(e -> "InvalidSpec".equals(e.getReason()) && "Warning".equals(e.getType())));
    assertThat(cluster.events("rejected")).filteredOn(e -> "InvalidSpec".equals(e.getReason())).hasSize(1)
        .allSatisfy(e -> assertThat(e.getNote()).contains("evaluationMetricKey unknown-metric does not exist"));
  }

  @Test
  void aServerErrorIsRetriedUntilLaunchDarklyRecovers() {
    launchDarkly.failNext(Route.CONFIGS, "POST", 500, "internal_server_error", "try again", 2);

    cluster.create(aiConfig("flaky", spec -> {}));

    AIConfig ready = cluster.awaitReady(AIConfig.class, "flaky");
    assertThat(ready.getStatus().getError()).isNull();
    assertThat(launchDarkly.calls().stream()
        .filter(c -> c.method().equals("POST") && c.route() == Route.CONFIGS)
        .map(Call::status))
        .containsExactly(500, 500, 201);
    assertThat(launchDarkly.config(PROJECT, "flaky")).isPresent();
  }

  @Test
  void aPassingFailureOfADriftCheckIsReportedWithoutMakingTheResourceUnready() throws Exception {
    cluster.create(aiConfig("steady", spec -> {}));
    cluster.awaitReady(AIConfig.class, "steady");
    List<String> readySeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Integer> errorsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (io.fabric8.kubernetes.client.Watch watch = kubernetes.resources(AIConfig.class).inNamespace(cluster.namespace())
        .withName("steady").watch(new io.fabric8.kubernetes.client.Watcher<>() {
          @Override
          public void eventReceived(Action action, AIConfig resource) {
            readySeen.add(Cluster.ready(resource.getStatus()).getStatus());
            if (resource.getStatus().getError() != null) {
              errorsSeen.add(resource.getStatus().getError().getHttpStatus());
            }
          }

          @Override
          public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
        })) {
      launchDarkly.failNext(Route.CONFIG, "PATCH", 503, "service_unavailable", "maintenance", 2);
      // An edit in LaunchDarkly makes the poller send the resource to a drift check, whose revert then fails twice.
      launchDarkly.editConfig(PROJECT, "steady", c -> c.put("name", "Renamed in the UI"));

      await().atMost(Cluster.TIMEOUT).until(() -> errorsSeen.contains(503));
      AIConfig recovered = cluster.awaitStatus(AIConfig.class, "steady", s -> s.getError() == null);

      assertThat(readySeen).isNotEmpty().containsOnly("True");
      assertThat(recovered.getStatus().condition(ConditionTypes.RECONCILING)).isEmpty();
    }
  }

  @Test
  void aReservedKeyIsRefusedBeforeCallingLaunchDarkly() {
    cluster.create(aiConfig("reserved", spec -> spec.setKey("quick-stats")));

    AIConfig stalled = cluster.awaitCondition(AIConfig.class, "reserved", ConditionTypes.STALLED, "InvalidSpec");
    assertThat(Cluster.ready(stalled.getStatus()).getMessage()).contains("spec.key").contains("quick-stats");
    // Only the project poller's listings: nothing about this resource.
    assertThat(launchDarkly.calls()).allMatch(c -> c.method().equals("GET")
        && (c.route() == Route.CONFIGS || c.route() == Route.MODEL_CONFIGS));
  }

  @Test
  void aClaimantThatNeverSyncedIsSaidToClaimTheKeyNotToManageIt() {
    // Never synced: its credentials Secret does not exist.
    cluster.create(aiConfig("claim-a", spec -> {
      spec.setKey("unsynced");
      spec.setCredentialsSecretRef(new dev.ldai.operator.common.SecretKeyReference("missing", null));
    }));
    cluster.awaitCondition(AIConfig.class, "claim-a", ConditionTypes.STALLED, "Unauthorized");

    cluster.create(aiConfig("claim-b", spec -> spec.setKey("unsynced")));

    AIConfig conflicted = cluster.awaitCondition(AIConfig.class, "claim-b", ConditionTypes.STALLED, "Conflict");
    assertThat(Cluster.ready(conflicted.getStatus()).getMessage())
        .contains(cluster.namespace() + "/claim-a claims default/unsynced");
    assertThat(launchDarkly.count("POST", Route.CONFIGS)).isZero();
  }

  @Test
  void twoConfigsClaimingTheSameKeyLeaveTheNewerInConflict() {
    cluster.create(aiConfig("original", spec -> spec.setKey("contested")));
    cluster.awaitReady(AIConfig.class, "original");

    cluster.create(aiConfig("copycat", spec -> spec.setKey("contested")));

    AIConfig conflicted = cluster.awaitCondition(AIConfig.class, "copycat", ConditionTypes.STALLED, "Conflict");
    assertThat(Cluster.ready(conflicted.getStatus()).getMessage())
        .contains(cluster.namespace() + "/original already manages default/contested");
    assertThat(launchDarkly.count("POST", Route.CONFIGS)).isEqualTo(1);
    // Deleting the newer claimant must leave the older one's object alone.
    cluster.delete(AIConfig.class, "copycat");
    cluster.awaitGone(AIConfig.class, "copycat");
    assertThat(launchDarkly.config(PROJECT, "contested")).isPresent();
    assertThat(cluster.get(AIConfig.class, "original").getStatus().isReadyAt(1L)).isTrue();
  }
}
