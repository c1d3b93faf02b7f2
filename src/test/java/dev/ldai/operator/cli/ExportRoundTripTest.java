package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.testing.Yaml;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.variation.AIConfigVariation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export's guarantee: a project exported and applied to a cluster running the operator becomes Ready without
 * any write to LaunchDarkly. Objects adopted as they are get no owner tag (not worth a write; for a tool or snippet a
 * new version), and a variation's instructions and description, which get-variation does not show, are compared with
 * the text the project listing shows. Exporting again gives the same files.
 */
@QuarkusTest
class ExportRoundTripTest extends ComponentTest {

  private static final String PROJECT = "export-round-trip";
  private static final Map<String, Class<? extends CustomResource<?, ?>>> KINDS = Stream.of(AIModelConfig.class, AITool.class,
          PromptSnippet.class, AIConfig.class, AIConfigVariation.class, AIConfigTargeting.class, AIAgentGraph.class)
      .collect(Collectors.toMap(HasMetadata::getKind, Function.identity()));

  @Inject CommandLineTool tool;
  @Inject LaunchDarklyClients clients;
  @TempDir Path directory;

  @Test
  void anExportedProjectAppliedToTheOperatorIsTakenOverWithNoChangeAndExportsAgainAsTheSameFiles() throws IOException {
    SeededProject.create(launchDarkly, clients.forToken(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN)), PROJECT);
    Path exported = directory.resolve("exported");
    CommandLineRun export = export(exported);
    assertThat(export.exitCode()).as(export.err()).isZero();
    int callsBeforeApply = launchDarkly.calls().size();

    List<CustomResource<?, ?>> applied = apply(exported);
    applied.forEach(this::awaitReady);
    awaitPolls(2);

    assertThat(writesSince(callsBeforeApply, Outcome.APPLIED)).as("nothing is written, not even the owner tag").isEmpty();
    assertThat(writesSince(callsBeforeApply, Outcome.REFUSED)).as("no create of what the listing shows").isEmpty();
    assertThat(applied).hasSize(22);

    Path again = directory.resolve("again");
    assertThat(export(again).exitCode()).isZero();
    assertThat(ExportedFiles.under(again)).isEqualTo(ExportedFiles.under(exported));
  }

  private CommandLineRun export(Path out) {
    return CommandLineRun.of(tool, "export", "--project", PROJECT, "--namespace", cluster.namespace(),
        "--environment", "production", "--environment", "test", "--out", out.toString());
  }

  /** Creates every resource the kustomization lists, in its order, as {@code kubectl apply -k} would. */
  private List<CustomResource<?, ?>> apply(Path directory) {
    JsonNode kustomization = Yaml.documents(directory.resolve(ManifestDirectory.KUSTOMIZATION)).get(0);
    List<CustomResource<?, ?>> created = new ArrayList<>();
    for (JsonNode file : kustomization.path("resources")) {
      JsonNode manifest = Yaml.documents(directory.resolve(file.asText())).get(0);
      Class<? extends CustomResource<?, ?>> type = KINDS.get(manifest.path("kind").asText());
      created.add(cluster.create(Serialization.jsonMapper().convertValue(manifest, type)));
    }
    return created;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void awaitReady(CustomResource<?, ?> resource) {
    Class type = resource.getClass();
    CustomResource<?, ? extends CommonStatus> ready = cluster.awaitReady(type, resource.getMetadata().getName());
    assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(1L);
  }

  private enum Outcome { APPLIED, REFUSED }

  /**
   * Each write LaunchDarkly applied (answered 2xx), or refused, since the given call: method, path and the fields
   * of its body; a refused one also its status.
   */
  private List<String> writesSince(int callIndex, Outcome outcome) {
    List<Call> calls = launchDarkly.calls();
    return calls.subList(callIndex, calls.size()).stream()
        .filter(call -> !call.method().equals("GET"))
        .filter(call -> (call.status() / 100 == 2) == (outcome == Outcome.APPLIED))
        .map(call -> call.method() + " " + call.path() + " " + fieldsOf(call.requestBody())
            + (outcome == Outcome.REFUSED ? " -> " + call.status() : ""))
        .toList();
  }

  private static List<String> fieldsOf(String body) {
    List<String> fields = new ArrayList<>();
    Serialization.unmarshal(body, JsonNode.class).fieldNames().forEachRemaining(fields::add);
    return fields.stream().sorted().toList();
  }
}
