package dev.ldai.operator.variation;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.testing.ComponentTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Right after a variation PATCH, LaunchDarkly may still answer reads with the version before it. Such a
 * read must neither be recorded as the variation's history nor be diffed against the spec and patched again.
 */
@QuarkusTest
class StaleReadTest extends ComponentTest {

  static final String VARIATION_PATH = "/api/v2/projects/" + PROJECT + "/ai-configs/stale/variations/v";


  /**
   * A drift is reverted while someone edits the variation between the operator's read and its PATCH: the
   * PATCH answer skips a version, so the history is read again — and the first reads are stale.
   */
  @Test
  void staleReadsAfterARevertAreReadAgainNotPatchedAgain() {
    cluster.create(aiConfig("stale", spec -> {}));
    cluster.create(variation("stale-v", "stale", spec -> {
      spec.setKey("v");
      spec.setMessages(List.of(new Message("system", "From the spec")));
    }));
    cluster.awaitReady(AIConfigVariation.class, "stale-v");
    launchDarkly.staleReadsAfterPatch(3);
    AtomicBoolean armed = new AtomicBoolean(true);
    Consumer<Call> editDuringTheRead = call -> {
      if (call.method().equals("GET") && call.path().equals(VARIATION_PATH) && armed.getAndSet(false)) {
        launchDarkly.editVariation(PROJECT, "stale", "v", v -> v.put("comment", "edited meanwhile"));
      }
    };
    launchDarkly.onEachCall(editDuringTheRead);
    try {
      launchDarkly.editVariation(PROJECT, "stale", "v", v -> v.putArray("messages").addObject()
          .put("role", "system").put("content", "Changed in the UI"));

      AIConfigVariation reverted = cluster.awaitStatus(AIConfigVariation.class, "stale-v",
          s -> s.getVersion() != null && s.getVersion() >= 4);
      awaitPolls(3);

      assertThat(armed).as("the edit happened during the operator's read").isFalse();
      assertThat(launchDarkly.faultsInjected()).containsKey("stale-read");
      List<Call> patches = launchDarkly.calls().stream()
          .filter(c -> c.method().equals("PATCH") && c.path().equals(VARIATION_PATH)).toList();
      assertThat(patches).as("one revert, not a second one from a stale read").hasSize(1);
      assertThat(launchDarkly.variationVersions(PROJECT, "stale", "v")).hasSize(4);
      AIConfigVariationStatus status = cluster.get(AIConfigVariation.class, "stale-v").getStatus();
      assertThat(reverted.getStatus().getVersion()).isEqualTo(4);
      assertThat(status.getVersion()).isEqualTo(4);
      assertThat(status.getTotalCount()).isEqualTo(4);
      assertThat(status.getVersions()).extracting(VersionSummary::getVersion).containsExactly(4, 3, 2, 1);
    } finally {
      launchDarkly.removeCallListener(editDuringTheRead);
    }
  }

  /**
   * A PATCH is applied but its answer is lost; the retry's reads are stale, still showing the version before
   * it. The operator must read until the PATCH shows (as LaunchDarkly's Terraform provider does), not send it
   * again.
   */
  @Test
  void aPatchWhoseAnswerWasLostIsNotSentAgainOnAStaleRead() {
    assertALostPatchIsAppliedOnce("lost", () -> {});
  }

  /** The same when the first read after the lost answer fails: the PATCH stays in doubt for the next attempt. */
  @Test
  void aPatchWhoseAnswerWasLostStaysInDoubtWhenTheNextReadFails() {
    AtomicBoolean armed = new AtomicBoolean(true);
    Consumer<Call> failTheReadAfterTheLostPatch = call -> {
      if (call.method().equals("PATCH") && call.status() == 0 && armed.getAndSet(false)) {
        launchDarkly.failNext(Route.VARIATION, "GET", 503, "internal_server_error", "Injected failure", 1);
      }
    };
    launchDarkly.onEachCall(failTheReadAfterTheLostPatch);
    try {
      assertALostPatchIsAppliedOnce("unread", () -> {});
      assertThat(launchDarkly.calls()).filteredOn(c -> c.method().equals("GET") && c.status() == 503)
          .as("the read after the lost PATCH failed").hasSize(1);
    } finally {
      launchDarkly.removeCallListener(failTheReadAfterTheLostPatch);
    }
  }

  private void assertALostPatchIsAppliedOnce(String config, Runnable moreFaults) {
    cluster.create(aiConfig(config, spec -> {}));
    cluster.create(variation(config + "-v", config, spec -> {
      spec.setKey("v");
      spec.setMessages(List.of(new Message("system", "First")));
    }));
    cluster.awaitReady(AIConfigVariation.class, config + "-v");
    launchDarkly.staleReadsAfterPatch(3);
    launchDarkly.applyButLoseResponse(Route.VARIATION, "PATCH", 1);
    moreFaults.run();

    cluster.edit(AIConfigVariation.class, config + "-v", v -> {
      v.getSpec().setMessages(List.of(new Message("system", "Second")));
      return v;
    });

    AIConfigVariation done = cluster.awaitReady(AIConfigVariation.class, config + "-v");
    assertThat(launchDarkly.faultsInjected()).containsKeys("lost-response", "stale-read");
    assertThat(launchDarkly.calls())
        .filteredOn(c -> c.method().equals("PATCH") && c.path().endsWith("/" + config + "/variations/v"))
        .as("the lost PATCH, and no second one").hasSize(1);
    assertThat(launchDarkly.variationVersions(PROJECT, config, "v")).hasSize(2);
    assertThat(done.getStatus().getVersion()).isEqualTo(2);
    assertThat(done.getStatus().getTotalCount()).isEqualTo(2);
  }
}
