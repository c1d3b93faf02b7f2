package dev.ldai.operator.agentgraph;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.agentGraph;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.existingConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.AIConfigMode;
import dev.ldai.operator.common.AdoptionPolicy;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** AIAgentGraph end to end: real controllers, mock Kubernetes API in CRUD mode, stand-in over HTTP. */
@QuarkusTest
class AIAgentGraphReconcilerTest extends ComponentTest {

  @Test
  void theGraphWaitsForItsConfigsThenIsCreatedWithOnePostAndStaysQuiet() {
    cluster.create(agentGraph("support-flow", spec -> joinTriageToSupport(spec, "triage", "support")));
    AIAgentGraph waiting = cluster.awaitCondition(AIAgentGraph.class, "support-flow", ConditionTypes.RECONCILING, "DependencyNotReady");
    assertThat(Cluster.ready(waiting.getStatus()).getMessage()).contains("AIConfig");
    assertThat(launchDarkly.count("POST", Route.AGENT_GRAPHS)).isZero();

    cluster.create(agentConfig("triage"));
    cluster.create(agentConfig("support"));

    AIAgentGraph ready = cluster.awaitReady(AIAgentGraph.class, "support-flow");
    AIAgentGraphStatus status = ready.getStatus();
    assertThat(status.getKey()).isEqualTo("support-flow");
    assertThat(status.getRootConfigKey()).isEqualTo("triage");
    assertThat(status.getEdgeCount()).isEqualTo(1);
    assertThat(status.getConfigKeys()).containsExactly("support", "triage");
    assertThat(status.getCreatedAt()).isNotBlank();
    assertThat(status.getUpdatedAt()).isNotBlank();
    assertThat(launchDarkly.count("POST", Route.AGENT_GRAPHS)).isEqualTo(1);
    ObjectNode stored = launchDarkly.agentGraph(PROJECT, "support-flow").orElseThrow();
    assertThat(stored.path("rootConfigKey").asText()).isEqualTo("triage");
    assertThat(stored.path("edges").get(0).path("handoff").path("reason").asText()).isEqualTo("needs a human");

    String resourceVersion = ready.getMetadata().getResourceVersion();
    long writes = launchDarkly.writes();
    awaitCalls("GET", Route.AGENT_GRAPHS, 3);
    assertThat(launchDarkly.count("GET", Route.AGENT_GRAPH)).as("no graph read at rest").isZero();
    assertThat(launchDarkly.writes()).isEqualTo(writes);
    assertThat(cluster.get(AIAgentGraph.class, "support-flow").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    assertThat(graphCalls()).isNotEmpty().allSatisfy(call -> assertThat(call.headers().get("ld-api-version"))
        .as("%s %s", call.method(), call.path()).containsExactly("beta"));
  }

  @Test
  void aChangeToAConfigOfTheGraphNeitherMakesItWaitNorReadsIt() {
    createReadyGraph("steady-flow");
    awaitPolls(2);
    String resourceVersion = cluster.get(AIAgentGraph.class, "steady-flow").getMetadata().getResourceVersion();

    cluster.edit(AIConfig.class, "triage", config -> {
      config.getSpec().setDescription("Sorts requests");
      return config;
    });
    await(() -> cluster.get(AIConfig.class, "triage").getStatus().isReadyAt(2L));
    awaitPolls(2);

    assertThat(cluster.get(AIAgentGraph.class, "steady-flow").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    assertThat(launchDarkly.count("GET", Route.AGENT_GRAPH)).isZero();
  }

  @Test
  void aGraphWhoseCreateAnswerWasLostIsRecognisedAsTheOneTheSpecDescribes() {
    launchDarkly.loseResponsesRandomly(Route.AGENT_GRAPHS, "POST", 1.0);

    createReadyGraph("lost-answer-flow");

    assertThat(launchDarkly.count("POST", Route.AGENT_GRAPHS)).isEqualTo(1);
    assertThat(cluster.events("lost-answer-flow"))
        .anyMatch(e -> "Created".equals(e.getReason()) && e.getNote().contains("found after its answer was lost"));
  }

  @Test
  void aUiEditOfAnEdgeIsRevertedWithOnePatchCarryingRootAndEdges() {
    createReadyGraph("edited-flow");

    launchDarkly.editAgentGraph(PROJECT, "edited-flow", graph -> ((ObjectNode) graph.path("edges").get(0))
        .putObject("handoff").put("reason", "edited in the UI"));

    await(() -> launchDarkly.count("PATCH", Route.AGENT_GRAPH) == 1
        && "needs a human".equals(handoffReason(launchDarkly.agentGraph(PROJECT, "edited-flow").orElseThrow())));
    Call patch = launchDarkly.calls().stream().filter(c -> c.method().equals("PATCH")).findFirst().orElseThrow();
    assertThat(Serialization.unmarshal(patch.requestBody(), Map.class)).containsOnlyKeys("rootConfigKey", "edges");
    assertThat(launchDarkly.count("GET", Route.AGENT_GRAPH)).as("read once, after updatedAt moved").isEqualTo(1);
    awaitEvent("edited-flow", "DriftCorrected");
  }

  @Test
  void aNameChangeIsOnePatchOfTheName() {
    createReadyGraph("renamed-flow");

    cluster.edit(AIAgentGraph.class, "renamed-flow", graph -> {
      graph.getSpec().setName("Renamed");
      return graph;
    });

    await(() -> "Renamed".equals(launchDarkly.agentGraph(PROJECT, "renamed-flow").orElseThrow().path("name").asText()));
    Call patch = launchDarkly.calls().stream().filter(c -> c.method().equals("PATCH")).findFirst().orElseThrow();
    assertThat(Serialization.unmarshal(patch.requestBody(), Map.class)).isEqualTo(Map.of("name", "Renamed"));
  }

  @Test
  void droppingRootAndEdgesDeletesAndCreatesTheGraphAgainWithAnEvent() {
    createReadyGraph("dropped-flow");

    cluster.edit(AIAgentGraph.class, "dropped-flow", graph -> {
      graph.getSpec().setRoot(null);
      graph.getSpec().setEdges(null);
      return graph;
    });

    AIAgentGraph bare = cluster.awaitStatus(AIAgentGraph.class, "dropped-flow", s -> Integer.valueOf(0).equals(s.getEdgeCount()));
    assertThat(bare.getStatus().getRootConfigKey()).isNull();
    assertThat(launchDarkly.agentGraph(PROJECT, "dropped-flow").orElseThrow().has("rootConfigKey")).isFalse();
    assertThat(launchDarkly.count("DELETE", Route.AGENT_GRAPH)).isEqualTo(1);
    assertThat(launchDarkly.count("POST", Route.AGENT_GRAPHS)).isEqualTo(2);
    awaitEvent("dropped-flow", "Replaced");
  }

  @Test
  void aConfigThatIsNotAnAgentIsAnInvalidSpecAndNothingIsSent() {
    cluster.create(aiConfig("chatbot", spec -> {}));
    cluster.create(agentConfig("helper"));
    cluster.create(agentGraph("mixed-flow", spec -> joinTriageToSupport(spec, "chatbot", "helper")));

    AIAgentGraph invalid = cluster.awaitCondition(AIAgentGraph.class, "mixed-flow", ConditionTypes.STALLED, "InvalidSpec");

    assertThat(Cluster.ready(invalid.getStatus()).getMessage()).contains("spec.root").contains("chatbot").contains("completion");
    assertThat(launchDarkly.count("POST", Route.AGENT_GRAPHS)).isZero();
  }

  @Test
  void aConfigNamedByKeyIsCheckedForItsModeInTheListingBeforeTheCreate() {
    launchDarkly.putConfig(PROJECT, existingConfig("legacy-bot", "Legacy bot").put("mode", "completion"));
    launchDarkly.putConfig(PROJECT, existingConfig("external-agent", "External agent").put("mode", "agent"));
    cluster.create(agentGraph("by-key-flow", spec -> {
      spec.setRoot(GraphNode.key("external-agent"));
      spec.setEdges(List.of(new GraphEdge("to-legacy", GraphNode.key("external-agent"), GraphNode.key("legacy-bot"), null)));
    }));

    AIAgentGraph invalid = cluster.awaitCondition(AIAgentGraph.class, "by-key-flow", ConditionTypes.STALLED, "InvalidSpec");

    assertThat(Cluster.ready(invalid.getStatus()).getMessage()).contains("legacy-bot").contains("mode completion");
    assertThat(launchDarkly.count("POST", Route.AGENT_GRAPHS)).isZero();
  }

  @Test
  void aConfigAGraphUsesWaitsForTheGraphAndBothGo() {
    createReadyGraph("held-flow");

    cluster.delete(AIConfig.class, "support");

    AIConfig waiting = cluster.awaitCondition(AIConfig.class, "support", ConditionTypes.STALLED, "InUse");
    assertThat(Cluster.ready(waiting.getStatus()).getMessage()).contains("agent graph held-flow");
    assertThat(launchDarkly.config(PROJECT, "support")).isPresent();

    cluster.delete(AIAgentGraph.class, "held-flow");

    cluster.awaitGone(AIConfig.class, "support");
    assertThat(launchDarkly.agentGraph(PROJECT, "held-flow")).isEmpty();
    assertThat(launchDarkly.config(PROJECT, "support")).isEmpty();
  }

  @Test
  void anExistingGraphIsTakenOnlyWhenAdoptionIsAllowed() {
    cluster.create(agentConfig("triage"));
    cluster.create(agentConfig("support"));
    cluster.awaitReady(AIConfig.class, "support");
    cluster.awaitReady(AIConfig.class, "triage");
    launchDarkly.putAgentGraph(PROJECT, Serialization.unmarshal(
        "{\"key\": \"made-elsewhere\", \"name\": \"Made elsewhere\"}", ObjectNode.class));

    cluster.create(agentGraph("made-elsewhere", spec -> joinTriageToSupport(spec, "triage", "support")));
    cluster.awaitCondition(AIAgentGraph.class, "made-elsewhere", ConditionTypes.STALLED, "AlreadyExists");
    assertThat(launchDarkly.count("PATCH", Route.AGENT_GRAPH)).isZero();
    cluster.edit(AIAgentGraph.class, "made-elsewhere", graph -> {
      graph.getSpec().setAdoptionPolicy(AdoptionPolicy.Adopt);
      return graph;
    });

    cluster.awaitStatus(AIAgentGraph.class, "made-elsewhere", s -> "triage".equals(s.getRootConfigKey()));
    Call patch = launchDarkly.calls().stream().filter(c -> c.method().equals("PATCH")).findFirst().orElseThrow();
    assertThat(Serialization.unmarshal(patch.requestBody(), Map.class)).containsOnlyKeys("name", "rootConfigKey", "edges");
    assertThat(launchDarkly.count("POST", Route.AGENT_GRAPHS)).isZero();
  }

  private void createReadyGraph(String name) {
    cluster.create(agentConfig("triage"));
    cluster.create(agentConfig("support"));
    cluster.create(agentGraph(name, spec -> joinTriageToSupport(spec, "triage", "support")));
    cluster.awaitReady(AIAgentGraph.class, name);
  }

  private static AIConfig agentConfig(String name) {
    return aiConfig(name, spec -> spec.setMode(AIConfigMode.agent));
  }

  private static void joinTriageToSupport(AIAgentGraphSpec spec, String root, String target) {
    ObjectNode handoff = JsonNodeFactory.instance.objectNode().put("reason", "needs a human");
    spec.setRoot(GraphNode.ref(root));
    spec.setEdges(List.of(new GraphEdge("handoff", GraphNode.ref(root), GraphNode.ref(target), handoff)));
  }

  private static String handoffReason(JsonNode graph) {
    return graph.path("edges").get(0).path("handoff").path("reason").asText();
  }

  private List<Call> graphCalls() {
    return launchDarkly.calls().stream().filter(c -> c.route() != null && c.route().betaOnly()).toList();
  }

  private void awaitEvent(String name, String reason) {
    await(() -> cluster.events(name).stream().anyMatch(e -> reason.equals(e.getReason())));
  }

  private static void await(Callable<Boolean> condition) {
    Awaitility.await().atMost(Cluster.TIMEOUT).until(condition);
  }
}
