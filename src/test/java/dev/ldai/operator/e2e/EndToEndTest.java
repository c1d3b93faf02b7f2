package dev.ldai.operator.e2e;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.aiTool;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.targeting;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.ReconcileRequest;
import dev.ldai.operator.helm.ChartIdentity;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.Timestamps;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.testing.AuditLog;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.Examples;
import dev.ldai.operator.testing.KubectlLdai;
import dev.ldai.operator.testing.OnRealApiServer;
import dev.ldai.operator.testing.OperatorProcess;
import dev.ldai.operator.testing.RealApiServer;
import dev.ldai.operator.testing.Yaml;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.Message;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each kind's whole life with the packaged operator (production profile: leader election on) against a real
 * API server and the LaunchDarkly stand-in: create, Ready, a spec change, an edit made in LaunchDarkly
 * reverted, delete. The operator acts as the chart's ServiceAccount (impersonated, with the chart's RBAC
 * applied), so the server's RBAC authorizer judges the chart too, and the audit log tells the operator's
 * requests from the test's. Runs after {@code package} (surefire execution {@code packaged-operator}); the
 * operator's log is {@code target/packaged-operator/EndToEndTest.log}.
 */
@OnRealApiServer
class EndToEndTest {

  static final Duration BOUND = Duration.ofSeconds(60);
  /** Short, so that an edit made in LaunchDarkly is found within seconds. */
  static final String RESYNC_INTERVAL = "2s";
  static final Path WORK = Path.of("target", "packaged-operator").toAbsolutePath();

  static RealApiServer server;
  static Cluster cluster;
  static ChartIdentity identity;
  static LaunchDarklyStandIn launchDarkly;
  static OperatorProcess operator;
  static String leader;

  int auditMark;
  int callMark;
  ZonedDateTime started;

  @BeforeAll
  static void startOperatorAsTheChartsServiceAccount() throws IOException {
    server = RealApiServer.orSkip().withCrds();
    cluster = new Cluster(server.client(), EndToEndTest.class);
    identity = ChartIdentity.render(cluster.namespace());
    identity.apply(server.client());
    launchDarkly = LaunchDarklyStandIn.start();
    operator = OperatorProcess.start(OperatorProcess.QUICK_START_JVM, operatorProperties(),
        WORK.resolve(EndToEndTest.class.getSimpleName() + ".log"));
    leader = await("a holder of the Lease").atMost(BOUND)
        .until(EndToEndTest::leaseHolder, holder -> holder != null && !holder.isEmpty());
  }

  @AfterAll
  static void stopAndRemoveWhatTheClassMade() throws InterruptedException {
    if (operator != null) {
      operator.close();
    }
    if (launchDarkly != null) {
      launchDarkly.close();
    }
    if (identity != null) {
      // The namespace stays: without a controller-manager its deletion would never finish.
      server.client().events().v1().events().inNamespace(cluster.namespace()).delete();
      server.client().leases().inNamespace(cluster.namespace()).withName(identity.leaseName()).delete();
      identity.delete(server.client());
    }
  }

  @BeforeEach
  void markTheLogs() {
    auditMark = server.audit().size();
    callMark = launchDarkly.calls().size();
    started = ZonedDateTime.now();
  }

  @AfterEach
  void deleteWhatTheTestLeft() {
    cluster.deleteAllAndAwait();
  }

  @Test
  void anAIModelConfigIsCreatedReplacedRecreatedAndDeleted() {
    String name = "e2e-model";
    AIModelConfig created = cluster.create(modelConfig(name, spec -> {}));
    awaitReadyWithFinalizer(AIModelConfig.class, name);

    changeSpec(AIModelConfig.class, name, model -> {
      model.getSpec().setId("gpt-4.1");
      return model;
    });
    assertThat(launchDarkly.modelConfig(PROJECT, name).orElseThrow().path("id").asText()).isEqualTo("gpt-4.1");

    // LaunchDarkly cannot edit a model config; what its UI can do behind the operator's back is delete it.
    launchDarkly.deleteModelConfigDirectly(PROJECT, name);
    awaitInLaunchDarkly("the model config recreated", () -> launchDarkly.modelConfig(PROJECT, name).isPresent());
    awaitReadyWithFinalizer(AIModelConfig.class, name);

    deleteAndAwaitGone(AIModelConfig.class, name);
    assertThat(launchDarkly.modelConfig(PROJECT, name)).isEmpty();

    assertThat(launchDarklyWrites()).containsExactly(
        "POST MODEL_CONFIGS", "DELETE MODEL_CONFIG", "POST MODEL_CONFIGS", "POST MODEL_CONFIGS", "DELETE MODEL_CONFIG");
    assertOperatorRequests(AIModelConfig.class, name);
    assertThat(events(created)).containsExactly(tuple("Created", "Normal"),
        tuple("Replaced", "Normal"), tuple("DriftCorrected", "Warning"), tuple("Deleted", "Normal"));
    assertLeaseHeldThroughout();
  }

  @Test
  void anAIConfigIsCreatedChangedRevertedAndDeleted() {
    String name = "e2e-config";
    AIConfig created = cluster.create(aiConfig(name, spec -> spec.setDescription("from git")));
    awaitReadyWithFinalizer(AIConfig.class, name);

    changeSpec(AIConfig.class, name, config -> {
      config.getSpec().setDescription("changed in git");
      return config;
    });
    assertThat(launchDarkly.config(PROJECT, name).orElseThrow().path("description").asText()).isEqualTo("changed in git");

    launchDarkly.editConfig(PROJECT, name, config -> config.put("description", "edited in the UI"));
    awaitInLaunchDarkly("the edit reverted", () ->
        launchDarkly.config(PROJECT, name).orElseThrow().path("description").asText().equals("changed in git"));
    awaitReadyWithFinalizer(AIConfig.class, name);

    deleteAndAwaitGone(AIConfig.class, name);
    assertThat(launchDarkly.config(PROJECT, name)).isEmpty();

    assertThat(launchDarklyWrites()).containsExactly("POST CONFIGS", "PATCH CONFIG", "PATCH CONFIG", "DELETE CONFIG");
    assertOperatorRequests(AIConfig.class, name);
    assertThat(events(created)).containsExactly(tuple("Created", "Normal"), tuple("Updated", "Normal"),
        tuple("DriftCorrected", "Warning"), tuple("Deleted", "Normal"));
    assertLeaseHeldThroughout();
  }

  @Test
  void anAIConfigVariationIsCreatedChangedRevertedAndDeleted() {
    String parent = "e2e-parent";
    String name = "e2e-variation";
    cluster.create(aiConfig(parent, spec -> {}));
    AIConfigVariation created = cluster.create(variation(name, parent, spec -> {}));
    awaitReadyWithFinalizer(AIConfig.class, parent);
    awaitReadyWithFinalizer(AIConfigVariation.class, name);

    changeSpec(AIConfigVariation.class, name, variation -> {
      variation.getSpec().setMessages(List.of(new Message("system", "You are changed.")));
      return variation;
    });
    assertThat(latestVersion(parent, name).at("/messages/0/content").asText()).isEqualTo("You are changed.");

    launchDarkly.editVariation(PROJECT, parent, name, variation -> variation.put("name", "Edited in the UI"));
    awaitInLaunchDarkly("the edit reverted",
        () -> latestVersion(parent, name).path("name").asText().equals("Variation " + name));
    awaitReadyWithFinalizer(AIConfigVariation.class, name);

    // The config's only variation: LaunchDarkly refuses to delete it, which the operator counts as done.
    deleteAndAwaitGone(AIConfigVariation.class, name);
    deleteAndAwaitGone(AIConfig.class, parent);
    assertThat(launchDarkly.config(PROJECT, parent)).isEmpty();

    assertThat(launchDarklyWrites()).containsExactly("POST CONFIGS", "POST VARIATIONS", "PATCH VARIATION",
        "PATCH VARIATION", "DELETE VARIATION", "DELETE CONFIG");
    assertOperatorRequests(AIConfigVariation.class, name);
    assertThat(events(created)).containsExactly(tuple("Created", "Normal"),
        tuple("Updated", "Normal"), tuple("DriftCorrected", "Warning"), tuple("Deleted", "Normal"));
    assertLeaseHeldThroughout();
  }

  @Test
  void anAIConfigTargetingIsTakenOverChangedRevertedAndDeleted() {
    String config = "e2e-served";
    String name = "e2e-served-production";
    cluster.create(aiConfig(config, spec -> {}));
    cluster.create(variation(config + "-friendly", config, spec -> spec.setKey("friendly")));
    cluster.create(variation(config + "-precise", config, spec -> spec.setKey("precise")));
    awaitReadyWithFinalizer(AIConfigVariation.class, config + "-friendly");
    awaitReadyWithFinalizer(AIConfigVariation.class, config + "-precise");
    AIConfigTargeting created =
        cluster.create(targeting(name, config, "production", spec -> spec.setDefaultVariation("friendly")));
    awaitReadyWithFinalizer(AIConfigTargeting.class, name);
    assertThat(servedInProduction(config)).isEqualTo("friendly");

    changeSpec(AIConfigTargeting.class, name, targeting -> {
      targeting.getSpec().setDefaultVariation("precise");
      return targeting;
    });
    assertThat(servedInProduction(config)).isEqualTo("precise");

    launchDarkly.editTargeting(PROJECT, config, "production", environment ->
        ((ObjectNode) environment.path("fallthrough")).put("variation", variationIndex(config, "friendly")));
    awaitInLaunchDarkly("the edit reverted", () -> "precise".equals(servedInProduction(config)));
    awaitReadyWithFinalizer(AIConfigTargeting.class, name);

    deleteAndAwaitGone(AIConfigTargeting.class, name);

    assertThat(launchDarklyWrites()).containsExactly("POST CONFIGS", "POST VARIATIONS", "POST VARIATIONS",
        "PATCH TARGETING", "PATCH TARGETING", "PATCH TARGETING", "PATCH TARGETING");
    assertOperatorRequests(AIConfigTargeting.class, name);
    assertThat(events(created)).containsExactly(tuple("Updated", "Normal"),
        tuple("Updated", "Normal"), tuple("DriftCorrected", "Warning"), tuple("Deleted", "Normal"));
    assertLeaseHeldThroughout();
  }

  /**
   * A targeting Stalled on an environment the project lacks: once the environment is made in LaunchDarkly,
   * the annotation ldai.dev/reconcile-requested-at brings it to Ready, and the status, patched through the real
   * server's status subresource and the CRD's schema, records the request.
   */
  @Test
  void aTargetingStalledOnAMissingEnvironmentRecoversOnAReconcileRequest() {
    String config = "e2e-requested";
    String name = config + "-staging";
    cluster.create(aiConfig(config, spec -> {}));
    cluster.create(variation(config + "-friendly", config, spec -> spec.setKey("friendly")));
    awaitReadyWithFinalizer(AIConfigVariation.class, config + "-friendly");
    cluster.create(targeting(name, config, "staging", spec -> spec.setDefaultVariation("friendly")));
    await(name + " Stalled").atMost(BOUND).until(() -> cluster.get(AIConfigTargeting.class, name),
        targeting -> targeting.getStatus() != null && targeting.getStatus().isStalledFor(Reason.InvalidSpec));
    launchDarkly.addEnvironment(PROJECT, "staging", "Staging");

    cluster.edit(AIConfigTargeting.class, name, targeting -> {
      targeting.getMetadata().setAnnotations(Map.of(ReconcileRequest.ANNOTATION, "2026-12-02T15:00:00Z"));
      return targeting;
    });

    AIConfigTargeting ready = awaitReadyWithFinalizer(AIConfigTargeting.class, name);
    assertThat(ready.getStatus().getLastHandledReconcileAt()).isEqualTo("2026-12-02T15:00:00Z");
    assertThat(ready.getStatus().getServedVariation()).isEqualTo("friendly");
    assertThat(launchDarklyWrites()).containsExactly("POST CONFIGS", "POST VARIATIONS", "PATCH TARGETING");
  }

  @Test
  void anAIToolIsCreatedChangedRevertedAndWaitsWhileAVariationPinsIt() {
    String name = "e2e-tool";
    AITool created = cluster.create(aiTool(name, spec -> spec.setDescription("from git")));
    awaitReadyWithFinalizer(AITool.class, name);

    changeSpec(AITool.class, name, tool -> {
      tool.getSpec().setDescription("changed in git");
      return tool;
    });
    assertThat(launchDarkly.tool(PROJECT, name).orElseThrow().path("description").asText()).isEqualTo("changed in git");

    launchDarkly.editTool(PROJECT, name, tool -> tool.put("description", "edited in the UI"));
    awaitInLaunchDarkly("the edit reverted", () ->
        launchDarkly.tool(PROJECT, name).orElseThrow().path("description").asText().equals("changed in git"));
    assertThat(awaitReadyWithFinalizer(AITool.class, name).getStatus().getVersion()).isEqualTo(4);

    ObjectNode chat = JsonNodeFactory.instance.objectNode().put("key", "e2e-chat").put("name", "Chat");
    ObjectNode friendly = chat.putArray("variations").addObject().put("key", "friendly").put("name", "Friendly");
    friendly.putArray("tools").addObject().put("key", name).put("version", 4);
    launchDarkly.putConfig(PROJECT, chat);
    cluster.delete(AITool.class, name);
    AITool waiting = await("deletion waiting for the variation").atMost(BOUND).until(() -> cluster.get(AITool.class, name),
        tool -> tool.getStatus().isStalledFor(Reason.InUse));
    assertThat(Cluster.ready(waiting.getStatus()).getMessage()).contains("e2e-chat/friendly (version 4)");

    launchDarkly.deleteConfigDirectly(PROJECT, "e2e-chat");
    await(name + " gone").atMost(BOUND).until(() -> cluster.get(AITool.class, name) == null);
    assertThat(launchDarkly.tool(PROJECT, name)).isEmpty();

    assertThat(launchDarklyWrites()).containsExactly("POST TOOLS", "PATCH TOOL", "PATCH TOOL", "DELETE TOOL");
    assertOperatorRequests(AITool.class, name);
    assertThat(events(created)).containsExactly(tuple("Created", "Normal"), tuple("Updated", "Normal"),
        tuple("DriftCorrected", "Warning"), tuple("InUse", "Warning"), tuple("Deleted", "Normal"));
    assertLeaseHeldThroughout();
  }

  /**
   * {@code kubectl apply -f examples/}: everything becomes Ready, both variations pin the tool and the snippet;
   * a UI edit of the tool is reverted, and only the variation following the tool is re-pinned to the new version.
   */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void theExamplesBecomeReadyAndOnlyTheFollowerIsRepinnedWhenTheToolMoves() {
    List<HasMetadata> applied = Examples.load(server.client()).stream().map(cluster::create).toList();
    applied.forEach(resource -> awaitReadyWithFinalizer((Class<CustomResource>) resource.getClass(), resource.getMetadata().getName()));
    String description = launchDarkly.tool(PROJECT, "web-search").orElseThrow().path("description").asText();
    assertThat(latestVersion("support-assistant", "friendly").path("tools")).hasToString("[{\"key\":\"web-search\",\"version\":1}]");
    assertThat(latestVersion("support-assistant", "friendly").at("/messages/0/content").asText()).endsWith("{{snippet.brand-voice#1}}");
    assertThat(latestVersion("support-assistant", "precise").at("/messages/0/content").asText()).endsWith("{{snippet.brand-voice#1}}");
    int preciseVersions = launchDarkly.variationVersions(PROJECT, "support-assistant", "precise").size();
    int mark = launchDarkly.calls().size();

    launchDarkly.editTool(PROJECT, "web-search", tool -> tool.put("description", "edited in the UI"));

    awaitInLaunchDarkly("the edit reverted and the follower re-pinned", () ->
        launchDarkly.tool(PROJECT, "web-search").orElseThrow().path("description").asText().equals(description)
            && latestVersion("support-assistant", "friendly").at("/tools/0/version").asInt() == 3);
    assertThat(launchDarkly.variationVersions(PROJECT, "support-assistant", "precise")).hasSize(preciseVersions);
    assertThat(launchDarklyWritesSince(mark)).containsExactly("PATCH TOOL", "PATCH VARIATION");
    assertOperatorRequests(AITool.class, "web-search");
  }

  /**
   * {@code kubectl apply -f examples/} makes the agent graph once its two agent configs are Ready; a UI edit of its
   * edge is reverted with one PATCH carrying the root and every edge; {@code kubectl delete -f examples/}, which
   * deletes the configs before the graph that uses them, leaves nothing in LaunchDarkly.
   */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void theExampleAgentGraphIsCreatedWithItsConfigsRevertedAndDeletedWithThem() {
    List<HasMetadata> applied = Examples.load(server.client()).stream().map(cluster::create).toList();
    applied.forEach(resource -> awaitReadyWithFinalizer((Class<CustomResource>) resource.getClass(), resource.getMetadata().getName()));
    AIAgentGraph created = awaitReadyWithFinalizer(AIAgentGraph.class, "support-flow");
    assertThat(created.getStatus().getRootConfigKey()).isEqualTo("triage-agent");
    assertThat(created.getStatus().getConfigKeys()).containsExactly("support-agent", "triage-agent");
    JsonNode edges = launchDarkly.agentGraph(PROJECT, "support-flow").orElseThrow().path("edges").deepCopy();
    assertThat(edges).singleElement().satisfies(edge -> assertThat(edge.path("targetConfig").asText()).isEqualTo("support-agent"));
    int mark = launchDarkly.calls().size();

    launchDarkly.editAgentGraph(PROJECT, "support-flow", graph ->
        ((ObjectNode) graph.path("edges").get(0)).putObject("handoff").put("reason", "edited in the UI"));

    awaitInLaunchDarkly("the edit reverted",
        () -> launchDarkly.agentGraph(PROJECT, "support-flow").orElseThrow().path("edges").equals(edges));
    String reverted = Timestamps.fromEpochMillis(launchDarkly.agentGraph(PROJECT, "support-flow").orElseThrow().path("updatedAt").asLong());
    await("the revert in the status").atMost(BOUND).until(() -> cluster.get(AIAgentGraph.class, "support-flow"),
        graph -> reverted.equals(graph.getStatus().getUpdatedAt()));
    long listings = launchDarkly.count("GET", Route.AGENT_GRAPHS);
    await("two listings of agent graphs after the revert").atMost(BOUND)
        .until(() -> launchDarkly.count("GET", Route.AGENT_GRAPHS) >= listings + 2);
    assertThat(launchDarklyWritesSince(mark)).containsExactly("PATCH AGENT_GRAPH");
    Call patch = launchDarkly.calls().subList(mark, launchDarkly.calls().size()).stream()
        .filter(call -> "PATCH".equals(call.method())).findFirst().orElseThrow();
    assertThat(patch.headers().get("ld-api-version")).containsExactly("beta");
    JsonNode body = Serialization.unmarshal(patch.requestBody(), JsonNode.class);
    assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("rootConfigKey", "edges");
    assertThat(body.path("rootConfigKey").asText()).isEqualTo("triage-agent");
    assertThat(body.path("edges")).isEqualTo(edges);

    applied.forEach(resource -> cluster.delete(resource.getClass(), resource.getMetadata().getName()));
    cluster.awaitAllGone();
    assertThat(Examples.leftIn(launchDarkly, applied)).isEmpty();

    assertOperatorRequests(AIAgentGraph.class, "support-flow");
    assertThat(events(created)).containsExactly(tuple("Created", "Normal"), tuple("DriftCorrected", "Warning"),
        tuple("Deleted", "Normal"));
  }

  /**
   * {@code kubectl ldai export}, then {@code kubectl apply} of its files against the packaged operator on the real
   * API server: everything is taken over without a write. Then a prompt is edited: {@code kubectl ldai diff}
   * announces one PATCH and exits 2, the operator makes exactly that write once the file is applied, and the diff
   * then finds nothing left to do.
   */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void anExportIsTakenOverWithoutAWriteAndADiffedChangeMakesExactlyTheWriteItAnnounced() throws Exception {
    ObjectNode model = JsonNodeFactory.instance.objectNode().put("key", "e2e-export-model").put("name", "Export model")
        .put("id", "gpt-4o").put("provider", "openai");
    launchDarkly.putModelConfig(PROJECT, model);
    ObjectNode config = JsonNodeFactory.instance.objectNode().put("key", "e2e-export").put("name", "Exported")
        .put("description", "Made in the UI");
    ObjectNode friendly = config.putArray("variations").addObject().put("key", "friendly").put("name", "Friendly")
        .put("modelConfigKey", "e2e-export-model");
    friendly.putArray("messages").addObject().put("role", "system").put("content", "Be kind.\nBe brief.\n");
    launchDarkly.putConfig(PROJECT, config);
    Path exported = WORK.resolve("export");
    KubectlLdai kubectlLdai = new KubectlLdai(WORK.resolve("kubectl-ldai"), launchDarkly.baseUrl());
    KubectlLdai.Result export = kubectlLdai.run(LaunchDarklyStandIn.DEFAULT_TOKEN, "export", "--project", PROJECT,
        "--config", "e2e-export", "--namespace", cluster.namespace(), "--environment", "production", "--out", exported.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();

    List<CustomResource<?, ?>> applied = exportedManifests(exported).stream().<CustomResource<?, ?>>map(cluster::create).toList();
    applied.forEach(resource -> awaitReadyWithFinalizer((Class<CustomResource>) resource.getClass(), resource.getMetadata().getName()));

    assertThat(applied).extracting(HasMetadata::getKind)
        .containsExactly("AIModelConfig", "AIConfig", "AIConfigVariation", "AIConfigTargeting");
    assertThat(launchDarklyWrites()).as("taking an export over writes nothing").isEmpty();

    Path friendlyFile = exported.resolve("aiconfigvariations/e2e-export-friendly.yaml");
    Files.writeString(friendlyFile, Files.readString(friendlyFile).replace("Be brief.", "Be brief, and cite the docs."));
    KubectlLdai.Result diff = kubectlLdai.run(LaunchDarklyStandIn.DEFAULT_TOKEN, "diff", "-f", exported.toString(), "-o", "json");
    assertThat(diff.exitCode()).as(diff.err()).isEqualTo(2);
    List<String> announced = Serialization.unmarshal(diff.out(), JsonNode.class).path("changes").findValues("writes").stream()
        .flatMap(writes -> StreamSupport.stream(writes.spliterator(), false)).map(JsonNode::asText).toList();
    assertThat(announced).containsExactly("PATCH /api/v2/projects/%s/ai-configs/e2e-export/variations/friendly".formatted(PROJECT));
    int mark = launchDarkly.calls().size();

    AIConfigVariation edited = Serialization.jsonMapper().convertValue(Yaml.documents(friendlyFile).get(0), AIConfigVariation.class);
    changeSpec(AIConfigVariation.class, edited.getMetadata().getName(), current -> {
      current.setSpec(edited.getSpec());
      return current;
    });

    awaitInLaunchDarkly("the prompt changed", () ->
        latestVersion("e2e-export", "friendly").at("/messages/0/content").asText().contains("cite the docs"));
    assertThat(launchDarkly.calls().subList(mark, launchDarkly.calls().size()).stream()
        .filter(call -> !"GET".equals(call.method())).map(call -> call.method() + " " + call.path()).toList())
        .containsExactlyElementsOf(announced);
    KubectlLdai.Result after = kubectlLdai.run(LaunchDarklyStandIn.DEFAULT_TOKEN, "diff", "-f", exported.toString());
    assertThat(after.exitCode()).as(after.out() + after.err()).isZero();
  }

  // ---- the operator

  private static Map<String, String> operatorProperties() throws IOException {
    Map<String, String> properties =
        new TreeMap<>(identity.operatorProperties(server, WORK.resolve("EndToEndTest.kubeconfig")));
    properties.put("ldai.launchdarkly.base-url", launchDarkly.baseUrl());
    properties.put("ldai.launchdarkly.api-token", LaunchDarklyStandIn.DEFAULT_TOKEN);
    properties.put("ldai.resync-interval", RESYNC_INTERVAL);
    return properties;
  }

  private static Lease lease() {
    return server.client().leases().inNamespace(cluster.namespace()).withName(identity.leaseName()).get();
  }

  private static String leaseHolder() {
    Lease lease = lease();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  // ---- steps

  private static <S extends CommonStatus, R extends CustomResource<?, S>> R awaitReadyWithFinalizer(
      Class<R> type, String name) {
    R ready = await(name + " Ready at its generation").atMost(BOUND).until(() -> cluster.get(type, name),
        r -> r != null && r.getStatus() != null && r.getStatus().isReadyAt(r.getMetadata().getGeneration()));
    assertThat(ready.getMetadata().getFinalizers()).as("finalizers of %s while it lives", name).contains(Finalizers.NAME);
    return ready;
  }

  private static <S extends CommonStatus, R extends CustomResource<?, S>> void changeSpec(
      Class<R> type, String name, UnaryOperator<R> change) {
    long generation = cluster.edit(type, name, change).getMetadata().getGeneration();
    R ready = awaitReadyWithFinalizer(type, name);
    assertThat(ready.getMetadata().getGeneration()).isEqualTo(generation);
  }

  private static void awaitInLaunchDarkly(String what, Callable<Boolean> condition) {
    await(what).atMost(BOUND).until(condition);
  }

  /**
   * The real server keeps an object with finalizers: it is gone only once the operator has removed its own,
   * after the delete.
   */
  private static void deleteAndAwaitGone(Class<? extends HasMetadata> type, String name) {
    int mark = server.audit().size();
    cluster.delete(type, name);
    await(name + " gone").atMost(BOUND).until(() -> cluster.get(type, name) == null);
    await(name + "'s finalizer removed by the operator").atMost(BOUND).untilAsserted(() ->
        assertThat(server.audit().requestsSince(mark))
            .filteredOn(r -> HasMetadata.getPlural(type).equals(r.resource()) && name.equals(r.name()))
            .filteredOn(r -> r.subresource() == null && "patch".equals(r.verb()))
            .anySatisfy(patch -> {
              assertThat(patch.impersonatedUser()).isEqualTo(identity.user());
              assertThat(patch.body().findValuesAsText("path")).contains("/metadata/finalizers");
            }));
  }

  private static ObjectNode latestVersion(String config, String variation) {
    List<ObjectNode> versions = launchDarkly.variationVersions(PROJECT, config, variation);
    return versions.get(versions.size() - 1);
  }

  /** The key of the variation the production environment serves by default. */
  private static String servedInProduction(String config) {
    JsonNode targeting = launchDarkly.targeting(PROJECT, config).orElseThrow();
    int index = targeting.at("/environments/production/fallthrough/variation").asInt();
    return targeting.path("variations").path(index).at("/value/_ldMeta/variationKey").asText(null);
  }

  private static int variationIndex(String config, String variationKey) {
    JsonNode variations = launchDarkly.targeting(PROJECT, config).orElseThrow().path("variations");
    for (int i = 0; i < variations.size(); i++) {
      if (variationKey.equals(variations.get(i).at("/value/_ldMeta/variationKey").asText())) {
        return i;
      }
    }
    throw new IllegalArgumentException("no variation " + variationKey + " in the targeting of " + config);
  }

  /** The manifests of an export, in its kustomization's order, which is the order their kinds depend on one another. */
  private static List<CustomResource<?, ?>> exportedManifests(Path exported) {
    Map<String, Class<? extends CustomResource<?, ?>>> kinds = Stream.of(AIModelConfig.class, AITool.class, PromptSnippet.class,
            AIConfig.class, AIConfigVariation.class, AIConfigTargeting.class, AIAgentGraph.class)
        .collect(Collectors.toMap(HasMetadata::getKind, Function.identity()));
    List<CustomResource<?, ?>> manifests = new ArrayList<>();
    for (JsonNode file : Yaml.documents(exported.resolve("kustomization.yaml")).get(0).path("resources")) {
      JsonNode manifest = Yaml.documents(exported.resolve(file.asText())).get(0);
      manifests.add(Serialization.jsonMapper().convertValue(manifest, kinds.get(manifest.path("kind").asText())));
    }
    return manifests;
  }

  // ---- what the servers saw

  /** The LaunchDarkly writes since the test began, in order, as {@code METHOD ROUTE}. */
  private List<String> launchDarklyWrites() {
    return launchDarklyWritesSince(callMark);
  }

  private static List<String> launchDarklyWritesSince(int mark) {
    List<Call> calls = launchDarkly.calls();
    return calls.subList(mark, calls.size()).stream().filter(call -> !"GET".equals(call.method()))
        .map(call -> call.method() + " " + call.route()).toList();
  }

  /** The Events about the resource (by its uid) as the server stores them, oldest first, as (reason, type). */
  private static List<Tuple> events(HasMetadata resource) {
    List<Event> events = server.client().events().v1().events().inNamespace(cluster.namespace()).list().getItems()
        .stream().filter(e -> resource.getMetadata().getUid().equals(e.getRegarding().getUid()))
        .sorted(Comparator.comparing(e -> e.getEventTime().getTime())).toList();
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getRegarding().getApiVersion()).isEqualTo(resource.getApiVersion());
      assertThat(e.getRegarding().getKind()).isEqualTo(resource.getKind());
      assertThat(e.getRegarding().getNamespace()).isEqualTo(cluster.namespace());
      assertThat(e.getRegarding().getName()).isEqualTo(resource.getMetadata().getName());
      assertThat(e.getReportingController()).isEqualTo("ldai-operator");
    });
    return events.stream().map(e -> tuple(e.getReason(), e.getType())).toList();
  }

  /**
   * From the audit log: the operator (the impersonated ServiceAccount) was never refused, neither by RBAC nor
   * for a malformed object (an Event's {@code eventTime}, say), and wrote the resource's status only as JSON
   * merge patches of {@code status} on the status subresource.
   */
  private void assertOperatorRequests(Class<? extends HasMetadata> type, String name) {
    List<AuditLog.Request> operatorRequests = server.audit().requestsSince(auditMark).stream()
        .filter(r -> identity.user().equals(r.impersonatedUser())).toList();
    assertThat(operatorRequests).as("requests of the operator refused as forbidden or invalid")
        .filteredOn(r -> r.code() == 400 || r.code() == 403 || r.code() == 422)
        .extracting(AuditLog.Request::verb, AuditLog.Request::resourcePath, AuditLog.Request::name, AuditLog.Request::code)
        .isEmpty();
    List<AuditLog.Request> statusWrites = operatorRequests.stream()
        .filter(r -> HasMetadata.getPlural(type).equals(r.resource()) && name.equals(r.name()))
        .filter(r -> "status".equals(r.subresource()) && !"get".equals(r.verb())).toList();
    assertThat(statusWrites).as("status writes of %s", name).isNotEmpty().allSatisfy(write -> {
      assertThat(write.verb()).isEqualTo("patch");
      assertThat(write.body().isObject()).as("a merge patch, not a JSON patch: %s", write.body()).isTrue();
      assertThat(write.body().fieldNames()).toIterable().containsExactly("status");
    });
  }

  /** The holder of the Lease when the class began renewed it after this test began. */
  private void assertLeaseHeldThroughout() {
    Lease renewed = await("a renewal of the Lease after " + started).atMost(BOUND)
        .until(EndToEndTest::lease, lease -> lease.getSpec().getRenewTime().isAfter(started));
    assertThat(renewed.getSpec().getHolderIdentity()).as("the Lease's holder").isEqualTo(leader);
  }
}
