package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.testing.ComponentTest;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl ldai diff} as a user runs it on an exported project: what it prints, its exit code, and that it
 * reads LaunchDarkly without writing to it. That the writes it announces are the operator's is
 * {@link DiffAppliedTest}'s to prove.
 */
@QuarkusTest
class DiffCommandTest extends ComponentTest {

  private static final String PROJECT = "diff-command";
  private static final String FRIENDLY = "aiconfigvariations/support-assistant-friendly.yaml";
  private static final String SUPPORT = "aiconfigs/support-assistant.yaml";
  private static final String PRODUCTION = "aiconfigtargetings/support-assistant-production.yaml";

  @Inject CommandLineTool tool;
  @Inject LaunchDarklyClients clients;
  @TempDir Path directory;
  private Path exported;
  private int callsBefore;

  @BeforeEach
  void exportTheSeededProject() {
    SeededProject.create(launchDarkly, clients.forToken(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN)), PROJECT);
    exported = directory.resolve("exported");
    CommandLineRun export = CommandLineRun.of(tool, "export", "--project", PROJECT, "--namespace", "shop",
        "--environment", "production", "--out", exported.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    callsBefore = launchDarkly.calls().size();
  }

  @Test
  void anExportDiffsAsNothingToChangeExitsZeroAndOnlyReads() {
    CommandLineRun diff = diff("--show-unchanged");

    assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
    assertThat(diff.out()).contains("= AIConfig shop/support-assistant (%s): adopt AI Config support-assistant in project %s, no change"
        .formatted(exported.resolve(SUPPORT), PROJECT));
    assertThat(diff.out()).contains("= AIConfigTargeting shop/support-assistant-production (%s): no change to targeting of AI Config"
        .formatted(exported.resolve(PRODUCTION)) + " support-assistant in environment production in project diff-command");
    assertThat(diff.out()).endsWith("\nPlan: 0 to create, 0 to update, 0 to replace, 0 to delete, 18 unchanged (13 adopted), 0 observed,"
        + " 0 refused; 0 writes to LaunchDarkly.\n");
    assertThat(diff("--show-unchanged").out()).as("the same diff twice").isEqualTo(diff.out());
    assertThat(diff().out()).as("without --show-unchanged, only the summary").startsWith("\nPlan: 0 to create");
    assertOnlyReads();
  }

  @Test
  void aChangedPromptIsAnUpdateShownAsAUnifiedDiffWithItsWriteAndExitsTwo() throws IOException {
    edit(FRIENDLY, text -> text.replace("- nie raten", "- nie raten, nie drängen"));

    CommandLineRun diff = diff();

    assertThat(diff.exitCode()).as(diff.err()).isEqualTo(2);
    assertThat(diff.out()).isEqualTo("""
        ~ AIConfigVariation shop/support-assistant-friendly (%s): update variation friendly in AI Config diff-command/support-assistant
            messages:
                @@ -3,7 +3,7 @@
                 {{snippet.brand-voice#1}}
                \s
                   Regeln:
                -  - nie raten
                +  - nie raten, nie drängen
                   - "Zitate" und 'Apostrophe' bleiben: key: value # kein Kommentar
                \s
                 [user]
            note: adopts it (adoptionPolicy: Adopt): no resource of the cluster made it
            write: PATCH /api/v2/projects/diff-command/ai-configs/support-assistant/variations/friendly

        Plan: 0 to create, 1 to update, 0 to replace, 0 to delete, 17 unchanged (12 adopted), 0 observed, 0 refused; 1 write to LaunchDarkly.
        """.formatted(exported.resolve(FRIENDLY)));
    assertOnlyReads();
  }

  @Test
  void aTargetingChangeShowsEachFieldAndWhatTheEnvironmentServesBeforeAndAfter() throws IOException {
    edit(PRODUCTION, text -> text.replace("offVariation: precise", "offVariation: friendly")
        .replace("weight: 60000", "weight: 50000").replace("weight: 40000", "weight: 50000"));

    CommandLineRun diff = diff();

    assertThat(diff.exitCode()).isEqualTo(2);
    assertThat(diff.out()).contains("""
            defaultRollout: {"weights":[{"variation":"friendly","weight":60000},{"variation":"precise","weight":40000}],"bucketBy":"key","contextKind":"user"} → {"weights":[{"variation":"friendly","weight":50000},{"variation":"precise","weight":50000}],"bucketBy":"key","contextKind":"user"}
            offVariation: "precise" → "friendly"
            serves:
              default: rollout friendly 60%, precise 40% → rollout friendly 50%, precise 50%
              off: precise → friendly
              targets: friendly to org acme; precise to user ann, bob (unchanged)
              rules: 1. Nordics: friendly; 2. rollout friendly 50%, precise 50% (unchanged)
            write: PATCH /api/v2/projects/diff-command/ai-configs/support-assistant/targeting
        """);
  }

  @Test
  void withPruneAnObjectMadeByAResourceOfTheNamespaceThatNoManifestNamesIsShownDeleted() {
    launchDarkly.putTool(PROJECT, tool("old-search", "ldai-operator_aitool_shop_old-search"));
    launchDarkly.putTool(PROJECT, tool("their-search", "ldai-operator_aitool_elsewhere_their-search"));
    launchDarkly.putTool(PROJECT, tool("hand-made", "search"));

    CommandLineRun plain = diff();
    CommandLineRun pruning = diff("--prune");

    assertThat(plain.exitCode()).as(plain.out()).isZero();
    assertThat(pruning.exitCode()).as(pruning.err()).isEqualTo(2);
    assertThat(pruning.out()).isEqualTo("""
        - AITool shop/old-search ((no manifest)): delete AI tool old-search in project diff-command
            note: no manifest names AITool shop/old-search, whose owner tag ldai-operator_aitool_shop_old-search it carries:\
         pruning that resource deletes the object, unless its deletionPolicy is Retain
            write: DELETE /api/v2/projects/diff-command/ai-tools/old-search

        Plan: 0 to create, 0 to update, 0 to replace, 1 to delete, 18 unchanged (13 adopted), 0 observed, 0 refused; 1 write to LaunchDarkly.
        """);
  }

  private static ObjectNode tool(String key, String tag) {
    ObjectNode tool = JsonNodeFactory.instance.objectNode()
        .put("key", key).put("description", "Searches");
    tool.putObject("schema").put("type", "object");
    tool.putArray("tags").add(tag);
    return tool;
  }

  @Test
  void jsonOutputHoldsEveryManifestWithItsActionFieldsAndWrites() throws IOException {
    edit(SUPPORT, text -> text.replace("name: Support assistant", "name: Support bot"));

    CommandLineRun diff = diff("-o", "json");

    assertThat(diff.exitCode()).as(diff.err()).isEqualTo(2);
    JsonNode report = Serialization.unmarshal(diff.out(), JsonNode.class);
    assertThat(report.path("changes")).hasSize(18);
    assertThat(report.path("writes").asInt()).isEqualTo(1);
    assertThat(report.path("summary").path("update").asInt()).isEqualTo(1);
    JsonNode config = report.path("changes").findParents("name").stream()
        .filter(change -> change.path("kind").asText().equals("AIConfig") && change.path("name").asText().equals("support-assistant"))
        .findFirst().orElseThrow();
    assertThat(config.path("action").asText()).isEqualTo("UPDATE");
    assertThat(config.path("writes").get(0).asText()).isEqualTo("PATCH /api/v2/projects/diff-command/ai-configs/support-assistant");
    JsonNode name = config.path("fields").get(0);
    assertThat(name.path("field").asText()).isEqualTo("name");
    assertThat(name.path("before").asText()).isEqualTo("Support assistant");
    assertThat(name.path("after").asText()).isEqualTo("Support bot");
    assertThat(config.path("fields").findValuesAsText("field")).as("the owner tag goes with the change").contains("ownerTag");
  }

  @Test
  void manifestsOnStandardInputAsKubectlKustomizePrintsThem() throws IOException {
    StringBuilder stream = new StringBuilder();
    try (var files = Files.walk(exported)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".yaml") && !path.endsWith("kustomization.yaml")).sorted().toList()) {
        stream.append("---\n").append(Files.readString(file).replace("name: Support assistant", "name: Support bot"));
      }
    }

    CommandLineRun diff = CommandLineRun.withInput(tool, stream.toString(), "diff", "-f", "-", "--namespace", "shop");

    assertThat(diff.exitCode()).as(diff.err()).isEqualTo(2);
    assertThat(diff.out()).contains("~ AIConfig shop/support-assistant (standard input (document ");
  }

  @Test
  void anObjectThatExistsWithoutAdoptionWouldNotSyncAndExitsOne() throws IOException {
    edit(SUPPORT, text -> text.replace("adoptionPolicy: Adopt", "adoptionPolicy: Never"));

    CommandLineRun diff = diff();

    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.out()).contains("! AIConfig shop/support-assistant (%s): would not sync: AI Config support-assistant in project diff-command\n"
        .formatted(exported.resolve(SUPPORT)) + "    AlreadyExists: AI Config support-assistant already exists in project diff-command and this"
        + " resource did not make it; set spec.adoptionPolicy: Adopt to manage it\n");
    assertThat(diff.err().lines()).containsExactly("error: some resources would not sync; see the lines marked !");
    CommandLineRun json = diff("-o", "json");
    assertThat(json.exitCode()).isEqualTo(1);
    assertThat(Serialization.unmarshal(json.out(), JsonNode.class).path("summary").path("refuse").asInt())
        .as("the config, and its three variations and targeting waiting for it").isEqualTo(5);
    assertThat(json.err().lines()).containsExactly("error: some resources would not sync; see the changes whose action is REFUSE");
  }

  @Test
  void aResourceThatOnlyObservesShowsWhereItDiffersWithoutAWriteAndExitsZero() throws IOException {
    edit(SUPPORT, text -> text.replace("name: Support assistant", "name: Support bot")
        .replace("adoptionPolicy: Adopt", "adoptionPolicy: Adopt\n  managementPolicy: Observe"));

    CommandLineRun diff = diff();

    assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
    assertThat(diff.out()).startsWith("""
        ? AIConfig shop/support-assistant (%s): observe AI Config support-assistant in project diff-command, which differs\
         (managementPolicy Observe: not written)
            name: "Support assistant" → "Support bot"
        """.formatted(exported.resolve(SUPPORT)));
    assertThat(diff.out()).contains("1 observed, 0 refused; 0 writes to LaunchDarkly.");
  }

  @Test
  void twoManifestsForOneObjectConflictAndExitOne() throws IOException {
    Path copy = exported.resolve("aiconfigs/judge-two.yaml");
    Files.writeString(copy, Files.readString(exported.resolve("aiconfigs/tone-judge.yaml"))
        .replace("name: tone-judge", "name: judge-two").replace("spec:\n", "spec:\n  key: tone-judge\n"));

    CommandLineRun diff = diff();

    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.out()).contains("! AIConfig shop/tone-judge (%s): would not sync: AI Config tone-judge in project diff-command\n"
        .formatted(exported.resolve("aiconfigs/tone-judge.yaml"))
        + "    Conflict: AIConfig shop/judge-two also manages diff-command/ai-config/tone-judge; only the older of the two would\n");
  }

  @Test
  void aModelConfigInUseCannotBeReplacedAndExitsOne() throws IOException {
    edit("aimodelconfigs/house-gpt.yaml", text -> text.replace("temperature: 0.2", "temperature: 0.3"));

    CommandLineRun diff = diff();

    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.out()).contains("    ModelConfigInUse: Model config house-gpt differs in params but LaunchDarkly can only replace it"
        + " while unused; used by support-assistant/friendly\n");
    assertThat(diff.out()).contains("    params: {\"temperature\":0.2,\"maxTokens\":800} → {\"temperature\":0.3,\"maxTokens\":800}\n");
  }

  @Test
  void aReferenceToAManifestNotGivenIsAnErrorNamingTheFileAndField() {
    CommandLineRun diff = CommandLineRun.of(tool, "diff", "-f", exported.resolve(FRIENDLY).toString());

    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.err().lines()).containsExactly("error: %s: spec.configRef: AIConfig shop/support-assistant is in none of the manifests"
        .formatted(exported.resolve(FRIENDLY)));
    assertThat(diff.out()).isEmpty();
  }

  @Test
  void aToolReferenceToAManifestNotGivenIsAnErrorNamingTheFileAndField() throws IOException {
    edit(FRIENDLY, text -> text.replace("name: web-search", "name: web-search-2"));

    CommandLineRun diff = diff();

    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.err().lines()).containsExactly("error: %s: spec.tools[0].toolRef: AITool shop/web-search-2 is in none of the manifests"
        .formatted(exported.resolve(FRIENDLY)));
  }

  @Test
  void aKeyInNeitherTheManifestsNorLaunchDarklyIsAnErrorNamingTheFileAndField() throws IOException {
    edit(FRIENDLY, text -> text.replace("modelConfigRef:\n    name: house-gpt", "modelConfigKey: house-gpt-2"));

    CommandLineRun diff = diff();

    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.err().lines()).containsExactly("error: %s: spec.modelConfigKey: model config house-gpt-2 is neither in project"
        .formatted(exported.resolve(FRIENDLY)) + " diff-command nor in the manifests");
  }

  @Test
  void manifestsTheApiServerWouldRefuseAreAnErrorPerFieldBeforeLaunchDarklyIsRead() throws IOException {
    edit(FRIENDLY, text -> text.replace("modelConfigRef:\n    name: house-gpt", "modelConfigRef:\n    name: house-gpt\n  modelConfigKey: x"));
    edit(SUPPORT, text -> text.replace("name: Support assistant", "name: Support assistant\n  colour: blue"));
    int callsBefore = launchDarkly.calls().size();

    CommandLineRun diff = diff();

    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.err().lines()).containsExactly(
        "error: %s: AIConfig support-assistant: spec.colour: unknown field \"spec.colour\"".formatted(exported.resolve(SUPPORT)),
        "error: %s: AIConfigVariation support-assistant-friendly: spec: set at most one of modelConfigRef and modelConfigKey"
            .formatted(exported.resolve(FRIENDLY)));
    assertThat(diff.out()).isEmpty();
    assertThat(launchDarkly.calls()).hasSize(callsBefore);
  }

  @Test
  void aManifestOfAnotherKindIsAnErrorNamingTheFile() throws IOException {
    Path other = exported.resolve("other/configmap.yaml");
    Files.createDirectories(other.getParent());
    Files.writeString(other, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n");

    CommandLineRun diff = diff();

    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.err().lines()).singleElement().asString()
        .startsWith("error: %s: v1 ConfigMap is not a kind of this operator".formatted(other));
  }

  @Test
  void anUnknownProjectOrARefusedTokenIsAnErrorAndNothingIsPrinted() throws IOException {
    launchDarkly.failNext(Route.CONFIGS, "GET", 401, "unauthorized", "Invalid access token", 1);
    CommandLineRun refused = diff();
    edit(SUPPORT, text -> text.replace("projectKey: diff-command", "projectKey: no-such-project"));

    CommandLineRun unknown = CommandLineRun.of(tool, "diff", "-f", exported.resolve(SUPPORT).toString());

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err().lines()).containsExactly("error: reading LaunchDarkly: LaunchDarkly HTTP 401 unauthorized: Invalid access token");
    assertThat(refused.out()).isEmpty();
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err().lines()).singleElement().asString().startsWith("error: project no-such-project not found in LaunchDarkly");
    assertOnlyReads();
  }

  @Test
  void aMissingFileIsAnErrorAndHelpIsUsage() {
    CommandLineRun missing = CommandLineRun.of(tool, "diff", "-f", directory.resolve("nope.yaml").toString());
    CommandLineRun help = CommandLineRun.of(tool, "diff", "--help");

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err().lines()).containsExactly("error: %s: no such file or directory".formatted(directory.resolve("nope.yaml")));
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: kubectl ldai diff").contains("--filename=FILE|DIR", "--output=FORMAT");
    assertThat(CommandLineRun.of(tool, "diff").exitCode()).as("-f is required").isEqualTo(1);
  }

  private CommandLineRun diff(String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("diff", "-f", exported.toString()));
    args.addAll(List.of(options));
    return CommandLineRun.of(tool, args.toArray(String[]::new));
  }

  private void edit(String file, UnaryOperator<String> change) throws IOException {
    Path path = exported.resolve(file);
    String before = Files.readString(path);
    String after = change.apply(before);
    assertThat(after).as("the edit changes " + file).isNotEqualTo(before);
    Files.writeString(path, after);
  }

  private void assertOnlyReads() {
    assertThat(launchDarkly.calls().subList(callsBefore, launchDarkly.calls().size())).allMatch(call -> call.method().equals("GET"));
  }
}
