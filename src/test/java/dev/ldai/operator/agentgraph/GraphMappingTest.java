package dev.ldai.operator.agentgraph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphEdge;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPost;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GraphMappingTest {

  private static final LdAgentGraphEdge TO_SUPPORT = edge("to-support", "triage", "support", "{\"reason\": \"billing\"}");
  private static final LdAgentGraphEdge TO_REFUNDS = edge("to-refunds", "support", "refunds", null);
  private static final GraphShape SHAPE = new GraphShape("triage", List.of(TO_SUPPORT, TO_REFUNDS));

  @Test
  void aGraphAsTheSpecSaysDiffersInNothingWhateverTheOrderOfItsEdges() {
    LdAgentGraph held = graph("Support flow", "triage", List.of(TO_REFUNDS, TO_SUPPORT));

    assertThat(GraphMapping.diff(spec("Support flow"), Optional.of(SHAPE), held).isEmpty()).isTrue();
  }

  @Test
  void anEmptyHandoffIsNoHandoffAndNumbersCompareByValue() {
    LdAgentGraph held = graph("Support flow", "triage", List.of(
        edge("to-support", "triage", "support", "{\"reason\": \"billing\"}"), edge("to-refunds", "support", "refunds", "{}")));
    GraphShape withNumber = new GraphShape("a", List.of(edge("e", "a", "b", "{\"max\": 1}")));

    assertThat(GraphMapping.diff(spec("Support flow"), Optional.of(SHAPE), held).isEmpty()).isTrue();
    assertThat(GraphMapping.sameShape(withNumber, graph("G", "a", List.of(edge("e", "a", "b", "{\"max\": 1.0}"))))).isTrue();
  }

  @Test
  void oneChangedEdgeSendsTheRootAndEveryEdge() {
    LdAgentGraph held = graph("Support flow", "triage", List.of(
        edge("to-support", "triage", "support", "{\"reason\": \"edited in the UI\"}"), TO_REFUNDS));

    Diff<GraphChange> diff = GraphMapping.diff(spec("Support flow"), Optional.of(SHAPE), held);

    assertThat(diff.fields()).containsExactly("rootConfigKey", "edges");
    assertThat(diff.change().recreate()).isFalse();
    assertThat(Serialization.unmarshal(Serialization.asJson(diff.change().patch()), Map.class)).isEqualTo(Serialization.unmarshal("""
        {"rootConfigKey": "triage", "edges": [
          {"key": "to-support", "sourceConfig": "triage", "targetConfig": "support", "handoff": {"reason": "billing"}},
          {"key": "to-refunds", "sourceConfig": "support", "targetConfig": "refunds"}]}""", Map.class));
  }

  @Test
  void anotherRootAnEdgeMoreOrAnEdgeRetargetedAreChangesOfTheShape() {
    assertThat(GraphMapping.sameShape(SHAPE, graph("G", "support", List.of(TO_SUPPORT, TO_REFUNDS)))).isFalse();
    assertThat(GraphMapping.sameShape(SHAPE, graph("G", "triage", List.of(TO_SUPPORT)))).isFalse();
    assertThat(GraphMapping.sameShape(SHAPE, graph("G", "triage",
        List.of(TO_SUPPORT, edge("to-refunds", "support", "billing", null))))).isFalse();
    assertThat(GraphMapping.sameShape(SHAPE, graph("G", "triage",
        List.of(TO_SUPPORT, edge("to-billing", "support", "refunds", null))))).isFalse();
  }

  @Test
  void aNameChangeSendsOnlyTheNameAndAnUnmanagedDescriptionIsLeft() {
    LdAgentGraph held = new LdAgentGraph("flow", "Old name", "written in the UI", "triage", List.of(TO_SUPPORT, TO_REFUNDS),
        1L, 2L, null);

    Diff<GraphChange> diff = GraphMapping.diff(spec("New name"), Optional.of(SHAPE), held);

    assertThat(diff.fields()).containsExactly("name");
    assertThat(Serialization.unmarshal(Serialization.asJson(diff.change().patch()), Map.class))
        .isEqualTo(Map.of("name", "New name"));
  }

  @Test
  void aSpecWithoutRootAndEdgesLeavesAGraphWithoutThemAndRemakesOneWithThem() {
    LdAgentGraph bare = graph("Support flow", null, null);
    LdAgentGraph joined = graph("Support flow", "triage", List.of(TO_SUPPORT));

    assertThat(GraphMapping.diff(spec("Support flow"), Optional.empty(), bare).isEmpty()).isTrue();
    Diff<GraphChange> remake = GraphMapping.diff(spec("Support flow"), Optional.empty(), joined);
    assertThat(remake.fields()).containsExactly("rootConfigKey", "edges");
    assertThat(remake.change().recreate()).isTrue();
  }

  @Test
  void aRootWithNoEdgesIsAShapeOfItsOwn() {
    GraphShape alone = new GraphShape("triage", List.of());

    assertThat(GraphMapping.sameShape(alone, graph("G", "triage", null))).isTrue();
    assertThat(GraphMapping.diff(spec("G"), Optional.of(alone), graph("G", null, null)).fields())
        .containsExactly("rootConfigKey", "edges");
  }

  @Test
  void aPostCarriesRootAndEdgesOnlyWhenTheSpecHasThem() {
    AIAgentGraphSpec spec = spec("Support flow");
    spec.setDescription("Routes support requests");

    LdAgentGraphPost joined = GraphMapping.toPost("flow", spec, Optional.of(SHAPE));
    LdAgentGraphPost bare = GraphMapping.toPost("flow", spec, Optional.empty());

    assertThat(joined.rootConfigKey()).isEqualTo("triage");
    assertThat(joined.edges()).containsExactly(TO_SUPPORT, TO_REFUNDS);
    assertThat(Serialization.unmarshal(Serialization.asJson(bare), Map.class))
        .isEqualTo(Map.of("key", "flow", "name", "Support flow", "description", "Routes support requests"));
  }

  @Test
  void aGraphIsTheOneACreateMadeWhenItsNameAndShapeAreTheSpecs() {
    assertThat(GraphMapping.madeFrom(spec("Support flow"), Optional.of(SHAPE), graph("Support flow", "triage",
        List.of(TO_REFUNDS, TO_SUPPORT)))).isTrue();
    assertThat(GraphMapping.madeFrom(spec("Support flow"), Optional.of(SHAPE), graph("Someone else's", "triage",
        List.of(TO_REFUNDS, TO_SUPPORT)))).isFalse();
    assertThat(GraphMapping.madeFrom(spec("Support flow"), Optional.empty(), graph("Support flow", "triage",
        List.of(TO_SUPPORT)))).isFalse();
    assertThat(GraphMapping.madeFrom(spec("Support flow"), Optional.empty(), graph("Support flow", null, null))).isTrue();
  }

  @Test
  void theConfigKeysAreTheRootAndEveryEdgesEndsOnceSorted() {
    assertThat(GraphMapping.configKeys(graph("G", "triage", List.of(TO_SUPPORT, TO_REFUNDS))))
        .containsExactly("refunds", "support", "triage");
    assertThat(GraphMapping.configKeys(graph("G", null, null))).isEmpty();
  }

  @Test
  void theSpecOfAGraphAsLaunchDarklyHoldsItNamesExportedConfigsByResourceAndHasNoDifference() {
    LdAgentGraph held = new LdAgentGraph("flow", "Flow", "Hands off", "triage", List.of(TO_SUPPORT, TO_REFUNDS), 1L, 2L, null);
    Map<String, String> exported = Map.of("triage", "triage-agent", "support", "support-agent");

    AIAgentGraphSpec spec = GraphMapping.toSpec("proj", held, key -> Optional.ofNullable(exported.get(key)));

    assertThat(spec.getKey()).isEqualTo("flow");
    assertThat(spec.getRoot().getConfigRef().getName()).isEqualTo("triage-agent");
    assertThat(spec.getEdges()).extracting(GraphEdge::getKey).containsExactly("to-support", "to-refunds");
    assertThat(spec.getEdges().get(1).getTarget().getConfigKey()).isEqualTo("refunds");
    assertThat(spec.getEdges().get(0).getHandoff()).isEqualTo(TO_SUPPORT.handoff());
    Map<String, String> keysByName = Map.of("triage-agent", "triage", "support-agent", "support");
    GraphShape resolved = new GraphShape(keyOf(spec.getRoot(), keysByName), spec.getEdges().stream()
        .map(edge -> new LdAgentGraphEdge(edge.getKey(), keyOf(edge.getSource(), keysByName), keyOf(edge.getTarget(), keysByName),
            edge.getHandoff()))
        .toList());
    assertThat(GraphMapping.diff(spec, Optional.of(resolved), held).isEmpty()).isTrue();
  }

  @Test
  void aGraphWithoutRootAndEdgesIsExportedWithoutThem() {
    AIAgentGraphSpec spec = GraphMapping.toSpec("proj", graph("Empty", null, null), key -> Optional.empty());

    assertThat(spec.getRoot()).isNull();
    assertThat(spec.getEdges()).isNull();
    assertThat(GraphMapping.diff(spec, Optional.empty(), graph("Empty", null, null)).isEmpty()).isTrue();
  }

  private static String keyOf(GraphNode node, Map<String, String> keysByName) {
    return node.getConfigRef() == null ? node.getConfigKey() : keysByName.get(node.getConfigRef().getName());
  }

  private static AIAgentGraphSpec spec(String name) {
    AIAgentGraphSpec spec = new AIAgentGraphSpec();
    spec.setProjectKey("proj");
    spec.setName(name);
    return spec;
  }

  private static LdAgentGraph graph(String name, String root, List<LdAgentGraphEdge> edges) {
    return new LdAgentGraph("flow", name, null, root, edges, 1L, 2L, null);
  }

  private static LdAgentGraphEdge edge(String key, String source, String target, String handoff) {
    return new LdAgentGraphEdge(key, source, target, handoff == null ? null : Serialization.unmarshal(handoff, JsonNode.class));
  }
}
