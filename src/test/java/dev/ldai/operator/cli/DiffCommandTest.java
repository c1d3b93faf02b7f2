package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.testing.ComponentTest;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl ldai diff} as a user runs it on an exported project: what it prints, its exit code, and that it
 * writes nothing to LaunchDarkly. That the writes it announces are the operator's is {@link DiffAppliedTest}'s.
 */
@QuarkusTest
class DiffCommandTest extends ComponentTest {

  private static final String PROJECT = "diff-command";

  @Inject CommandLineTool tool;
  @Inject LaunchDarklyClients clients;
  @TempDir Path directory;
  private Path exported;

  @BeforeEach
  void exportTheSeededProject() {
    SeededProject.create(launchDarkly, clients.forToken(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN)), PROJECT);
    exported = directory.resolve("exported");
    CommandLineRun export = CommandLineRun.of(tool, "export", "--project", PROJECT, "--namespace", "shop",
        "--environment", "production", "--out", exported.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
  }

  @Test
  void anExportDiffsAsNothingToChangeAndExitsZero() {
    int callsBefore = launchDarkly.calls().size();

    CommandLineRun diff = CommandLineRun.of(tool, "diff", "-f", exported.toString(), "--show-unchanged");

    assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
    assertThat(diff.out()).contains("= AIConfig shop/support-assistant (" + exported.resolve("aiconfigs/support-assistant.yaml")
        + "): adopt AI Config support-assistant in project diff-command, no change");
    assertThat(diff.out()).endsWith("Plan: 0 to create, 0 to update, 0 to replace, 18 unchanged (13 adopted), 0 observed, 0 refused;"
        + " 0 writes to LaunchDarkly.\n");
    assertThat(launchDarkly.calls().subList(callsBefore, launchDarkly.calls().size()))
        .allMatch(call -> call.method().equals("GET"));
  }

  @Test
  void aChangedPromptIsAnUpdateShownAsAUnifiedDiffAndExitsTwo() throws IOException {
    Path friendly = exported.resolve("aiconfigvariations/support-assistant-friendly.yaml");
    Files.writeString(friendly, Files.readString(friendly).replace("- nie raten", "- nie raten, nie drängen"));
    System.out.println(Files.readString(friendly));

    CommandLineRun diff = CommandLineRun.of(tool, "diff", "-f", exported.toString());

    System.out.println(diff.out());
    assertThat(diff.exitCode()).as(diff.err()).isEqualTo(2);
  }

  @Test
  void jsonOutputListsEveryChangeWithItsWrites() throws IOException {
    Path config = exported.resolve("aiconfigs/support-assistant.yaml");
    Files.writeString(config, Files.readString(config).replace("name: Support assistant", "name: Support bot"));

    CommandLineRun diff = CommandLineRun.of(tool, "diff", "-f", exported.toString(), "-o", "json");

    assertThat(diff.exitCode()).as(diff.err()).isEqualTo(2);
    JsonNode report = Serialization.unmarshal(diff.out(), JsonNode.class);
    assertThat(report.path("writes").asInt()).isEqualTo(1);
    System.out.println(diff.out());
  }
}
