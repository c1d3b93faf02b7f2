package dev.ldai.operator.examples;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.SnippetPin;
import dev.ldai.operator.variation.ToolPin;
import dev.ldai.operator.versioned.Pin;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.testing.Examples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every manifest under examples/ applies as it is and becomes Ready, and the config is served as they say. */
@QuarkusTest
class ExamplesTest extends ComponentTest {

  @Test
  void theExamplesApplyAsTheyAreAndBecomeReady() {
    List<HasMetadata> applied = applyTheExamples();

    assertThat(applied).extracting(HasMetadata::getKind)
        .contains("AIConfig", "AIModelConfig", "AIConfigVariation", "AIConfigTargeting", "AITool", "PromptSnippet");
    // What the SDKs are served: production the friendly variation, test a 50/50 rollout.
    JsonNode targeting = launchDarkly.targeting(PROJECT, "support-assistant").orElseThrow();
    JsonNode production = targeting.path("environments").path("production").path("fallthrough");
    assertThat(variationKey(targeting, production.path("variation").asInt())).isEqualTo("friendly");
    JsonNode rollout = targeting.path("environments").path("test").path("fallthrough").path("rollout").path("variations");
    assertThat(rollout).extracting(w -> variationKey(targeting, w.path("variation").asInt()) + "=" + w.path("weight").asInt())
        .contains("friendly=50000", "precise=50000");
  }

  /**
   * Both variations pin the tool and the snippet; when the snippet's text changes in Git, the variation that
   * follows it is re-pinned with one PATCH, and the one that pins version 1 is not touched.
   */
  @Test
  void theVariationsPinTheToolAndTheSnippetAndOnlyTheFollowerMovesWithTheSnippet() {
    applyTheExamples();
    assertThat(latest("friendly").path("tools")).hasToString("[{\"key\":\"web-search\",\"version\":1}]");
    assertThat(latest("friendly").at("/messages/0/content").asText()).endsWith("{{snippet.brand-voice#1}}");
    assertThat(latest("precise").path("tools")).hasToString("[{\"key\":\"web-search\",\"version\":1}]");
    assertThat(latest("precise").at("/messages/0/content").asText()).endsWith("{{snippet.brand-voice#1}}");
    AIConfigVariation friendly = cluster.get(AIConfigVariation.class, "support-assistant-friendly");
    assertThat(friendly.getStatus().getTools()).containsExactly(new ToolPin("web-search", 1, "web-search"));
    assertThat(friendly.getStatus().getSnippets()).containsExactly(new SnippetPin("brand-voice", 1, true));
    int friendlyVersions = versions("friendly");
    int preciseVersions = versions("precise");
    int mark = launchDarkly.calls().size();

    cluster.edit(PromptSnippet.class, "brand-voice", snippet -> {
      snippet.getSpec().setText(snippet.getSpec().getText() + "Sign off as the support team.\n");
      return snippet;
    });

    cluster.awaitStatus(AIConfigVariation.class, "support-assistant-friendly",
        status -> status.getSnippets().contains(new SnippetPin("brand-voice", 2, true)));
    assertThat(latest("friendly").at("/messages/0/content").asText()).endsWith("{{snippet.brand-voice#2}}");
    assertThat(versions("friendly")).isEqualTo(friendlyVersions + 1);
    awaitPolls(2);
    assertThat(versions("friendly")).isEqualTo(friendlyVersions + 1);
    assertThat(versions("precise")).isEqualTo(preciseVersions);
    List<Call> since = launchDarkly.calls().subList(mark, launchDarkly.calls().size());
    assertThat(since).filteredOn(call -> !"GET".equals(call.method()))
        .extracting(call -> call.method() + " " + call.path().replaceAll(".*/ai-configs/", ""))
        .containsExactlyInAnyOrder("PATCH prompt-snippets/brand-voice", "PATCH support-assistant/variations/friendly");
    assertThat(cluster.awaitStatus(PromptSnippet.class, "brand-voice", status -> status.getReferences().size() == 2)
        .getStatus().getReferences()).extracting(Pin::getVariation, Pin::getVersion)
        .containsExactly(tuple("friendly", 2), tuple("precise", 1));
  }

  /** Applies every manifest under examples/, file by file in name order, and waits until all are Ready. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<HasMetadata> applyTheExamples() {
    List<HasMetadata> applied = Examples.load(kubernetes).stream().map(cluster::create).toList();
    for (HasMetadata resource : applied) {
      Class<CustomResource> type = (Class<CustomResource>) resource.getClass();
      CustomResource<?, CommonStatus> ready = cluster.awaitReady(type, resource.getMetadata().getName());
      assertThat(ready.getStatus().getKey()).isNotBlank();
    }
    return applied;
  }

  private JsonNode latest(String variation) {
    List<ObjectNode> versions = launchDarkly.variationVersions(PROJECT, "support-assistant", variation);
    return versions.get(versions.size() - 1);
  }

  private int versions(String variation) {
    return launchDarkly.variationVersions(PROJECT, "support-assistant", variation).size();
  }

  private static String variationKey(JsonNode targeting, int index) {
    return targeting.path("variations").path(index).path("value").path("_ldMeta").path("variationKey").asText(null);
  }
}
