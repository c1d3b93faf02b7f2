package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.testing.KubectlLdai;
import dev.ldai.operator.testing.KubectlLdai.Result;
import dev.ldai.operator.testing.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run through the {@code bin/kubectl-ldai} wrapper, as a user runs it ({@link KubectlLdai}): with
 * arguments it is the command-line tool, with no cluster and no HTTP server. Runs after {@code package}.
 */
class CommandLineJarTest {

  private static LaunchDarklyStandIn launchDarkly;

  @TempDir Path directory;

  private Result run(String token, String... args) throws IOException, InterruptedException {
    return new KubectlLdai(directory.resolve("run"), launchDarkly.baseUrl()).run(token, args);
  }

  private Result run(String token, Path input, String... args) throws IOException, InterruptedException {
    return new KubectlLdai(directory.resolve("run"), launchDarkly.baseUrl()).run(token, input, args);
  }

  @BeforeAll
  static void startLaunchDarkly() {
    launchDarkly = LaunchDarklyStandIn.start();
    ObjectNode config = JsonNodeFactory.instance.objectNode().put("key", "support-assistant").put("name", "Support assistant");
    config.putArray("variations").addObject().put("key", "friendly").put("name", "Friendly")
        .putArray("messages").addObject().put("role", "system").put("content", "Be kind.\nBe brief — bitte.\n");
    launchDarkly.putConfig("default", config);
  }

  @AfterAll
  static void stopLaunchDarkly() {
    launchDarkly.close();
  }

  @Test
  void anExportWritesManifestsToStandardOutputAndOnlyProgressToStandardError() throws Exception {
    Result result = run(LaunchDarklyStandIn.DEFAULT_TOKEN, "export", "--project", "default");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err().lines()).containsExactly("AI Config support-assistant: 1 variation");
    List<JsonNode> manifests = Yaml.documents(result.out());
    assertThat(manifests).extracting(manifest -> manifest.path("kind").asText()).containsExactly("AIConfig", "AIConfigVariation");
    assertThat(result.out()).contains("content: |\n      Be kind.\n      Be brief — bitte.\n");
    assertThat(launchDarkly.writes()).isZero();
  }

  @Test
  void aDiffOfTheExportExitsZeroAndOfAChangeOnStandardInputExitsTwoWithTheChangedPrompt() throws Exception {
    Result export = run(LaunchDarklyStandIn.DEFAULT_TOKEN, "export", "--project", "default");
    Path exported = directory.resolve("exported.yaml");
    Files.writeString(exported, export.out());
    Path changed = directory.resolve("changed.yaml");
    Files.writeString(changed, export.out().replace("Be brief — bitte.", "Be brief — danke."));

    Result unchanged = run(LaunchDarklyStandIn.DEFAULT_TOKEN, "diff", "-f", exported.toString());
    Result change = run(LaunchDarklyStandIn.DEFAULT_TOKEN, changed, "diff", "-f", "-");

    assertThat(unchanged.exitCode()).as(unchanged.err()).isZero();
    assertThat(unchanged.out()).contains("0 writes to LaunchDarkly.");
    assertThat(change.exitCode()).as(change.err()).isEqualTo(2);
    assertThat(change.out()).contains("        -Be brief — bitte.\n        +Be brief — danke.\n",
        "write: PATCH /api/v2/projects/default/ai-configs/support-assistant/variations/friendly");
    assertThat(launchDarkly.writes()).isZero();
  }

  @Test
  void aRefusedTokenIsOneLineOnStandardErrorAndExitOne() throws Exception {
    Result result = run("api-refused-token", "export", "--project", "default", "--out", directory.resolve("out").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines()).singleElement().asString()
        .startsWith("error: reading project default: LaunchDarkly HTTP 401");
    assertThat(result.out()).isEmpty();
    assertThat(directory.resolve("out")).doesNotExist();
  }

  @Test
  void withoutATokenTheErrorNamesTheVariableToSet() throws Exception {
    Result result = run(null, "export", "--project", "default");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines()).containsExactly("error: no LaunchDarkly API token: set LDAI_LAUNCHDARKLY_API_TOKEN");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void theWrapperWithoutArgumentsShowsItsHelpRatherThanStartingTheOperator() throws Exception {
    Result result = run(LaunchDarklyStandIn.DEFAULT_TOKEN);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("Usage: kubectl ldai");
  }
}
