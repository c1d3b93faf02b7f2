package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.testing.Yaml;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl ldai export} as a user runs it: arguments, files, standard output and error, exit code. */
@QuarkusTest
class ExportCommandTest extends ComponentTest {

  private static final String PROJECT = "export-command";

  @Inject CommandLineTool tool;
  @Inject LaunchDarklyClients clients;
  @TempDir Path directory;

  @Test
  void aProjectIsOneFilePerObjectListedInAKustomizationWithAProgressLinePerConfig() throws IOException {
    seed();
    Path out = directory.resolve("support");

    CommandLineRun run = CommandLineRun.of(tool, "export", "--project", PROJECT, "--environment", "production", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).containsExactly(
        "AI Config Triage_Agent: 1 variation, targeting in production",
        "AI Config billing-agent: 1 variation, targeting in production",
        "AI Config support-assistant: 3 variations, targeting in production",
        "AI Config tone-judge: 1 variation, targeting in production",
        "Wrote 18 manifests and kustomization.yaml to " + out);
    Map<Path, String> files = ExportedFiles.under(out);
    String triage = names(files, "aiconfigs").stream().filter(name -> name.startsWith("triage-agent-")).findFirst().orElseThrow();
    assertThat(names(files, "aiconfigs")).containsExactly("billing-agent", "support-assistant", "tone-judge", triage);
    assertThat(names(files, "aiconfigvariations")).contains("support-assistant-friendly", "support-assistant-legacy",
        "billing-agent-default").hasSize(6);
    assertThat(names(files, "aiconfigtargetings")).contains("support-assistant-production").hasSize(4);
    assertThat(names(files, "aimodelconfigs")).containsExactly("house-gpt");
    assertThat(names(files, "aitools")).containsExactly("web-search");
    assertThat(names(files, "promptsnippets")).containsExactly("brand-voice");
    assertThat(names(files, "aiagentgraphs")).containsExactly("support-flow");
    JsonNode kustomization = Yaml.documents(files.get(Path.of("kustomization.yaml"))).get(0);
    List<String> listed = new ArrayList<>();
    kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));
    assertThat(listed).hasSize(18).first().isEqualTo("aimodelconfigs/house-gpt.yaml");
    assertThat(listed).containsExactlyInAnyOrderElementsOf(files.keySet().stream().map(Path::toString)
        .filter(file -> !file.equals("kustomization.yaml")).toList());

    JsonNode friendly = spec(files, "aiconfigvariations/support-assistant-friendly.yaml");
    assertThat(friendly.path("configRef").path("name").asText()).isEqualTo("support-assistant");
    assertThat(friendly.path("modelConfigRef").path("name").asText()).isEqualTo("house-gpt");
    assertThat(friendly.path("tools").get(0).path("toolRef").path("name").asText()).isEqualTo("web-search");
    assertThat(friendly.path("tools").get(0).path("version").asInt()).isEqualTo(1);
    assertThat(friendly.path("adoptionPolicy").asText()).isEqualTo("Adopt");
    assertThat(files.get(Path.of("aiconfigvariations/support-assistant-friendly.yaml")))
        .contains("  - role: system\n    content: |\n      Du bist der Support-Assistent von Ännchen & Co. — 丁寧に、簡潔に。🙂\n");
    assertThat(spec(files, "aiconfigvariations/support-assistant-precise.yaml").path("modelConfigKey").asText())
        .isEqualTo("OpenAI.gpt-4o");
    JsonNode graph = spec(files, "aiagentgraphs/support-flow.yaml");
    assertThat(graph.path("root").path("configRef").path("name").asText()).isEqualTo(triage);
    assertThat(graph.path("edges").get(0).path("target").path("configRef").path("name").asText()).isEqualTo("billing-agent");
    assertThat(spec(files, "aiconfigtargetings/support-assistant-production.yaml").path("configRef").path("name").asText())
        .isEqualTo("support-assistant");
    assertThat(Yaml.documents(files.get(Path.of("aiconfigs/support-assistant.yaml"))).get(0).path("metadata").has("namespace"))
        .isFalse();
  }

  @Test
  void exportingTwiceGivesTheSameFilesAndStandardOutputTheSameManifests() throws IOException {
    seed();
    String[] args = {"export", "--project", PROJECT, "--namespace", "support", "--environment", "test"};

    assertThat(CommandLineRun.of(tool, with(args, "--out", directory.resolve("first").toString())).exitCode()).isZero();
    assertThat(CommandLineRun.of(tool, with(args, "--out", directory.resolve("second").toString())).exitCode()).isZero();
    CommandLineRun stream = CommandLineRun.of(tool, args);

    Map<Path, String> first = ExportedFiles.under(directory.resolve("first"));
    assertThat(ExportedFiles.under(directory.resolve("second"))).isEqualTo(first);
    assertThat(stream.exitCode()).isZero();
    List<JsonNode> documents = Yaml.documents(stream.out());
    List<JsonNode> listed = new ArrayList<>();
    Yaml.documents(first.get(Path.of("kustomization.yaml"))).get(0).path("resources")
        .forEach(file -> listed.add(Yaml.documents(first.get(Path.of(file.asText()))).get(0)));
    assertThat(documents).isEqualTo(listed);
    assertThat(documents).allSatisfy(manifest -> assertThat(manifest.path("metadata").path("namespace").asText()).isEqualTo("support"));
  }

  @Test
  void namedConfigsComeWithWhatTheyUseAndNoGraphOfOthers() throws IOException {
    seed();
    Path out = directory.resolve("one");

    CommandLineRun run = CommandLineRun.of(tool, "export", "--project", PROJECT, "--config", SeededProject.SUPPORT,
        "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<Path, String> files = ExportedFiles.under(out);
    assertThat(names(files, "aiconfigs")).containsExactly("support-assistant");
    assertThat(names(files, "aiconfigvariations")).containsExactly("support-assistant-friendly", "support-assistant-legacy",
        "support-assistant-precise");
    assertThat(names(files, "aimodelconfigs")).containsExactly("house-gpt");
    assertThat(names(files, "aitools")).containsExactly("web-search");
    assertThat(names(files, "promptsnippets")).containsExactly("brand-voice");
    assertThat(names(files, "aiagentgraphs")).isEmpty();
    assertThat(names(files, "aiconfigtargetings")).isEmpty();
  }

  @Test
  void anExportOverAnEarlierOneDeletesTheFilesOfObjectsNoLongerExportedAndNothingElse() throws IOException {
    seed();
    Path out = directory.resolve("repo");
    assertThat(CommandLineRun.of(tool, "export", "--project", PROJECT, "--out", out.toString()).exitCode()).isZero();
    Files.writeString(out.resolve("README.md"), "ours");
    Files.writeString(out.resolve("aiconfigs/hand-written.yaml"), "ours too");

    CommandLineRun again = CommandLineRun.of(tool, "export", "--project", PROJECT, "--config", SeededProject.JUDGE, "--out", out.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    Map<Path, String> files = ExportedFiles.under(out);
    assertThat(names(files, "aiconfigs")).containsExactly("hand-written", "tone-judge");
    assertThat(names(files, "aiconfigvariations")).containsExactly("tone-judge-strict");
    assertThat(names(files, "aiagentgraphs")).isEmpty();
    assertThat(files).containsEntry(Path.of("README.md"), "ours");
  }

  @Test
  void anUnknownProjectIsOneLineOnStandardErrorExitOneAndNothingWritten() {
    Path out = directory.resolve("nothing");

    CommandLineRun run = CommandLineRun.of(tool, "export", "--project", "no-such-project", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).singleElement().asString().startsWith("error: project no-such-project not found in LaunchDarkly");
    assertThat(run.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  @Test
  void callsRefusedWithA429AreAskedAgainAfterThePauseAndTheExportIsTheSame() throws IOException {
    seed();
    String[] args = {"export", "--project", PROJECT, "--namespace", "support", "--environment", "test"};
    assertThat(CommandLineRun.of(tool, with(args, "--out", directory.resolve("calm").toString())).exitCode()).isZero();
    for (Route route : List.of(Route.CONFIGS, Route.MODEL_CONFIGS, Route.TARGETING, Route.AGENT_GRAPH)) {
      launchDarkly.rateLimitNext(route, "GET", 1, Duration.ofSeconds(1));
    }

    CommandLineRun limited = CommandLineRun.of(tool, with(args, "--out", directory.resolve("limited").toString()));

    assertThat(limited.exitCode()).as(limited.err()).isZero();
    assertThat(launchDarkly.faultsInjected()).containsEntry("429", 4L);
    assertThat(ExportedFiles.under(directory.resolve("limited"))).isEqualTo(ExportedFiles.under(directory.resolve("calm")));
  }

  @Test
  void aRefusedTokenIsOneLineOnStandardErrorExitOneAndNothingWritten() {
    seed();
    launchDarkly.failNext(Route.CONFIGS, "GET", 401, "unauthorized", "Invalid access token", 1);
    Path out = directory.resolve("nothing");

    CommandLineRun run = CommandLineRun.of(tool, "export", "--project", PROJECT, "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).containsExactly(
        "error: reading project export-command: LaunchDarkly HTTP 401 unauthorized: Invalid access token");
    assertThat(out).doesNotExist();
  }

  @Test
  void anUnknownConfigOrEnvironmentIsAnErrorAndNothingIsPrinted() {
    seed();

    CommandLineRun config = CommandLineRun.of(tool, "export", "--project", PROJECT, "--config", "nope");
    CommandLineRun environment = CommandLineRun.of(tool, "export", "--project", PROJECT, "--environment", "staging");

    assertThat(config.exitCode()).isEqualTo(1);
    assertThat(config.err().lines()).containsExactly("error: AI Config nope not found in project export-command");
    assertThat(environment.exitCode()).isEqualTo(1);
    assertThat(environment.err().lines()).last().isEqualTo("error: environment staging not found in project export-command");
    assertThat(config.out()).isEmpty();
    assertThat(environment.out()).isEmpty();
  }

  @Test
  void aMissingProjectIsAUsageErrorWithExitOne() {
    CommandLineRun run = CommandLineRun.of(tool, "export");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("Missing required option: '--project=PROJECT'");
    assertThat(CommandLineRun.of(tool, "import").exitCode()).isEqualTo(1);
  }

  @Test
  void helpIsUsageOnStandardOutputAndExitZero() {
    CommandLineRun help = CommandLineRun.of(tool, "export", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: kubectl ldai export").contains("--project=PROJECT", "--out=DIR");
    assertThat(CommandLineRun.of(tool, "--help").out()).startsWith("Usage: kubectl ldai").contains("export");
  }

  private void seed() {
    SeededProject.create(launchDarkly, clients.forToken(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN)), PROJECT);
  }

  private static String[] with(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }

  private static JsonNode spec(Map<Path, String> files, String file) {
    return Yaml.documents(files.get(Path.of(file))).get(0).path("spec");
  }

  /** The names of the objects of a kind: its files' names without {@code .yaml}, sorted. */
  private static List<String> names(Map<Path, String> files, String plural) {
    return files.keySet().stream()
        .filter(file -> file.getNameCount() == 2 && file.getName(0).toString().equals(plural))
        .map(file -> file.getFileName().toString().replaceFirst("\\.yaml$", ""))
        .sorted()
        .toList();
  }
}
