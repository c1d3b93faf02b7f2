package dev.ldai.operator.crd;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.agentGraph;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.aiTool;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.promptSnippet;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.agentgraph.AIAgentGraphSpec;
import dev.ldai.operator.agentgraph.GraphEdge;
import dev.ldai.operator.agentgraph.GraphNode;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.testing.ApiServerAdmission;
import dev.ldai.operator.testing.OnRealApiServer;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.variation.Judge;
import dev.ldai.operator.variation.JudgeConfiguration;
import dev.ldai.operator.variation.Message;
import dev.ldai.operator.variation.Tool;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid manifests that the real API server refuses at admission, by the committed CRDs' schema or CEL
 * rules, with a message naming the field (what only the cluster's state can tell is the operator's to
 * refuse: {@code resilience.BadInputTest}).
 */
@OnRealApiServer
class BadManifestAdmissionTest {

  static final String NAMESPACE = "badmanifestadmissiontest";

  static ApiServerAdmission admission;

  @BeforeAll
  static void onTheRealApiServer() {
    admission = ApiServerAdmission.in(NAMESPACE);
  }

  static Stream<Arguments> refusedAtAdmission() {
    return Stream.of(
        Arguments.of("AIConfig without a name",
            aiConfig("nameless", spec -> spec.setName(null)),
            "spec.name: Required value"),
        Arguments.of("AIConfig with a key LaunchDarkly cannot take",
            aiConfig("spaced", spec -> spec.setKey("bad key")),
            "spec.key: Invalid value: \"bad key\": spec.key in body should match '^[a-zA-Z0-9][a-zA-Z0-9._-]*$'"),
        Arguments.of("AIConfig with a reserved key",
            aiConfig("reserved", spec -> spec.setKey("quick-stats")),
            "spec: Invalid value: \"object\": key must not be model-configs, quick-stats or prompt-snippets"
                + " (reserved by LaunchDarkly's API)"),
        Arguments.of("AIConfig with both maintainer fields",
            aiConfig("two-maintainers", spec -> {
              spec.setMaintainerId("5f0c1a2b3c4d5e6f7a8b9c0d");
              spec.setMaintainerTeamKey("support");
            }),
            "spec: Invalid value: \"object\": set at most one of maintainerId and maintainerTeamKey"),
        Arguments.of("AIConfig with more tags than anyone could read",
            aiConfig("tagged", spec -> spec.setTags(IntStream.range(0, 101).mapToObj(i -> "t" + i).toList())),
            "spec.tags: Too many: 101: must have at most 100 items"),
        Arguments.of("AIModelConfig with a negative cost",
            modelConfig("negative", spec -> spec.setCostPerInputToken(-0.1)),
            "spec.costPerInputToken: Invalid value: -0.1: spec.costPerInputToken in body should be greater than or equal to 0"),
        Arguments.of("AIModelConfig without the provider's model id",
            modelConfig("idless", spec -> spec.setId(null)),
            "spec.id: Required value"),
        Arguments.of("AIConfigVariation with both configRef and configKey",
            variation("both-parents", "parent", spec -> {
              spec.setProjectKey("default");
              spec.setConfigKey("parent");
            }),
            "spec: Invalid value: \"object\": set either configRef, or both projectKey and configKey"),
        Arguments.of("AIConfigVariation with neither configRef nor configKey",
            variation("orphan", "parent", spec -> spec.setConfigRef(null)),
            "spec: Invalid value: \"object\": set either configRef, or both projectKey and configKey"),
        Arguments.of("AIConfigVariation with a judge sampling more than everything",
            variation("greedy-judge", "parent", spec -> spec.setJudgeConfiguration(
                judges(new Judge("relevance", 1.5)))),
            "spec.judgeConfiguration.judges[0].samplingRate: Invalid value: 1.5: "
                + "spec.judgeConfiguration.judges[0].samplingRate in body should be less than or equal to 1"),
        Arguments.of("AIConfigVariation with a tool named both by toolRef and by key",
            variation("doubly-named-tool", "parent", spec -> {
              Tool tool = Tool.ref("web-search", null);
              tool.setKey("search");
              tool.setVersion(1);
              spec.setTools(List.of(tool));
            }),
            "spec.tools[0]: Invalid value: \"object\": set either toolRef or key"),
        Arguments.of("AIConfigVariation with a tool named by nothing",
            variation("unnamed-tool", "parent", spec -> spec.setTools(List.of(new Tool(null, 1)))),
            "spec.tools[0]: Invalid value: \"object\": set either toolRef or key"),
        Arguments.of("AIConfigVariation with a tool named by key without a version",
            variation("unversioned-tool", "parent", spec -> spec.setTools(List.of(new Tool("search", null)))),
            "spec.tools[0]: Invalid value: \"object\": a tool named by key needs a version"),
        Arguments.of("AIConfigVariation with an unknown state",
            withSpecField(variation("drafty", "parent", spec -> {}), "state", "draft"),
            "spec.state: Unsupported value: \"draft\": supported values: \"archived\", \"published\""),
        Arguments.of("AIConfigVariation with a prompt over the content limit",
            variation("wordy", "parent", spec -> spec.setMessages(List.of(new Message("system", "x".repeat(100_001))))),
            "spec.messages[0].content: Too long: may not be longer than 100000"),
        Arguments.of("AITool without a schema",
            aiTool("schemaless", spec -> spec.setSchema(null)),
            "spec.schema: Required value"),
        Arguments.of("AITool without a project",
            aiTool("projectless", spec -> spec.setProjectKey(null)),
            "spec.projectKey: Required value"),
        Arguments.of("AITool with both maintainer fields",
            aiTool("two-maintainers", spec -> {
              spec.setMaintainerId("5f0c1a2b3c4d5e6f7a8b9c0d");
              spec.setMaintainerTeamKey("search");
            }),
            "spec: Invalid value: \"object\": set at most one of maintainerId and maintainerTeamKey"),
        Arguments.of("PromptSnippet without text",
            promptSnippet("textless", spec -> spec.setText(null)),
            "spec.text: Required value"),
        Arguments.of("PromptSnippet without a name",
            promptSnippet("nameless", spec -> spec.setName(null)),
            "spec.name: Required value"),
        Arguments.of("PromptSnippet with both maintainer fields",
            promptSnippet("two-maintainers", spec -> {
              spec.setMaintainerId("5f0c1a2b3c4d5e6f7a8b9c0d");
              spec.setMaintainerTeamKey("brand");
            }),
            "spec: Invalid value: \"object\": set at most one of maintainerId and maintainerTeamKey"),
        Arguments.of("AIAgentGraph without a name",
            rootHandingOff("nameless", "triage", List.of("support"), spec -> spec.setName(null)),
            "spec.name: Required value"),
        Arguments.of("AIAgentGraph with a root and no edges",
            rootHandingOff("rootonly", "triage", List.of("support"), spec -> spec.setEdges(null)),
            "spec: Invalid value: \"object\": set root and edges together, or neither"),
        Arguments.of("AIAgentGraph with edges and no root",
            rootHandingOff("rootless", "triage", List.of("support"), spec -> spec.setRoot(null)),
            "spec: Invalid value: \"object\": set root and edges together, or neither"),
        Arguments.of("AIAgentGraph with two edges of one key",
            rootHandingOff("twice", "triage", List.of("support", "support"), spec -> {}),
            "spec.edges: Invalid value: \"array\": edge keys must be unique"),
        Arguments.of("AIAgentGraph with a node named both by configRef and by configKey",
            rootHandingOff("doubly-named-node", "triage", List.of("support"),
                spec -> spec.getEdges().get(0).getTarget().setConfigKey("support")),
            "spec.edges[0].target: Invalid value: \"object\": set either configRef or configKey"),
        Arguments.of("AIAgentGraph with a root named by nothing",
            rootHandingOff("unnamed-root", "triage", List.of("support"), spec -> spec.setRoot(new GraphNode())),
            "spec.root: Invalid value: \"object\": set either configRef or configKey"),
        Arguments.of("AIAgentGraph with a handoff that is not an object",
            rootHandingOff("textual-handoff", "triage", List.of("support"),
                spec -> spec.getEdges().get(0).setHandoff(TextNode.valueOf("immediately"))),
            "spec.edges[0].handoff: Invalid value: \"string\": spec.edges[0].handoff in body must be of type object: \"string\""),
        Arguments.of("AIAgentGraph with 101 edges",
            rootHandingOff("crowded", "triage", agents(101), spec -> {}),
            "spec.edges: Too many: 101: must have at most 100 items"),
        // The server refuses a request body over 3 MiB before it looks at any field.
        Arguments.of("AIConfigVariation with a 10 MB prompt",
            variation("verbose", "parent", spec -> spec.setMessages(List.of(new Message("system", "x".repeat(10 * 1024 * 1024))))),
            "Request entity too large: limit is 3145728"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedAtAdmission")
  void refusedAtAdmissionWithAMessageNamingTheField(String description, Object manifest, String message) {
    assertThat(admission.create(manifest).violations()).as(description).contains(message);
  }

  @Test
  void changingAnImmutableFieldIsRefused() {
    AIConfig before = aiConfig("fixed", spec -> {});
    AIConfig after = aiConfig("fixed", spec -> spec.setProjectKey("other-project"));

    assertThat(admission.update(before, after).violations())
        .containsExactly("spec.projectKey: Invalid value: \"string\": projectKey is immutable");
  }

  @Test
  void changingTheKeyOrProjectOfAToolOrSnippetIsRefused() {
    assertThat(admission.update(aiTool("search", spec -> spec.setKey("web-search")), aiTool("search", spec -> spec.setKey("search")))
        .violations()).containsExactly("spec: Invalid value: \"object\": key is immutable");
    assertThat(admission.update(promptSnippet("voice", spec -> {}), promptSnippet("voice", spec -> spec.setProjectKey("other-project")))
        .violations()).containsExactly("spec.projectKey: Invalid value: \"string\": projectKey is immutable");
  }

  @Test
  void changingTheKeyOrProjectOfAnAgentGraphIsRefused() {
    assertThat(admission.update(rootHandingOff("flow", "triage", List.of("support"), spec -> {}),
        rootHandingOff("flow", "triage", List.of("support"), spec -> spec.setKey("support-flow"))).violations())
        .containsExactly("spec: Invalid value: \"object\": key is immutable");
    assertThat(admission.update(rootHandingOff("flow", "triage", List.of("support"), spec -> {}),
        rootHandingOff("flow", "triage", List.of("support"), spec -> spec.setProjectKey("other-project"))).violations())
        .containsExactly("spec.projectKey: Invalid value: \"string\": projectKey is immutable");
  }

  @Test
  void theValidVersionsOfTheseManifestsAreAdmitted() {
    assertThat(admission.create(aiConfig("fine", spec -> {})).violations()).isEmpty();
    assertThat(admission.create(modelConfig("fine", spec -> spec.setCostPerInputToken(0.0))).violations()).isEmpty();
    assertThat(admission.create(variation("fine", "parent", spec -> spec.setJudgeConfiguration(
        judges(new Judge("relevance", 1.0))))).violations()).isEmpty();
    assertThat(admission.create(variation("fine-tools", "parent", spec -> spec.setTools(
        List.of(Tool.ref("web-search", null), Tool.ref("calculator", 2), new Tool("search", 3))))).violations()).isEmpty();
    assertThat(admission.create(aiTool("fine", spec -> spec.setMaintainerTeamKey("search"))).violations()).isEmpty();
    assertThat(admission.create(promptSnippet("fine", spec -> spec.setMaintainerId("5f0c1a2b3c4d5e6f7a8b9c0d"))).violations())
        .isEmpty();
    assertThat(admission.create(rootHandingOff("fine", "triage", agents(100), spec -> spec.setMaintainerTeamKey("support")))
        .violations()).isEmpty();
    assertThat(admission.create(rootHandingOff("fine-alone", "triage", List.of(), spec -> {})).violations()).isEmpty();
    assertThat(admission.create(rootHandingOff("fine-by-key", "triage", List.of("support"), spec -> {
      spec.setRoot(GraphNode.key("triage"));
      spec.getEdges().get(0).setHandoff(Serialization.unmarshal("{\"reason\": \"needs-an-answer\"}", JsonNode.class));
    })).violations()).isEmpty();
  }

  @Test
  void aTypedToolSendsItsSchemaAsTheJsonItHolds() {
    AITool tool = aiTool("web-search", spec -> {});
    JsonNode admitted = admission.create(tool).object();
    assertThat(admitted.at("/spec/schema")).isEqualTo(tool.getSpec().getSchema());
    assertThat(admitted.at("/spec/schema/properties/query/type").asText()).isEqualTo("string");
  }

  /** The manifest as JSON with one spec field set to a value the Java model cannot even hold. */
  private static JsonNode withSpecField(HasMetadata manifest, String field, String value) {
    ObjectNode json = Serialization.jsonMapper().valueToTree(manifest);
    ((ObjectNode) json.get("spec")).put(field, value);
    return json;
  }

  /**
   * An agent graph whose root, the AIConfig {@code root} of this namespace, hands off to each of {@code targets}
   * (AIConfigs of this namespace too) by an edge {@code <root>-to-<target>} without handoff options.
   */
  private static AIAgentGraph rootHandingOff(String name, String root, List<String> targets,
      Consumer<AIAgentGraphSpec> customize) {
    return agentGraph(name, spec -> {
      spec.setRoot(GraphNode.ref(root));
      spec.setEdges(targets.stream()
          .map(target -> new GraphEdge(root + "-to-" + target, GraphNode.ref(root), GraphNode.ref(target), null))
          .toList());
      customize.accept(spec);
    });
  }

  /** The names of {@code count} AIConfigs, agent-0, agent-1, ... */
  private static List<String> agents(int count) {
    return IntStream.range(0, count).mapToObj(i -> "agent-" + i).toList();
  }

  private static JudgeConfiguration judges(Judge... judges) {
    JudgeConfiguration configuration = new JudgeConfiguration();
    configuration.setJudges(List.of(judges));
    return configuration;
  }
}
