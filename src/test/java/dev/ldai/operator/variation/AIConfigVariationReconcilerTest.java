package dev.ldai.operator.variation;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.VariationSummary;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** AIConfigVariation end to end: real controllers, mock Kubernetes API in CRUD mode, stand-in over HTTP. */
@QuarkusTest
class AIConfigVariationReconcilerTest extends ComponentTest {

  @Test
  void aConfigItsModelAndFiveVariationsAppliedInAnyOrderConvergeWithOnePostEach() {
    List<HasMetadata> manifests = new ArrayList<>();
    manifests.add(aiConfig("assistant", spec -> {}));
    manifests.add(modelConfig("house-model", spec -> {}));
    IntStream.rangeClosed(1, 5).forEach(i -> manifests.add(variation("variant-" + i, "assistant",
        spec -> spec.setModelConfigRef(new LocalReference("house-model")))));
    Collections.shuffle(manifests, new Random(7));

    manifests.forEach(cluster::create);

    IntStream.rangeClosed(1, 5).forEach(i -> {
      AIConfigVariation ready = cluster.awaitReady(AIConfigVariation.class, "variant-" + i);
      assertThat(ready.getStatus().getVersion()).isEqualTo(1);
      assertThat(ready.getStatus().getTotalCount()).isEqualTo(1);
      assertThat(ready.getStatus().getConfigKey()).isEqualTo("assistant");
      assertThat(ready.getStatus().getProjectKey()).isEqualTo(PROJECT);
      assertThat(ready.getStatus().getModelConfigKey()).isEqualTo("house-model");
      assertThat(ready.getStatus().getVariationId()).isNotBlank();
    });
    cluster.awaitReady(AIConfig.class, "assistant");
    cluster.awaitReady(AIModelConfig.class, "house-model");
    assertThat(launchDarkly.count("POST", Route.CONFIGS)).isEqualTo(1);
    assertThat(launchDarkly.count("POST", Route.MODEL_CONFIGS)).isEqualTo(1);
    assertThat(launchDarkly.count("POST", Route.VARIATIONS)).isEqualTo(5);
    assertThat(launchDarkly.count("PATCH", Route.VARIATION)).isZero();
    assertThat(launchDarkly.variationVersions(PROJECT, "assistant", "variant-3").get(0).path("modelConfigKey").asText())
        .isEqualTo("house-model");
    AIConfig parent = cluster.awaitStatus(AIConfig.class, "assistant", s -> s.getVariations().size() == 5);
    assertThat(parent.getStatus().getVariations()).extracting(VariationSummary::getVersion).containsOnly(1);
    // Creates are not preceded by reads, and the parent's status follows the project listing.
    assertThat(launchDarkly.count("GET", Route.CONFIG)).isZero();
    assertThat(launchDarkly.count("GET", Route.VARIATION)).isZero();
    assertThat(launchDarkly.count("GET", Route.MODEL_CONFIG)).isZero();
  }

  @Test
  void aSpecChangeIsDiffedAgainstTheProjectListingWithoutReadingTheVariation() {
    cluster.create(aiConfig("listed", spec -> {}));
    cluster.create(variation("tuned", "listed", spec -> spec.setModelConfigKey("OpenAI.gpt-4o")));
    cluster.awaitReady(AIConfigVariation.class, "tuned");
    awaitPolls(2); // one listing that began after the create finished
    long reads = launchDarkly.count("GET", Route.VARIATION);

    cluster.edit(AIConfigVariation.class, "tuned", v -> {
      v.getSpec().setMessages(List.of(new Message("system", "Tuned")));
      return v;
    });
    AIConfigVariation done = cluster.awaitStatus(AIConfigVariation.class, "tuned",
        s -> Integer.valueOf(2).equals(s.getVersion()) && s.isReadyAt(2L));

    assertThat(launchDarkly.count("GET", Route.VARIATION)).isEqualTo(reads);
    assertThat(patches("listed", "tuned")).singleElement().satisfies(p -> assertThat(body(p)).containsOnlyKeys("messages"));
    assertThat(done.getStatus().getTotalCount()).isEqualTo(2);
    assertThat(done.getStatus().getVersions()).extracting(VersionSummary::getVersion).containsExactly(2, 1);
    assertThat(launchDarkly.variationVersions(PROJECT, "listed", "tuned")).hasSize(2);
  }

  @Test
  void threeSpecChangesMakeThreePatchesAndFourVersions() {
    cluster.create(aiConfig("evolving", spec -> {}));
    cluster.create(variation("draft", "evolving", spec -> spec.setModelConfigKey("OpenAI.gpt-4o")));
    cluster.awaitReady(AIConfigVariation.class, "draft");

    for (int round = 1; round <= 3; round++) {
      int expectedVersion = round + 1;
      String content = "Revision " + round;
      cluster.edit(AIConfigVariation.class, "draft", v -> {
        v.getSpec().setMessages(List.of(new Message("system", content)));
        return v;
      });
      cluster.awaitStatus(AIConfigVariation.class, "draft",
          s -> Integer.valueOf(expectedVersion).equals(s.getVersion()) && s.isReadyAt((long) expectedVersion));
    }

    AIConfigVariation done = cluster.get(AIConfigVariation.class, "draft");
    assertThat(done.getStatus().getVersion()).isEqualTo(4);
    assertThat(done.getStatus().getTotalCount()).isEqualTo(4);
    assertThat(done.getStatus().getVersions()).extracting(VersionSummary::getVersion).containsExactly(4, 3, 2, 1);
    assertThat(done.getStatus().getVariationId()).isEqualTo(done.getStatus().getVersions().get(0).getId());
    List<Call> patches = patches("evolving", "draft");
    assertThat(patches).hasSize(3);
    assertThat(patches).allSatisfy(p -> assertThat(body(p)).containsOnlyKeys("messages"));
    assertThat(launchDarkly.variationVersions(PROJECT, "evolving", "draft")).hasSize(4);
  }

  @Test
  void anEditInLaunchDarklyAfterTheListingIsFoundThroughThePatchAnswer() {
    cluster.create(aiConfig("shared", spec -> {}));
    cluster.create(variation("edited", "shared", spec -> spec.setModelConfigKey("OpenAI.gpt-4o")));
    cluster.awaitReady(AIConfigVariation.class, "edited");
    awaitPolls(2);

    launchDarkly.editVariation(PROJECT, "shared", "edited", v -> v.put("comment", "edited in the UI"));
    cluster.edit(AIConfigVariation.class, "edited", v -> {
      v.getSpec().setMessages(List.of(new Message("system", "Changed")));
      return v;
    });
    AIConfigVariation done = cluster.awaitStatus(AIConfigVariation.class, "edited", s -> s.isReadyAt(2L));

    List<Integer> held = launchDarkly.variationVersions(PROJECT, "shared", "edited").stream()
        .map(v -> v.path("version").asInt()).sorted(Comparator.reverseOrder()).toList();
    assertThat(held).hasSize(3);
    assertThat(done.getStatus().getTotalCount()).isEqualTo(3);
    assertThat(done.getStatus().getVersions()).extracting(VersionSummary::getVersion).containsExactlyElementsOf(held);
  }

  @Test
  void idleResyncsWriteNothing() {
    launchDarkly.putTool(PROJECT, Serialization.jsonMapper().createObjectNode().put("key", "search").put("version", 2));
    cluster.create(aiConfig("quiet", spec -> {}));
    cluster.create(variation("still", "quiet", spec -> {
      spec.setInstructions("Be calm.");
      spec.setDescription("A calm agent");
      spec.setState(VariationState.published);
      spec.setTools(List.of(new Tool("search", 2)));
    }));
    AIConfigVariation ready = cluster.awaitReady(AIConfigVariation.class, "still");
    long writes = launchDarkly.writes();
    awaitPolls(3); // our own writes are news to the first polls after them
    long reads = launchDarkly.count("GET", Route.VARIATION);

    awaitPolls(2);

    assertThat(launchDarkly.count("GET", Route.VARIATION)).isEqualTo(reads);
    assertThat(launchDarkly.writes()).isEqualTo(writes);
    assertThat(cluster.get(AIConfigVariation.class, "still").getMetadata().getResourceVersion())
        .isEqualTo(ready.getMetadata().getResourceVersion());
    assertThat(ready.getStatus().getPublishedAt()).isNotBlank();
  }

  @Test
  void instructionsAreTrackedByWhatWasLastAppliedSinceLaunchDarklyDoesNotReturnThem() {
    cluster.create(aiConfig("agent", spec -> {}));
    cluster.create(variation("worker", "agent", spec -> spec.setInstructions("Step one.")));
    cluster.awaitReady(AIConfigVariation.class, "worker");

    cluster.edit(AIConfigVariation.class, "worker", v -> {
      v.getSpec().setInstructions("Step two.");
      return v;
    });
    cluster.awaitStatus(AIConfigVariation.class, "worker", s -> Integer.valueOf(2).equals(s.getVersion()));
    awaitPolls(3);

    List<Call> patches = patches("agent", "worker");
    assertThat(patches).hasSize(1);
    assertThat(body(patches.get(0))).isEqualTo(Map.of("instructions", "Step two."));
    assertThat(launchDarkly.variationVersions(PROJECT, "agent", "worker").get(1).path("instructions").asText())
        .isEqualTo("Step two.");
  }

  @Test
  void anInstructionsPatchWhoseAnswerIsLostIsNotSentAgain() {
    cluster.create(aiConfig("agent-lost", spec -> {}));
    cluster.create(variation("lossy", "agent-lost", spec -> spec.setInstructions("Step one.")));
    cluster.awaitReady(AIConfigVariation.class, "lossy");
    launchDarkly.applyButLoseResponse(Route.VARIATION, "PATCH", 1);

    cluster.edit(AIConfigVariation.class, "lossy", v -> {
      v.getSpec().setInstructions("Step two.");
      return v;
    });

    AIConfigVariation settled = cluster.awaitStatus(AIConfigVariation.class, "lossy",
        s -> Integer.valueOf(2).equals(s.getVersion()) && s.getLastSyncTime() != null && s.getError() == null
            && s.getObservedGeneration() == 2L);
    assertThat(launchDarkly.calls()).anyMatch(c -> c.method().equals("PATCH") && c.status() == 0);
    assertThat(patches("agent-lost", "lossy")).hasSize(1);
    assertThat(launchDarkly.variationVersions(PROJECT, "agent-lost", "lossy")).hasSize(2);
    assertThat(settled.getStatus().getPendingUpdate()).isNull();
    assertThat(settled.getStatus().getAppliedInstructionsHash()).isEqualTo(VariationMapping.sha256("Step two."));
  }

  @Test
  void anInstructionsPatchThatFailedIsSentAgain() {
    cluster.create(aiConfig("agent-failed", spec -> {}));
    cluster.create(variation("retried", "agent-failed", spec -> spec.setInstructions("Step one.")));
    cluster.awaitReady(AIConfigVariation.class, "retried");
    launchDarkly.failNext(Route.VARIATION, "PATCH", 503, "service_unavailable", "maintenance", 1);

    cluster.edit(AIConfigVariation.class, "retried", v -> {
      v.getSpec().setInstructions("Step two.");
      return v;
    });

    cluster.awaitStatus(AIConfigVariation.class, "retried",
        s -> Integer.valueOf(2).equals(s.getVersion()) && s.getError() == null && s.getObservedGeneration() == 2L);
    assertThat(patches("agent-failed", "retried")).extracting(Call::status).containsExactly(503, 200);
    assertThat(launchDarkly.variationVersions(PROJECT, "agent-failed", "retried").get(1).path("instructions").asText())
        .isEqualTo("Step two.");
  }

  @Test
  void anInstructionsChangeRecordedAsIntentEndsWithTheIntentCleared() {
    cluster.create(aiConfig("intent-parent", spec -> {}));
    cluster.create(variation("intended", "intent-parent", spec -> spec.setInstructions("First.")));
    cluster.awaitReady(AIConfigVariation.class, "intended");

    // Instructions are written with an intent (status.pendingUpdate, Reconciling) before the PATCH; the
    // final status replaces what the intent wrote, it is not patched against the status the reconcile began with.
    cluster.edit(AIConfigVariation.class, "intended", v -> {
      v.getSpec().setInstructions("Second.");
      return v;
    });

    AIConfigVariation done = cluster.awaitReady(AIConfigVariation.class, "intended");
    assertThat(done.getStatus().getVersion()).isEqualTo(2);
    assertThat(done.getStatus().getPendingUpdate()).isNull();
    assertThat(done.getStatus().condition(ConditionTypes.RECONCILING)).isEmpty();
    assertThat(done.getStatus().getConditions()).extracting(c -> c.getType()).containsOnlyOnce(ConditionTypes.READY);
  }

  @Test
  void aParentAndItsVariationChangedInOneApplyBothBecomeReady() {
    cluster.create(aiConfig("synced-together", spec -> {}));
    cluster.create(variation("synced-together-v", "synced-together", spec -> {}));
    cluster.awaitReady(AIConfigVariation.class, "synced-together-v");
    cluster.awaitReady(AIConfig.class, "synced-together");
    // The parent's PATCH is slow, so the variation is reconciled while the parent catches up with its
    // generation and waits for it: Ready=True all along, only observedGeneration moves.
    launchDarkly.latency(Duration.ofMillis(300));
    try {
      cluster.edit(AIConfig.class, "synced-together", c -> {
        c.getSpec().setDescription("Changed in the same sync");
        return c;
      });
      cluster.edit(AIConfigVariation.class, "synced-together-v", v -> {
        v.getSpec().setInstructions("Changed in the same sync.");
        return v;
      });

      cluster.awaitReady(AIConfig.class, "synced-together");
      AIConfigVariation done = cluster.awaitReady(AIConfigVariation.class, "synced-together-v");
      assertThat(done.getStatus().getVersion()).isEqualTo(2);
    } finally {
      launchDarkly.latency(Duration.ZERO);
    }
    assertThat(launchDarkly.config(PROJECT, "synced-together").orElseThrow().path("description").asText())
        .isEqualTo("Changed in the same sync");
  }

  @Test
  void aMissingParentIsWaitedForAndItsArrivalTriggersTheVariation() {
    cluster.create(variation("early", "late-parent", spec -> {}));

    AIConfigVariation waiting = cluster.awaitCondition(AIConfigVariation.class, "early",
        ConditionTypes.RECONCILING, "DependencyNotReady");
    assertThat(Cluster.ready(waiting.getStatus()).getMessage()).contains("AIConfig " + cluster.namespace() + "/late-parent");
    assertThat(waiting.getStatus().condition(ConditionTypes.STALLED)).isEmpty();
    // Nothing about this resource (a retried cleanup of an earlier test's resources may still call).
    assertThat(launchDarkly.calls()).noneMatch(c -> c.path().contains("late-parent"));

    cluster.create(aiConfig("late-parent", spec -> {}));

    // DependencyNotReady schedules no retry: only the parent's events can bring the variation here.
    cluster.awaitReady(AIConfigVariation.class, "early");
    assertThat(launchDarkly.count("POST", Route.VARIATIONS)).isEqualTo(1);
  }

  @Test
  void aVariationEditedOrDeletedInLaunchDarklyIsRevertedOrRecreated() {
    cluster.create(aiConfig("watched", spec -> {}));
    cluster.create(variation("guarded", "watched", spec -> {}));
    cluster.create(variation("sibling", "watched", spec -> {}));
    cluster.awaitReady(AIConfigVariation.class, "guarded");
    cluster.awaitReady(AIConfigVariation.class, "sibling");

    launchDarkly.editVariation(PROJECT, "watched", "guarded", v -> v.put("name", "Edited in the UI"));
    await().atMost(Cluster.TIMEOUT).until(() -> {
      List<com.fasterxml.jackson.databind.node.ObjectNode> versions = launchDarkly.variationVersions(PROJECT, "watched", "guarded");
      return versions.get(versions.size() - 1).path("name").asText().equals("Variation guarded");
    });
    assertThat(body(patches("watched", "guarded").get(0))).isEqualTo(Map.of("name", "Variation guarded"));

    launchDarkly.deleteVariationDirectly(PROJECT, "watched", "guarded");
    await().atMost(Cluster.TIMEOUT).until(() -> !launchDarkly.variationVersions(PROJECT, "watched", "guarded").isEmpty());
    AIConfigVariation recreated = cluster.awaitStatus(AIConfigVariation.class, "guarded", s -> Integer.valueOf(1).equals(s.getVersion()));
    assertThat(recreated.getStatus().getTotalCount()).isEqualTo(1);
    assertThat(cluster.events("guarded")).filteredOn(e -> "DriftCorrected".equals(e.getReason())).hasSize(2)
        .extracting(e -> e.getType()).containsOnly("Warning");
  }

  @Test
  void twoVariationsWithTheSameKeyUnderOneConfigConflict() {
    cluster.create(aiConfig("shared", spec -> {}));
    cluster.create(variation("first-claim", "shared", spec -> spec.setKey("same")));
    cluster.awaitReady(AIConfigVariation.class, "first-claim");

    cluster.create(variation("second-claim", "shared", spec -> spec.setKey("same")));

    AIConfigVariation conflicted = cluster.awaitCondition(AIConfigVariation.class, "second-claim", ConditionTypes.STALLED, "Conflict");
    assertThat(Cluster.ready(conflicted.getStatus()).getMessage()).contains(cluster.namespace() + "/first-claim").contains("default/shared/variations/same");
    assertThat(launchDarkly.count("POST", Route.VARIATIONS)).isEqualTo(1);
    assertThat(cluster.get(AIConfigVariation.class, "first-claim").getStatus().isReadyAt(1L)).isTrue();
  }

  @Test
  void deletingTheParentFirstReleasesEveryVariation() {
    cluster.create(aiConfig("doomed", spec -> {}));
    cluster.create(variation("child-a", "doomed", spec -> {}));
    cluster.create(variation("child-b", "doomed", spec -> {}));
    cluster.awaitReady(AIConfigVariation.class, "child-a");
    cluster.awaitReady(AIConfigVariation.class, "child-b");

    cluster.delete(AIConfig.class, "doomed");
    cluster.awaitGone(AIConfig.class, "doomed");
    cluster.delete(AIConfigVariation.class, "child-a");
    cluster.delete(AIConfigVariation.class, "child-b");

    cluster.awaitGone(AIConfigVariation.class, "child-a");
    cluster.awaitGone(AIConfigVariation.class, "child-b");
    assertThat(launchDarkly.config(PROJECT, "doomed")).isEmpty();
    assertThat(launchDarkly.variationVersions(PROJECT, "doomed", "child-a")).isEmpty();
  }

  @Test
  void theLastVariationIsReleasedThoughLaunchDarklyKeepsIt() {
    cluster.create(aiConfig("keeper", spec -> {}));
    cluster.create(variation("only-child", "keeper", spec -> {}));
    cluster.awaitReady(AIConfigVariation.class, "only-child");

    cluster.delete(AIConfigVariation.class, "only-child");

    cluster.awaitGone(AIConfigVariation.class, "only-child");
    assertThat(launchDarkly.variationVersions(PROJECT, "keeper", "only-child")).hasSize(1);
    // The mock API server answers the last finalizer removal with no object, which the operator SDK
    // retries once: a second, equally refused, DELETE may follow.
    assertThat(launchDarkly.calls()).filteredOn(c -> c.method().equals("DELETE") && c.route() == Route.VARIATION)
        .extracting(Call::status).isNotEmpty().containsOnly(400);
  }

  @Test
  void aVariationOfAConfigManagedElsewhereUsesProjectAndConfigKeys() {
    launchDarkly.putConfig(PROJECT, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        .put("key", "external").put("name", "Made in the UI"));
    cluster.create(variation("outsider", "unused", spec -> {
      spec.setConfigRef(null);
      spec.setProjectKey(PROJECT);
      spec.setConfigKey("external");
    }));

    AIConfigVariation ready = cluster.awaitReady(AIConfigVariation.class, "outsider");

    assertThat(ready.getStatus().getConfigKey()).isEqualTo("external");
    assertThat(launchDarkly.variationVersions(PROJECT, "external", "outsider")).hasSize(1);
  }

  private List<Call> patches(String configKey, String variationKey) {
    String path = "/api/v2/projects/" + PROJECT + "/ai-configs/" + configKey + "/variations/" + variationKey;
    return launchDarkly.calls().stream().filter(c -> c.method().equals("PATCH") && c.path().equals(path)).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Call call) {
    return Serialization.unmarshal(call.requestBody(), Map.class);
  }
}
