package dev.ldai.operator.variation;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.aiTool;
import static dev.ldai.operator.testing.Manifests.promptSnippet;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Variations that use AI tools and prompt snippets by name, with their own controllers: real controllers, mock
 * Kubernetes API in CRUD mode, stand-in over HTTP.
 */
@QuarkusTest
class VariationPinsReconcilerTest extends ComponentTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Test
  void aVariationFollowingAToolAndASnippetIsCreatedWithTheirCurrentVersionsPinned() {
    cluster.create(aiTool("web-search", spec -> {}));
    cluster.create(promptSnippet("tone", spec -> {}));
    cluster.create(aiConfig("helper", spec -> {}));

    cluster.create(variation("pinned-at-create", "helper", spec -> {
      spec.setTools(List.of(Tool.ref("web-search", null)));
      spec.setMessages(List.of(new Message("system", "Be {{snippet.tone}}. {{snippet.tone#1}}")));
    }));

    AIConfigVariation ready = cluster.awaitReady(AIConfigVariation.class, "pinned-at-create");
    assertThat(ready.getStatus().getTools()).containsExactly(new ToolPin("web-search", 1, "web-search"));
    assertThat(ready.getStatus().getSnippets()).containsExactly(new SnippetPin("tone", 1, true), new SnippetPin("tone", 1, false));
    Call post = launchDarkly.calls().stream()
        .filter(c -> c.method().equals("POST") && c.route() == Route.VARIATIONS).findFirst().orElseThrow();
    Map<String, Object> body = body(post);
    assertThat(body).doesNotContainKey("toolKeys");
    assertThat(body.get("tools")).isEqualTo(List.of(Map.of("key", "web-search", "version", 1)));
    assertThat(body.get("messages")).isEqualTo(List.of(Map.of("role", "system", "content", "Be {{snippet.tone#1}}. {{snippet.tone#1}}")));
    assertThat(launchDarkly.count("PATCH", Route.VARIATION)).isZero();
    assertThat(launchDarkly.count("GET", Route.PROMPT_SNIPPET)).as("a snippet managed here is not read").isZero();
  }

  /** The AITool reverts an edit made in LaunchDarkly's UI: its version moves (to 3) without a new generation. */
  @Test
  void aFollowedToolsVersionMoveRePinsWithOnePatchAndAPinnedVariationMakesNoCall() {
    cluster.create(aiTool("web-search", spec -> {}));
    cluster.create(aiConfig("tooling", spec -> {}));
    cluster.create(variation("follower", "tooling", spec -> spec.setTools(List.of(Tool.ref("web-search", null)))));
    cluster.create(variation("pinner", "tooling", spec -> spec.setTools(List.of(Tool.ref("web-search", 1)))));
    cluster.awaitReady(AIConfigVariation.class, "follower");
    cluster.awaitReady(AIConfigVariation.class, "pinner");

    launchDarkly.editTool(PROJECT, "web-search", tool -> tool.put("description", "edited in the UI"));

    AIConfigVariation repinned = cluster.awaitStatus(AIConfigVariation.class, "follower",
        s -> Integer.valueOf(2).equals(s.getVersion()) && s.isReadyAt(1L));
    awaitPolls(2);
    assertThat(repinned.getStatus().getTools()).containsExactly(new ToolPin("web-search", 3, "web-search"));
    assertThat(patches("tooling", "follower")).singleElement()
        .satisfies(p -> assertThat(body(p)).isEqualTo(Map.of("tools", List.of(Map.of("key", "web-search", "version", 3)))));
    assertThat(patches("tooling", "pinner")).isEmpty();
    assertThat(launchDarkly.variationVersions(PROJECT, "tooling", "follower")).hasSize(2);
    assertThat(cluster.get(AIConfigVariation.class, "pinner").getStatus().getTools())
        .containsExactly(new ToolPin("web-search", 1, "web-search"));
  }

  @Test
  void aFollowedSnippetsVersionMoveRePinsInstructionsWithOnePatch() {
    cluster.create(promptSnippet("house-rules", spec -> {}));
    cluster.create(aiConfig("agentic", spec -> {}));
    cluster.create(variation("ruled", "agentic", spec -> spec.setInstructions("Obey {{snippet.house-rules}}.")));
    cluster.awaitReady(AIConfigVariation.class, "ruled");

    cluster.edit(PromptSnippet.class, "house-rules", snippet -> {
      snippet.getSpec().setText("Be kind, always.");
      return snippet;
    });

    AIConfigVariation repinned = cluster.awaitStatus(AIConfigVariation.class, "ruled",
        s -> Integer.valueOf(2).equals(s.getVersion()) && s.isReadyAt(1L));
    awaitPolls(2);
    assertThat(repinned.getStatus().getSnippets()).containsExactly(new SnippetPin("house-rules", 2, true));
    assertThat(patches("agentic", "ruled")).singleElement()
        .satisfies(p -> assertThat(body(p)).isEqualTo(Map.of("instructions", "Obey {{snippet.house-rules#2}}.")));
  }

  @Test
  void aSnippetNotManagedHereIsPinnedToLaunchDarklysCurrentVersion() {
    launchDarkly.putPromptSnippet(PROJECT, JSON.objectNode().put("key", "shared-tone").put("name", "Shared tone")
        .put("text", "Warm.").put("version", 4));
    cluster.create(aiConfig("borrowing", spec -> {}));

    cluster.create(variation("borrower", "borrowing", spec ->
        spec.setMessages(List.of(new Message("system", "{{ snippet.shared-tone }}")))));

    AIConfigVariation ready = cluster.awaitReady(AIConfigVariation.class, "borrower");
    assertThat(ready.getStatus().getSnippets()).containsExactly(new SnippetPin("shared-tone", 4, true));
    assertThat(launchDarkly.variationVersions(PROJECT, "borrowing", "borrower").get(0).path("messages").get(0)
        .path("content").asText()).isEqualTo("{{snippet.shared-tone#4}}");
  }

  @Test
  void aMissingToolIsWaitedForAndItsArrivalTriggersTheVariation() {
    cluster.create(aiConfig("patient", spec -> {}));
    cluster.awaitReady(AIConfig.class, "patient");
    cluster.create(variation("waiter", "patient", spec -> spec.setTools(List.of(Tool.ref("late-tool", null)))));

    AIConfigVariation waiting = cluster.awaitCondition(AIConfigVariation.class, "waiter",
        ConditionTypes.RECONCILING, "DependencyNotReady");
    assertThat(Cluster.ready(waiting.getStatus()).getMessage()).contains("AITool " + cluster.namespace() + "/late-tool");
    assertThat(launchDarkly.count("POST", Route.VARIATIONS)).isZero();

    cluster.create(aiTool("late-tool", spec -> spec.setKey("late")));

    AIConfigVariation ready = cluster.awaitReady(AIConfigVariation.class, "waiter");
    assertThat(ready.getStatus().getTools()).containsExactly(new ToolPin("late", 1, "late-tool"));
    assertThat(launchDarkly.count("POST", Route.VARIATIONS)).isEqualTo(1);
  }

  @Test
  void aToolNamedByKeyWithAVersionLaunchDarklyLacksIsAnInvalidSpecNamingIt() {
    launchDarkly.putTool(PROJECT, JSON.objectNode().put("key", "calculator").put("version", 1));
    cluster.create(aiConfig("counting", spec -> {}));

    cluster.create(variation("overreach", "counting", spec -> spec.setTools(List.of(new Tool("calculator", 3)))));

    AIConfigVariation stalled = cluster.awaitCondition(AIConfigVariation.class, "overreach", ConditionTypes.STALLED, "InvalidSpec");
    assertThat(Cluster.ready(stalled.getStatus()).getMessage())
        .isEqualTo("spec.tools[0]: AI tool calculator has no version 3 in project %s (its latest is 1)".formatted(PROJECT));
  }

  private List<Call> patches(String configKey, String variationKey) {
    String path = "/api/v2/projects/" + PROJECT + "/ai-configs/" + configKey + "/variations/" + variationKey;
    return launchDarkly.calls().stream().filter(c -> c.method().equals("PATCH") && c.path().equals(path)).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Call call) {
    return Serialization.unmarshal(call.requestBody(), Map.class);
  }
}
