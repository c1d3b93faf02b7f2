package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.testing.Yaml;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run through the {@code bin/kubectl-ldai} wrapper, as a user runs it: with arguments it is the
 * command-line tool, with no cluster (none is configured) and no HTTP server (the port it would listen on is
 * held by this test, so listening would fail its start). Runs after {@code package}.
 */
class CommandLineJarTest {

  private static final Path WRAPPER = Path.of("bin", "kubectl-ldai");
  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  private static LaunchDarklyStandIn launchDarkly;

  @TempDir Path directory;

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

  private record Result(int exitCode, String out, String err) {}

  private Result run(String token, String... args) throws IOException, InterruptedException {
    return run(token, null, args);
  }

  /** Runs the wrapper with LaunchDarkly's token, if any, as the user's environment holds it, and the input file, if any. */
  private Result run(String token, Path input, String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("run ./mvnw package first").exists();
    try (ServerSocket heldPort = new ServerSocket(0)) {
      List<String> command = new ArrayList<>(List.of(WRAPPER.toString()));
      command.addAll(List.of(args));
      Path out = directory.resolve("stdout");
      Path err = directory.resolve("stderr");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.startsWith("LDAI_")
          || name.startsWith("QUARKUS_"));
      builder.environment().put("KUBECONFIG", directory.resolve("no-kubeconfig").toString());
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().put("LDAI_LAUNCHDARKLY_BASE_URL", launchDarkly.baseUrl());
      if (token != null) {
        builder.environment().put("LDAI_LAUNCHDARKLY_API_TOKEN", token);
      }
      if (input != null) {
        builder.redirectInput(input.toFile());
      }
      builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(heldPort.getLocalPort()));
      Process process = builder.start();
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ends").isTrue();
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
  }
}
