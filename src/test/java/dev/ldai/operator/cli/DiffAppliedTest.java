package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.testing.ComponentTest;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diff's promise: the writes it announces for a change of the manifests are exactly the writes the operator
 * makes when the change is applied. An exported project is applied, then edited one change at a time; for each,
 * {@code diff -o json} announces writes, the changed manifests are applied, and LaunchDarkly's calls since are
 * compared with the announcement (method and path, as a multiset). Once the operator is done, the diff finds
 * nothing left to do.
 */
@QuarkusTest
class DiffAppliedTest extends ComponentTest {

  private static final String PROJECT = "diff-applied";

  @Inject CommandLineTool tool;
  @Inject LaunchDarklyClients clients;
  @TempDir Path directory;
  private Path exported;

  /**
   * An edit of the exported files: the files it touches, each given its new text, and the files it removes, whose
   * resources are then deleted from the cluster as pruning deletes them.
   */
  private record Edit(String description, List<String> files, List<UnaryOperator<String>> changes, List<String> removed) {
    Edit(String description, List<String> files, List<UnaryOperator<String>> changes) {
      this(description, files, changes, List.of());
    }

    static Edit of(String description, String file, UnaryOperator<String> change) {
      return new Edit(description, List.of(file), List.of(change));
    }

    static Edit removing(String description, String file) {
      return new Edit(description, List.of(), List.of(), List.of(file));
    }
  }

  @Test
  void eachChangeIsAppliedWithExactlyTheWritesItsDiffAnnounced() throws IOException {
    SeededProject.create(launchDarkly, clients.forToken(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN)), PROJECT);
    exported = directory.resolve("exported");
    assertThat(CommandLineRun.of(tool, "export", "--project", PROJECT, "--namespace", cluster.namespace(),
        "--environment", "production", "--out", exported.toString()).exitCode()).isZero();
    applied(List.of(exported.toString()));
    awaitPolls(2);
    assertThat(diff().exitCode()).as("the export applied, nothing is left to do").isZero();

    for (Edit edit : edits()) {
      for (int i = 0; i < edit.files().size(); i++) {
        Path file = exported.resolve(edit.files().get(i));
        String before = Files.exists(file) ? Files.readString(file) : "";
        String after = edit.changes().get(i).apply(before);
        assertThat(after).as(edit.description() + ": the edit changes " + file).isNotEqualTo(before);
        Files.createDirectories(file.getParent());
        Files.writeString(file, after);
      }
      List<CustomResource<?, ?>> pruned = new ArrayList<>();
      for (String file : edit.removed()) {
        pruned.addAll(resourcesOf(List.of(exported.resolve(file).toString())));
        Files.delete(exported.resolve(file));
      }
      CommandLineRun announced = diff();
      assertThat(announced.exitCode()).as(edit.description() + ": " + announced.out() + announced.err()).isEqualTo(2);
      List<String> announcedWrites = writesOf(announced.out());
      int callsBefore = launchDarkly.calls().size();

      if (!edit.files().isEmpty()) {
        applied(edit.files().stream().map(file -> exported.resolve(file).toString()).toList());
      }
      pruned.forEach(resource -> {
        cluster.delete(resource.getClass(), resource.getMetadata().getName());
        cluster.awaitGone(resource.getClass(), resource.getMetadata().getName());
      });

      await(edit.description() + ": the writes announced, " + announcedWrites).atMost(Duration.ofSeconds(30))
          .until(() -> writesSince(callsBefore).size() >= announcedWrites.size());
      awaitPolls(2);
      assertThat(writesSince(callsBefore)).as(edit.description()).containsExactlyInAnyOrderElementsOf(announcedWrites);
      CommandLineRun after = diff();
      assertThat(after.exitCode()).as(edit.description() + ": once applied, nothing is left to do: " + after.out()).isZero();
    }
  }

  private List<Edit> edits() {
    String variation = "aiconfigvariations/support-assistant-concise.yaml";
    String production = "aiconfigtargetings/support-assistant-production.yaml";
    return List.of(
        Edit.of("an AI Config renamed", "aiconfigs/support-assistant.yaml",
            text -> text.replace("name: Support assistant", "name: Support bot")),
        Edit.of("a prompt edited", "aiconfigvariations/support-assistant-friendly.yaml",
            text -> text.replace("- nie raten", "- nie raten, nie drängen")),
        Edit.of("a variation archived", "aiconfigvariations/support-assistant-precise.yaml",
            text -> text.replace("  name: Precise\n", "  name: Precise\n  state: archived\n")),
        new Edit("a new variation following a snippet, served when targeting is off", List.of(variation, production), List.of(
            text -> """
                apiVersion: ldai.dev/v1alpha1
                kind: AIConfigVariation
                metadata:
                  name: support-assistant-concise
                spec:
                  key: concise
                  configRef:
                    name: support-assistant
                  name: Concise
                  messages:
                  - role: system
                    content: |
                      Antworte in einem Satz.
                      {{snippet.brand-voice}}
                  tools:
                  - toolRef:
                      name: web-search
                """,
            text -> text.replace("offVariation: precise", "offVariation: concise"))),
        Edit.of("a snippet its followers are pinned to, edited", "promptsnippets/brand-voice.yaml",
            text -> text.replace("Keine Floskeln.", "Keine Floskeln, keine Ausreden.")),
        Edit.of("a tool a variation follows, edited", "aitools/web-search.yaml",
            text -> text.replace("Searches the help centre", "Searches the help centre and the forum")),
        Edit.of("an agent graph's handoff changed", "aiagentgraphs/support-flow.yaml",
            text -> text.replace("reason: billing question", "reason: invoice question")),
        Edit.of("a new model config", "aimodelconfigs/house-mini.yaml", text -> """
            apiVersion: ldai.dev/v1alpha1
            kind: AIModelConfig
            metadata:
              name: house-mini
            spec:
              projectKey: %s
              name: House mini
              id: gpt-4o-mini
              provider: openai
            """.formatted(PROJECT)),
        Edit.of("a model config no variation uses, changed", "aimodelconfigs/house-mini.yaml",
            text -> text.replace("name: House mini", "name: House mini 2")),
        Edit.of("a variation switched to the new model config", "aiconfigvariations/support-assistant-precise.yaml",
            text -> text.replace("modelConfigKey: OpenAI.gpt-4o", "modelConfigRef:\n    name: house-mini")),
        Edit.of("an agent graph without root and edges", "aiagentgraphs/support-flow.yaml",
            text -> text.substring(0, text.indexOf("  root:"))),
        new Edit("a new agent AI Config with a variation and its targeting", List.of("aiconfigs/refunds.yaml",
            "aiconfigvariations/refunds-default.yaml", "aiconfigtargetings/refunds-production.yaml"), List.of(
            text -> """
                apiVersion: ldai.dev/v1alpha1
                kind: AIConfig
                metadata:
                  name: refunds
                spec:
                  projectKey: %s
                  name: Refunds agent
                  mode: agent
                """.formatted(PROJECT),
            text -> """
                apiVersion: ldai.dev/v1alpha1
                kind: AIConfigVariation
                metadata:
                  name: refunds-default
                spec:
                  key: default
                  configRef:
                    name: refunds
                  name: Default
                  instructions: Refund within policy.
                  modelConfigRef:
                    name: house-mini
                """,
            text -> """
                apiVersion: ldai.dev/v1alpha1
                kind: AIConfigTargeting
                metadata:
                  name: refunds-production
                spec:
                  configRef:
                    name: refunds
                  environmentKey: production
                  defaultVariation: default
                """)),
        Edit.of("a new prompt snippet", "promptsnippets/sign-off.yaml", text -> """
            apiVersion: ldai.dev/v1alpha1
            kind: PromptSnippet
            metadata:
              name: sign-off
            spec:
              projectKey: %s
              name: Sign-off
              text: Viele Grüße
            """.formatted(PROJECT)),
        Edit.removing("a prompt snippet's manifest removed, its resource pruned", "promptsnippets/sign-off.yaml"));
  }

  private CommandLineRun diff() {
    return CommandLineRun.of(tool, "diff", "-f", exported.toString(), "--namespace", cluster.namespace(), "--prune", "-o", "json");
  }

  private static List<String> writesOf(String json) {
    List<String> writes = new ArrayList<>();
    Serialization.unmarshal(json, JsonNode.class).path("changes")
        .forEach(change -> change.path("writes").forEach(write -> writes.add(write.asText())));
    return writes;
  }

  /** Each write LaunchDarkly answered since the given call, as method and path. */
  private List<String> writesSince(int callIndex) {
    List<Call> calls = launchDarkly.calls();
    return calls.subList(callIndex, calls.size()).stream()
        .filter(call -> !call.method().equals("GET") && call.status() / 100 == 2)
        .map(call -> call.method() + " " + call.path())
        .toList();
  }

  /** The resources of manifest files, in the order of their kinds. */
  private List<CustomResource<?, ?>> resourcesOf(List<String> paths) {
    DesiredResources resources = DesiredResources.of(ManifestFiles.read(paths, new ByteArrayInputStream(new byte[0])),
        Optional.of(cluster.namespace()));
    List<CustomResource<?, ?>> ordered = new ArrayList<>();
    DesiredResources.KINDS.forEach(kind -> resources.all(kind).forEach(ordered::add));
    return ordered;
  }

  /**
   * Applies manifests as {@code kubectl apply} would (each created, or its spec replaced), in the order of their
   * kinds, and waits until each is Ready at its new generation.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void applied(List<String> paths) {
    Map<CustomResource<?, ?>, Long> generations = new LinkedHashMap<>();
    resourcesOf(paths).forEach(resource -> {
      Class<CustomResource> type = (Class<CustomResource>) resource.getClass();
      String name = resource.getMetadata().getName();
      CustomResource existing = cluster.client().resources(type).inNamespace(cluster.namespace()).withName(name).get();
      generations.put(resource, existing == null
          ? cluster.create(resource).getMetadata().getGeneration()
          : cluster.edit(type, name, current -> {
            current.setSpec(resource.getSpec());
            return current;
          }).getMetadata().getGeneration());
    });
    generations.forEach((resource, generation) -> await(resource.getMetadata().getName() + " Ready").atMost(Duration.ofSeconds(30)).until(() -> {
      CustomResource<?, ? extends CommonStatus> current = cluster.get((Class<CustomResource>) resource.getClass(), resource.getMetadata().getName());
      return current.getStatus() != null && current.getStatus().isReadyAt(generation);
    }));
  }
}
