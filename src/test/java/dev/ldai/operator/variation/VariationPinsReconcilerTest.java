package dev.ldai.operator.variation;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.snippet.PromptSnippetSpec;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.tool.AIToolSpec;
import dev.ldai.operator.versioned.VersionedStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Variations using AITools by toolRef and prompt snippets by tag: real controllers, mock Kubernetes API in CRUD
 * mode, stand-in over HTTP. AITool and PromptSnippet resources are given a status directly, standing for their
 * own controllers: "Ready at version N".
 */
@QuarkusTest
class VariationPinsReconcilerTest extends ComponentTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @AfterEach
  void deleteToolsAndSnippets() {
    kubernetes.resources(AITool.class).inNamespace(cluster.namespace()).delete();
    kubernetes.resources(PromptSnippet.class).inNamespace(cluster.namespace()).delete();
  }

  @Test
  void aVariationFollowingAToolAndASnippetIsCreatedWithTheirCurrentVersionsPinned() {
    launchDarkly.putTool(PROJECT, JSON.objectNode().put("key", "search").put("version", 2));
    launchDarkly.putPromptSnippet(PROJECT, snippetInLaunchDarkly("tone", 3));
    tool("web-search", "search", 2);
    snippet("tone", 3);
    cluster.create(aiConfig("helper", spec -> {}));

    cluster.create(variation("pinned-at-create", "helper", spec -> {
      spec.setTools(List.of(Tool.ref("web-search", null)));
      spec.setMessages(List.of(new Message("system", "Be {{snippet.tone}}. {{snippet.tone#1}}")));
    }));

    AIConfigVariation ready = cluster.awaitReady(AIConfigVariation.class, "pinned-at-create");
    assertThat(ready.getStatus().getTools()).containsExactly(new ToolPin("search", 2, "web-search"));
    assertThat(ready.getStatus().getSnippets()).containsExactly(new SnippetPin("tone", 3, true), new SnippetPin("tone", 1, false));
    Call post = launchDarkly.calls().stream()
        .filter(c -> c.method().equals("POST") && c.route() == Route.VARIATIONS).findFirst().orElseThrow();
    Map<String, Object> body = body(post);
    assertThat(body).doesNotContainKey("toolKeys");
    assertThat(body.get("tools")).isEqualTo(List.of(Map.of("key", "search", "version", 2)));
    assertThat(body.get("messages")).isEqualTo(List.of(Map.of("role", "system", "content", "Be {{snippet.tone#3}}. {{snippet.tone#1}}")));
    assertThat(launchDarkly.count("PATCH", Route.VARIATION)).isZero();
    assertThat(launchDarkly.count("GET", Route.PROMPT_SNIPPET)).as("a snippet managed here is not read").isZero();
  }

  @Test
  void aFollowedToolsVersionMoveRePinsWithOnePatchAndAPinnedVariationMakesNoCall() {
    launchDarkly.putTool(PROJECT, JSON.objectNode().put("key", "search").put("version", 1));
    tool("web-search", "search", 1);
    cluster.create(aiConfig("tooling", spec -> {}));
    cluster.create(variation("follower", "tooling", spec -> spec.setTools(List.of(Tool.ref("web-search", null)))));
    cluster.create(variation("pinner", "tooling", spec -> spec.setTools(List.of(Tool.ref("web-search", 1)))));
    cluster.awaitReady(AIConfigVariation.class, "follower");
    cluster.awaitReady(AIConfigVariation.class, "pinner");

    // The AITool's version moves without a new generation, as when it reverts an edit made in LaunchDarkly.
    launchDarkly.editTool(PROJECT, "search", tool -> tool.put("description", "edited"));
    atVersion(AITool.class, "web-search", "search", 2);

    AIConfigVariation repinned = cluster.awaitStatus(AIConfigVariation.class, "follower",
        s -> Integer.valueOf(2).equals(s.getVersion()) && s.isReadyAt(1L));
    awaitPolls(2);
    assertThat(repinned.getStatus().getTools()).containsExactly(new ToolPin("search", 2, "web-search"));
    assertThat(patches("tooling", "follower")).singleElement()
        .satisfies(p -> assertThat(body(p)).isEqualTo(Map.of("tools", List.of(Map.of("key", "search", "version", 2)))));
    assertThat(patches("tooling", "pinner")).isEmpty();
    assertThat(launchDarkly.variationVersions(PROJECT, "tooling", "follower")).hasSize(2);
    assertThat(cluster.get(AIConfigVariation.class, "pinner").getStatus().getTools())
        .containsExactly(new ToolPin("search", 1, "web-search"));
  }

  @Test
  void aFollowedSnippetsVersionMoveRePinsInstructionsWithOnePatch() {
    launchDarkly.putPromptSnippet(PROJECT, snippetInLaunchDarkly("house-rules", 1));
    snippet("house-rules", 1);
    cluster.create(aiConfig("agentic", spec -> {}));
    cluster.create(variation("ruled", "agentic", spec -> spec.setInstructions("Obey {{snippet.house-rules}}.")));
    cluster.awaitReady(AIConfigVariation.class, "ruled");

    launchDarkly.editPromptSnippet(PROJECT, "house-rules", snippet -> snippet.put("text", "Be kind, always."));
    atVersion(PromptSnippet.class, "house-rules", "house-rules", 2);

    AIConfigVariation repinned = cluster.awaitStatus(AIConfigVariation.class, "ruled",
        s -> Integer.valueOf(2).equals(s.getVersion()) && s.isReadyAt(1L));
    awaitPolls(2);
    assertThat(repinned.getStatus().getSnippets()).containsExactly(new SnippetPin("house-rules", 2, true));
    assertThat(patches("agentic", "ruled")).singleElement()
        .satisfies(p -> assertThat(body(p)).isEqualTo(Map.of("instructions", "Obey {{snippet.house-rules#2}}.")));
  }

  @Test
  void aSnippetNotManagedHereIsPinnedToLaunchDarklysCurrentVersion() {
    launchDarkly.putPromptSnippet(PROJECT, snippetInLaunchDarkly("shared-tone", 4));
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
    launchDarkly.putTool(PROJECT, JSON.objectNode().put("key", "late").put("version", 1));
    cluster.create(aiConfig("patient", spec -> {}));
    cluster.awaitReady(AIConfig.class, "patient");
    cluster.create(variation("waiter", "patient", spec -> spec.setTools(List.of(Tool.ref("late-tool", null)))));

    AIConfigVariation waiting = cluster.awaitCondition(AIConfigVariation.class, "waiter",
        ConditionTypes.RECONCILING, "DependencyNotReady");
    assertThat(Cluster.ready(waiting.getStatus()).getMessage()).contains("AITool " + cluster.namespace() + "/late-tool");
    assertThat(launchDarkly.count("POST", Route.VARIATIONS)).isZero();

    tool("late-tool", "late", 1);

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

  private void tool(String name, String key, int version) {
    AITool tool = new AITool();
    tool.setMetadata(new ObjectMetaBuilder().withName(name).build());
    AIToolSpec spec = new AIToolSpec();
    spec.setProjectKey(PROJECT);
    spec.setKey(key);
    spec.setSchema(JSON.objectNode().put("type", "object"));
    tool.setSpec(spec);
    cluster.create(tool);
    atVersion(AITool.class, name, key, version);
  }

  private void snippet(String key, int version) {
    PromptSnippet snippet = new PromptSnippet();
    snippet.setMetadata(new ObjectMetaBuilder().withName(key).build());
    PromptSnippetSpec spec = new PromptSnippetSpec();
    spec.setProjectKey(PROJECT);
    spec.setName("Snippet " + key);
    spec.setText("Text of " + key);
    snippet.setSpec(spec);
    cluster.create(snippet);
    atVersion(PromptSnippet.class, key, key, version);
  }

  /** Writes the status the referent's own controller would: Ready at its generation, at LaunchDarkly's version. */
  private <R extends CustomResource<?, VersionedStatus>> void atVersion(Class<R> type, String name, String key, int version) {
    R current = cluster.get(type, name);
    VersionedStatus status = new VersionedStatus();
    status.setKey(key);
    status.setVersion(version);
    status.setObservedGeneration(current.getMetadata().getGeneration());
    Conditions.apply(status, Outcome.ready("in sync"), current.getMetadata().getGeneration(), Clock.systemUTC());
    current.setStatus(status);
    kubernetes.resource(current).updateStatus();
  }

  private static ObjectNode snippetInLaunchDarkly(String key, int version) {
    return JSON.objectNode().put("key", key).put("name", "Snippet " + key).put("text", "Text of " + key).put("version", version);
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
