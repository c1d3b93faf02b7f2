package dev.ldai.operator.variation;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.standin.VersionOrder;
import dev.ldai.operator.status.Timestamps;
import dev.ldai.operator.testing.ComponentTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LaunchDarkly's description does not promise the order of the versions get-variation lists: the status
 * a variation gets from reading its history is the same whichever order the stand-in answers in.
 */
@QuarkusTest
class VersionOrderTest extends ComponentTest {

  @ParameterizedTest
  @EnumSource(VersionOrder.class)
  void theStatusFromAReadHistoryDoesNotDependOnTheOrderOfVersions(VersionOrder order) {
    launchDarkly.versionOrder(order);
    cluster.create(aiConfig("ordered", spec -> {}));
    cluster.create(variation("ordered-v", "ordered", spec -> spec.setKey("v")));
    cluster.awaitReady(AIConfigVariation.class, "ordered-v");

    // Unmanaged edits in LaunchDarkly: the history is read and shown, nothing is reverted.
    launchDarkly.editVariation(PROJECT, "ordered", "v", v -> v.put("comment", "first edit"));
    launchDarkly.editVariation(PROJECT, "ordered", "v", v -> v.put("comment", "second edit"));
    AIConfigVariation read = cluster.awaitStatus(AIConfigVariation.class, "ordered-v",
        s -> Integer.valueOf(3).equals(s.getVersion()));
    assertStatusShowsTheHistory(read);

    // A managed field changed in LaunchDarkly: read, reverted with one PATCH, the history shown again.
    launchDarkly.editVariation(PROJECT, "ordered", "v", v -> v.putArray("messages").addObject()
        .put("role", "system").put("content", "changed in the UI"));
    AIConfigVariation reverted = cluster.awaitStatus(AIConfigVariation.class, "ordered-v",
        s -> Integer.valueOf(5).equals(s.getVersion()));
    assertStatusShowsTheHistory(reverted);
    assertThat(launchDarkly.count("GET", Route.VARIATION)).as("the history was read").isPositive();
    assertThat(launchDarkly.count("PATCH", Route.VARIATION)).isEqualTo(1);
  }

  private void assertStatusShowsTheHistory(AIConfigVariation variation) {
    List<ObjectNode> held = launchDarkly.variationVersions(PROJECT, "ordered", "v");
    List<VersionSummary> newestFirst = new ArrayList<>();
    for (int i = held.size() - 1; i >= 0; i--) {
      ObjectNode version = held.get(i);
      newestFirst.add(new VersionSummary(version.path("version").asInt(), version.path("_id").asText(),
          Timestamps.fromEpochMillis(version.path("createdAt").asLong())));
    }
    AIConfigVariationStatus status = variation.getStatus();
    assertThat(status.getVersion()).isEqualTo(held.size());
    assertThat(status.getTotalCount()).isEqualTo(held.size());
    assertThat(status.getVariationId()).isEqualTo(held.get(held.size() - 1).path("_id").asText());
    assertThat(status.getVersions()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(newestFirst);
  }
}
