package dev.ldai.operator.snippet;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.promptSnippet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.versioned.Pin;
import dev.ldai.operator.versioned.VersionEntry;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PromptSnippet end to end: real controller, mock Kubernetes API in CRUD mode, stand-in over HTTP. */
@QuarkusTest
class PromptSnippetReconcilerTest extends ComponentTest {

  private static final String VOICE = """
      Write as Acme writes:
        - plainly, in short sentences;
        - never "utilize" — say "use".
      Ünïcode and trailing spaces stay.\s\s
      """;

  @Test
  void createsTheSnippetWithItsTextExactlyAndATextChangeIsOnePatch() {
    cluster.create(promptSnippet("brand-voice", spec -> spec.setText(VOICE)));

    PromptSnippet ready = cluster.awaitReady(PromptSnippet.class, "brand-voice");
    assertThat(ready.getStatus().getVersion()).isEqualTo(1);
    assertThat(launchDarkly.promptSnippet(PROJECT, "brand-voice").orElseThrow().path("text").asText()).isEqualTo(VOICE);
    assertThat(launchDarkly.count("POST", Route.PROMPT_SNIPPETS)).isEqualTo(1);

    cluster.edit(PromptSnippet.class, "brand-voice", snippet -> {
      snippet.getSpec().setText(VOICE + "Sign off as the Acme team.\n");
      return snippet;
    });

    PromptSnippet updated = cluster.awaitStatus(PromptSnippet.class, "brand-voice", s -> Integer.valueOf(2).equals(s.getVersion()));
    assertThat(updated.getStatus().getVersions()).extracting(VersionEntry::getVersion).containsExactly(2, 1);
    List<Call> patches = launchDarkly.calls().stream().filter(c -> c.method().equals("PATCH")).toList();
    assertThat(patches).hasSize(1);
    assertThat(Serialization.unmarshal(patches.get(0).requestBody(), Map.class))
        .isEqualTo(Map.of("text", VOICE + "Sign off as the Acme team.\n"));
  }

  @Test
  void aUiEditOfTheTextIsReverted() {
    cluster.create(promptSnippet("drifting", spec -> {}));
    cluster.awaitReady(PromptSnippet.class, "drifting");

    launchDarkly.editPromptSnippet(PROJECT, "drifting", snippet -> snippet.put("text", "Edited in the UI."));

    cluster.awaitStatus(PromptSnippet.class, "drifting", s -> Integer.valueOf(3).equals(s.getVersion()));
    assertThat(launchDarkly.promptSnippet(PROJECT, "drifting").orElseThrow().path("text").asText()).isEqualTo("Text of drifting.");
    assertThat(launchDarkly.count("PATCH", Route.PROMPT_SNIPPET)).isEqualTo(1);
    assertThat(cluster.events("drifting")).anyMatch(e -> "DriftCorrected".equals(e.getReason()));
  }

  @Test
  void aSnippetPinnedByAMessageWaitsForItsDeletionAndAnUnusedOneIsDeleted() {
    cluster.create(promptSnippet("pinned-snippet", spec -> {}));
    cluster.create(promptSnippet("unused-snippet", spec -> {}));
    cluster.awaitReady(PromptSnippet.class, "pinned-snippet");
    cluster.awaitReady(PromptSnippet.class, "unused-snippet");
    launchDarkly.putConfig(PROJECT, configWithMessage("chat", "friendly", "Be kind. {{snippet.pinned-snippet#1}}"));
    cluster.awaitStatus(PromptSnippet.class, "pinned-snippet", s -> !s.getReferences().isEmpty());
    assertThat(cluster.get(PromptSnippet.class, "pinned-snippet").getStatus().getReferences())
        .containsExactly(new Pin("chat", "friendly", 1));

    cluster.delete(PromptSnippet.class, "pinned-snippet");
    cluster.delete(PromptSnippet.class, "unused-snippet");

    cluster.awaitGone(PromptSnippet.class, "unused-snippet");
    assertThat(launchDarkly.promptSnippet(PROJECT, "unused-snippet")).isEmpty();
    PromptSnippet waiting = cluster.awaitCondition(PromptSnippet.class, "pinned-snippet", ConditionTypes.STALLED, "InUse");
    assertThat(Cluster.ready(waiting.getStatus()).getMessage()).contains("chat/friendly (version 1)");
    assertThat(launchDarkly.promptSnippet(PROJECT, "pinned-snippet")).isPresent();

    launchDarkly.editVariation(PROJECT, "chat", "friendly", variation -> variation.putArray("messages").addObject()
        .put("role", "system").put("content", "Be kind."));

    cluster.awaitGone(PromptSnippet.class, "pinned-snippet");
    assertThat(launchDarkly.promptSnippet(PROJECT, "pinned-snippet")).isEmpty();
  }

  private static ObjectNode configWithMessage(String configKey, String variationKey, String content) {
    ObjectNode config = JsonNodeFactory.instance.objectNode().put("key", configKey).put("name", "Chat");
    ObjectNode variation = config.putArray("variations").addObject();
    variation.put("key", variationKey).put("name", "Friendly");
    variation.putArray("messages").addObject().put("role", "system").put("content", content);
    return config;
  }
}
