package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ldai.operator.cli.PlannedChange.Action;
import dev.ldai.operator.cli.PlannedChange.FieldChange;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffReportTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Test
  void aCreateShowsEachFieldSentAndMultiLineTextsLineByLine() {
    PlannedChange create = change(Action.CREATE, List.of(new FieldChange("name", null, JSON.textNode("Concise")),
        new FieldChange("instructions", null, JSON.textNode("Answer in one sentence.\nNo filler.\n"))), "POST /p/ai-configs/c/variations");

    String text = new DiffReport(List.of(create), false).text();

    assertThat(text).startsWith("""
        + AIConfigVariation ns/concise (v.yaml): create variation concise
            name: "Concise"
            instructions:
                +Answer in one sentence.
                +No filler.
            write: POST /p/ai-configs/c/variations
        """);
  }

  @Test
  void aTextDifferingOnlyInItsLastNewlineSaysSo() {
    PlannedChange update = change(Action.UPDATE,
        List.of(new FieldChange("instructions", JSON.textNode("One.\nTwo.\n"), JSON.textNode("One.\nTwo."))), "PATCH /p/x");

    assertThat(new DiffReport(List.of(update), false).text())
        .contains("    instructions:\n        (the same lines; only the newline at the end differs)\n");
  }

  @Test
  void unchangedManifestsAreCountedAndShownOnlyWhenAsked() {
    List<PlannedChange> changes = List.of(change(Action.NONE, List.of()), change(Action.ADOPT, List.of()),
        change(Action.REPLACE, List.of(new FieldChange("name", JSON.textNode("A"), JSON.textNode("B"))), "DELETE /p/m", "POST /p"));

    DiffReport report = new DiffReport(changes, false);

    assertThat(report.text()).doesNotContain("no change").contains("-/+ AIConfigVariation ns/concise (v.yaml): replace variation concise"
        + " (LaunchDarkly takes no update of it: deleted and created again)\n");
    assertThat(report.text()).endsWith("Plan: 0 to create, 0 to update, 1 to replace, 0 to delete, 2 unchanged (1 adopted), 0 observed, 0 refused;"
        + " 2 writes to LaunchDarkly.\n");
    assertThat(new DiffReport(changes, true).text()).contains("= AIConfigVariation ns/concise (v.yaml): no change to variation concise\n",
        "= AIConfigVariation ns/concise (v.yaml): adopt variation concise, no change\n");
    assertThat(report.exitCode()).isEqualTo(2);
  }

  @Test
  void theExitCodeIsZeroWithoutAWriteAndOneWhenAResourceWouldNotSync() {
    PlannedChange observed = change(Action.OBSERVE, List.of(new FieldChange("name", JSON.textNode("A"), JSON.textNode("B"))));
    PlannedChange refused = new PlannedChange("v.yaml", "AIConfigVariation", "ns", "concise", "variation concise", Action.REFUSE,
        "InvalidSpec: no", List.of(), List.of(), List.of(), null);

    assertThat(new DiffReport(List.of(observed), false).exitCode()).isZero();
    assertThat(new DiffReport(List.of(observed, refused), false).exitCode()).isEqualTo(1);
  }

  @Test
  void jsonHoldsEveryChangeTheSummaryAndTheNumberOfWrites() {
    List<PlannedChange> changes = List.of(change(Action.NONE, List.of()),
        change(Action.UPDATE, List.of(new FieldChange("name", JSON.textNode("A"), JSON.textNode("B"))), "PATCH /p/x"));

    JsonNode json = Serialization.unmarshal(new DiffReport(changes, false).json(), JsonNode.class);

    assertThat(json.path("changes")).hasSize(2);
    assertThat(json.path("writes").asInt()).isEqualTo(1);
    assertThat(json.path("summary").path("update").asInt()).isEqualTo(1);
    assertThat(json.path("summary").path("none").asInt()).isEqualTo(1);
    assertThat(json.at("/changes/1/fields/0/before").asText()).isEqualTo("A");
    assertThat(json.at("/changes/0").has("reason")).as("nulls are left out").isFalse();
  }

  private static PlannedChange change(Action action, List<FieldChange> fields, String... writes) {
    return new PlannedChange("v.yaml", "AIConfigVariation", "ns", "concise", "variation concise", action, null, fields,
        List.of(writes), List.of(), null);
  }
}
