package dev.ldai.operator.common;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.existingConfig;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.Message;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Management policies end to end: {@code managementPolicy: Observe} never writes to LaunchDarkly, and the
 * annotation {@code ldai.dev/reconcile: paused} stops every LaunchDarkly call for its resource.
 */
@QuarkusTest
class ManagementPolicyTest extends ComponentTest {

  @Test
  void observeMirrorsTheObjectReportsDriftAndWritesNothingThroughCreateDriftAndDelete() {
    launchDarkly.putConfig(PROJECT, existingConfig("watched", "Made elsewhere"));

    cluster.create(aiConfig("watched", spec -> spec.setManagementPolicy(ManagementPolicy.Observe)));

    AIConfig observed = cluster.awaitStatus(AIConfig.class, "watched", status -> status.getDrift() != null);
    assertThat(Cluster.ready(observed.getStatus()).getStatus()).isEqualTo("True");
    assertThat(Cluster.ready(observed.getStatus()).getMessage()).contains("differs from the spec in name", "not reverted");
    assertThat(observed.getStatus().getKey()).isEqualTo("watched");
    assertThat(observed.getStatus().getDrift()).containsExactly("name");
    assertThat(cluster.events("watched")).anyMatch(e -> "DriftDetected".equals(e.getReason()));

    launchDarkly.editConfig(PROJECT, "watched", config -> config.put("name", "Config watched"));
    AIConfig matching = cluster.awaitStatus(AIConfig.class, "watched", status -> status.getDrift() == null);
    assertThat(Cluster.ready(matching.getStatus()).getMessage()).contains("matches the spec");

    cluster.delete(AIConfig.class, "watched");
    cluster.awaitGone(AIConfig.class, "watched");

    assertThat(launchDarkly.config(PROJECT, "watched")).isPresent();
    assertThat(launchDarkly.writes()).isZero();
    assertThat(cluster.events("watched")).anyMatch(e -> "Released".equals(e.getReason()));
  }

  @Test
  void anObservedVariationReportsWhatLaunchDarklyShowsNotInstructionsItCannotSee() {
    cluster.create(aiConfig("observed-parent", spec -> {}));
    cluster.create(variation("made-here", "observed-parent", spec -> {
      spec.setKey("shared");
      spec.setInstructions("Be brief.");
      spec.setDeletionPolicy(DeletionPolicy.Retain);
    }));
    cluster.awaitReady(AIConfigVariation.class, "made-here");
    cluster.delete(AIConfigVariation.class, "made-here");
    cluster.awaitGone(AIConfigVariation.class, "made-here");
    long writes = launchDarkly.writes();

    cluster.create(variation("watching", "observed-parent", spec -> {
      spec.setKey("shared");
      spec.setName("Variation made-here");
      spec.setMessages(List.of(new Message("system", "You are made-here.")));
      spec.setInstructions("Whatever LaunchDarkly holds, it does not show it.");
      spec.setComment("Not in LaunchDarkly");
      spec.setManagementPolicy(ManagementPolicy.Observe);
    }));

    AIConfigVariation observed = cluster.awaitStatus(AIConfigVariation.class, "watching", s -> s.getDrift() != null);
    assertThat(observed.getStatus().getDrift()).containsExactly("comment");
    assertThat(observed.getStatus().getVersion()).isEqualTo(1);
    assertThat(launchDarkly.writes()).isEqualTo(writes);
  }

  @Test
  void observeOfAMissingObjectCreatesNothing() {
    cluster.create(aiConfig("absent", spec -> spec.setManagementPolicy(ManagementPolicy.Observe)));

    AIConfig waiting = cluster.awaitCondition(AIConfig.class, "absent", ConditionTypes.RECONCILING, "NotFound");

    assertThat(Cluster.ready(waiting.getStatus()).getStatus()).isEqualTo("False");
    assertThat(waiting.getStatus().getKey()).isNull();
    assertThat(launchDarkly.count("GET", Route.CONFIG)).isPositive();
    assertThat(launchDarkly.writes()).isZero();
  }

  @Test
  void aPausedResourceMakesNoCallsAndConvergesWhenUnpaused() {
    AIConfig paused = aiConfig("held", spec -> {});
    paused.getMetadata().setAnnotations(Map.of(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED));
    cluster.create(paused);

    AIConfig held = cluster.awaitStatus(AIConfig.class, "held", status -> isPaused(status.condition(ConditionTypes.READY)));
    assertThat(held.getStatus().condition(ConditionTypes.RECONCILING)).isEmpty();
    assertThat(held.getStatus().condition(ConditionTypes.STALLED)).isEmpty();
    assertThat(callsAbout("held")).isEmpty();
    assertThat(launchDarkly.writes()).isZero();

    cluster.edit(AIConfig.class, "held", resource -> {
      resource.getMetadata().getAnnotations().remove(ManagementPolicy.RECONCILE_ANNOTATION);
      return resource;
    });

    cluster.awaitReady(AIConfig.class, "held");
    assertThat(launchDarkly.count("POST", Route.CONFIGS)).isEqualTo(1);
  }

  @Test
  void driftMadeWhilePausedIsRevertedWhenUnpaused() {
    cluster.create(aiConfig("resumed", spec -> spec.setDescription("as in Git")));
    cluster.awaitReady(AIConfig.class, "resumed");
    pause("resumed");
    launchDarkly.editConfig(PROJECT, "resumed", config -> config.put("description", "edited while paused"));
    awaitPolls(2);
    assertThat(launchDarkly.count("PATCH", Route.CONFIG)).isZero();

    cluster.edit(AIConfig.class, "resumed", resource -> {
      resource.getMetadata().getAnnotations().remove(ManagementPolicy.RECONCILE_ANNOTATION);
      return resource;
    });

    await().atMost(Cluster.TIMEOUT).until(() ->
        "as in Git".equals(launchDarkly.config(PROJECT, "resumed").orElseThrow().path("description").asText()));
    assertThat(launchDarkly.count("PATCH", Route.CONFIG)).isEqualTo(1);
  }

  @Test
  void deletingWhilePausedReleasesTheResourceWithoutTouchingLaunchDarkly() {
    cluster.create(aiConfig("left", spec -> {}));
    cluster.awaitReady(AIConfig.class, "left");
    pause("left");

    cluster.delete(AIConfig.class, "left");
    cluster.awaitGone(AIConfig.class, "left");

    assertThat(launchDarkly.config(PROJECT, "left")).isPresent();
    assertThat(launchDarkly.count("DELETE", Route.CONFIG)).isZero();
    assertThat(cluster.events("left")).anyMatch(e -> "Released".equals(e.getReason())
        && e.getNote().contains("paused"));
  }

  private void pause(String name) {
    cluster.edit(AIConfig.class, name, resource -> {
      resource.getMetadata().setAnnotations(
          new java.util.HashMap<>(Map.of(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED)));
      return resource;
    });
    cluster.awaitStatus(AIConfig.class, name, status -> isPaused(status.condition(ConditionTypes.READY)));
  }

  private static boolean isPaused(java.util.Optional<io.fabric8.kubernetes.api.model.Condition> ready) {
    return ready.filter(c -> "False".equals(c.getStatus()) && "Paused".equals(c.getReason())).isPresent();
  }

  private List<Call> callsAbout(String key) {
    return launchDarkly.calls().stream().filter(call -> call.path().contains("/" + key)).toList();
  }
}
