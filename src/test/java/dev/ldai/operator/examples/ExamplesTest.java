package dev.ldai.operator.examples;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
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
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every manifest under examples/ applies as it is and becomes Ready, and the config is served as they say. */
@QuarkusTest
class ExamplesTest extends ComponentTest {

  @Test
  void theExamplesApplyAsTheyAreAndBecomeReady() {
    List<HasMetadata> applied = applyTheExamples();

    assertThat(applied).extracting(HasMetadata::getKind)
        .contains("AIConfig", "AIModelConfig", "AIConfigVariation", "AIConfigTargeting", "AITool", "PromptSnippet",
            "AIAgentGraph");
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

  /**
   * The agent graph joins the triage agent to the support agent, as LaunchDarkly holds it; every call about
   * agent graphs, the listings at rest included, carried {@code LD-API-Version: beta} once.
   */
  @Test
  void theAgentGraphHandsOffFromTheTriageAgentToTheSupportAgentInApiVersionBeta() {
    applyTheExamples();

    assertTheGraphJoinsTheTwoAgents();
    awaitCalls("GET", Route.AGENT_GRAPHS, 2);
    assertThat(agentGraphCalls()).extracting(call -> call.method() + " " + call.route())
        .contains("POST AGENT_GRAPHS", "GET AGENT_GRAPHS");
    assertEveryAgentGraphCallInBetaOnce();
  }

  /** Applied last file first and last manifest first, the graph and the configs it joins converge all the same. */
  @Test
  void theExamplesAppliedInReverseOrderConvergeAlike() {
    List<HasMetadata> reversed = new ArrayList<>(Examples.load(kubernetes));
    Collections.reverse(reversed);

    applyAndAwaitReady(reversed);

    assertTheGraphJoinsTheTwoAgents();
    assertEveryAgentGraphCallInBetaOnce();
  }

  /**
   * {@code kubectl delete} of every example, all at once, in file order (which deletes the agent configs before
   * the graph that uses them, so LaunchDarkly refuses their deletion at first) or in reverse: LaunchDarkly is
   * left with nothing the examples made.
   */
  @ParameterizedTest(name = "reversed: {0}")
  @ValueSource(booleans = {false, true})
  void deletingEveryExampleLeavesNothingInLaunchDarkly(boolean reversed) {
    List<HasMetadata> applied = new ArrayList<>(applyTheExamples());
    assertThat(Examples.leftIn(launchDarkly, applied)).contains("AIAgentGraph support-flow", "AIConfig triage-agent");
    if (reversed) {
      Collections.reverse(applied);
    }

    applied.forEach(resource -> cluster.delete(resource.getClass(), resource.getMetadata().getName()));

    cluster.awaitAllGone();
    assertThat(Examples.leftIn(launchDarkly, applied)).isEmpty();
    assertThat(launchDarkly.calls()).filteredOn(call -> "DELETE".equals(call.method()) && call.status() / 100 == 2)
        .extracting(call -> call.path().replaceAll(".*/projects/[^/]+/", ""))
        .containsSubsequence("agent-graphs/support-flow", "ai-configs/triage-agent")
        .containsSubsequence("agent-graphs/support-flow", "ai-configs/support-agent");
    assertEveryAgentGraphCallInBetaOnce();
  }

  /** The graph's status and LaunchDarkly's graph: root triage-agent, one edge to support-agent with its handoff. */
  private void assertTheGraphJoinsTheTwoAgents() {
    AIAgentGraph graph = cluster.get(AIAgentGraph.class, "support-flow");
    assertThat(graph.getStatus().getRootConfigKey()).isEqualTo("triage-agent");
    assertThat(graph.getStatus().getEdgeCount()).isEqualTo(1);
    assertThat(graph.getStatus().getConfigKeys()).containsExactly("support-agent", "triage-agent");
    ObjectNode held = launchDarkly.agentGraph(PROJECT, "support-flow").orElseThrow();
    assertThat(held.path("rootConfigKey").asText()).isEqualTo("triage-agent");
    assertThat(held.path("edges")).singleElement().satisfies(edge -> {
      assertThat(edge.path("key").asText()).isEqualTo("triage-to-support");
      assertThat(edge.path("sourceConfig").asText()).isEqualTo("triage-agent");
      assertThat(edge.path("targetConfig").asText()).isEqualTo("support-agent");
      assertThat(edge.path("handoff")).isEqualTo(Serialization.jsonMapper().valueToTree(
          graph.getSpec().getEdges().get(0).getHandoff()));
    });
  }

  private List<Call> agentGraphCalls() {
    return launchDarkly.calls().stream().filter(call -> call.route() != null && call.route().betaOnly()).toList();
  }

  /** Each call on the agent graph routes sent {@code LD-API-Version} once, as {@code beta}, and was not refused. */
  private void assertEveryAgentGraphCallInBetaOnce() {
    assertThat(agentGraphCalls()).isNotEmpty().allSatisfy(call -> {
      assertThat(call.headers().get("ld-api-version")).as("%s %s", call.method(), call.path()).containsExactly("beta");
      assertThat(call.status()).as("%s %s: %s", call.method(), call.path(), call.requestBody()).isLessThan(400);
    });
  }

  /** Applies every manifest under examples/, file by file in name order, and waits until all are Ready. */
  private List<HasMetadata> applyTheExamples() {
    return applyAndAwaitReady(Examples.load(kubernetes));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<HasMetadata> applyAndAwaitReady(List<HasMetadata> manifests) {
    List<HasMetadata> applied = manifests.stream().map(cluster::create).toList();
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
