package dev.ldai.operator.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's agent graphs: {@code LD-API-Version: beta} exactly once, created with or without a root
 * config and edges (both or neither), the configs they name checked, edges replaced by a PATCH, listings
 * without edges, configs a graph uses kept from deletion and showing the graph as a dependency, and the test
 * hooks and faults.
 */
class StandInAgentGraphsTest extends StandInOverHttp {

  static final String CONFIGS = "/api/v2/projects/default/ai-configs";
  static final String GRAPHS = "/api/v2/projects/default/agent-graphs";
  /** The fields of a graph body rooted at triage with one edge to billing. */
  static final String TRIAGE_TO_BILLING = "\"rootConfigKey\":\"triage\",\"edges\":[{\"key\":\"to-billing\","
      + "\"sourceConfig\":\"triage\",\"targetConfig\":\"billing\",\"handoff\":{\"reason\":\"invoice\"}}]";

  StandInHttp beta;

  @BeforeEach
  void configsAndABetaClient() {
    beta = http.withApiVersions("beta");
    for (String key : List.of("triage", "billing", "refunds")) {
      assertThat(http.post(CONFIGS, "{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}").status()).isEqualTo(201);
    }
  }

  @Test
  void aGraphCreatedWithItsRootAndEdgesIsReadWithThemAndListedWithout() {
    StandInHttp.Answer created = beta.post(GRAPHS, "{\"key\":\"support\",\"name\":\"Support\",\"description\":\"Desk\","
        + TRIAGE_TO_BILLING + "}");
    JsonNode read = beta.get(GRAPHS + "/support").json();
    JsonNode listed = beta.get(GRAPHS).json();

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("createdAt").asLong()).isPositive()
        .isEqualTo(created.json().path("updatedAt").asLong());
    assertThat(created.json().has("version")).as("a graph has no version").isFalse();
    assertThat(read.path("rootConfigKey").asText()).isEqualTo("triage");
    assertThat(read.path("edges")).hasSize(1);
    JsonNode edge = read.path("edges").get(0);
    assertThat(edge.path("key").asText()).isEqualTo("to-billing");
    assertThat(edge.path("sourceConfig").asText()).isEqualTo("triage");
    assertThat(edge.path("targetConfig").asText()).isEqualTo("billing");
    assertThat(edge.path("handoff").path("reason").asText()).isEqualTo("invoice");
    assertThat(listed.path("totalCount").asInt()).isEqualTo(1);
    JsonNode item = listed.path("items").get(0);
    assertThat(item.path("key").asText()).isEqualTo("support");
    assertThat(item.path("description").asText()).isEqualTo("Desk");
    assertThat(item.has("edges")).as("a listing leaves the edges out").isFalse();
  }

  @Test
  void aGraphCreatedWithoutARootHasItsMetadataOnly() {
    StandInHttp.Answer created = beta.post(GRAPHS, "{\"key\":\"draft\",\"name\":\"Draft\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().has("rootConfigKey")).isFalse();
    assertThat(created.json().path("edges")).isEmpty();
  }

  @Test
  void theRoutesTakeLdApiVersionBetaExactlyOnce() {
    StandInHttp.Answer missing = http.withApiVersions().get(GRAPHS);
    StandInHttp.Answer twice = http.withApiVersions("beta", "beta").get(GRAPHS);
    StandInHttp.Answer dated = http.get(GRAPHS);
    StandInHttp.Answer datedAndBeta = http.withApiVersions("20240415", "beta").post(GRAPHS, "{\"key\":\"g\",\"name\":\"G\"}");
    StandInHttp.Answer once = beta.get(GRAPHS);

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("message").asText()).isEqualTo("lDAPIVersion is required");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().path("message").asText()).isEqualTo("Too many values for parameter LD-API-Version");
    assertThat(dated.status()).isEqualTo(400);
    assertThat(dated.json().path("message").asText()).contains("20240415", "beta");
    assertThat(datedAndBeta.status()).isEqualTo(400);
    assertThat(standIn.agentGraph("default", "g")).as("not created").isEmpty();
    assertThat(once.status()).isEqualTo(200);
    assertThat(standIn.calls()).filteredOn(call -> call.route() == Route.AGENT_GRAPHS)
        .extracting(call -> call.headers().getOrDefault("ld-api-version", List.of()))
        .containsExactly(List.of(), List.of("beta", "beta"), List.of("20240415"), List.of("20240415", "beta"),
            List.of("beta"));
    assertThat(http.withApiVersions().get(CONFIGS).status()).as("other routes do without the header").isEqualTo(200);
  }

  @Test
  void aBodyIsCheckedAgainstTheRequestSchemaAndADuplicateKeyIs409() {
    StandInHttp.Answer noName = beta.post(GRAPHS, "{\"key\":\"g\"}");
    StandInHttp.Answer edgeWithoutTarget = beta.post(GRAPHS, "{\"key\":\"g\",\"name\":\"G\",\"rootConfigKey\":\"triage\","
        + "\"edges\":[{\"key\":\"e\",\"sourceConfig\":\"triage\"}]}");
    StandInHttp.Answer handoffNotAnObject = beta.post(GRAPHS, "{\"key\":\"g\",\"name\":\"G\",\"rootConfigKey\":\"triage\","
        + "\"edges\":[{\"key\":\"e\",\"sourceConfig\":\"triage\",\"targetConfig\":\"billing\",\"handoff\":\"x\"}]}");
    StandInHttp.Answer withoutHandoff = beta.post(GRAPHS, "{\"key\":\"g\",\"name\":\"G\",\"rootConfigKey\":\"triage\","
        + "\"edges\":[{\"key\":\"e\",\"sourceConfig\":\"triage\",\"targetConfig\":\"billing\"}]}");
    StandInHttp.Answer duplicate = beta.post(GRAPHS, "{\"key\":\"g\",\"name\":\"Again\"}");

    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.json().path("message").asText()).isEqualTo("name is required");
    assertThat(edgeWithoutTarget.status()).isEqualTo(400);
    assertThat(edgeWithoutTarget.json().path("message").asText()).isEqualTo("edges[0].targetConfig is required");
    assertThat(handoffNotAnObject.status()).isEqualTo(400);
    assertThat(withoutHandoff.status()).as("handoff is optional").isEqualTo(201);
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().path("code").asText()).isEqualTo("conflict");
  }

  @Test
  void aRootAndEdgesComeTogetherAndNameConfigsOfTheProject() {
    beta.post(GRAPHS, "{\"key\":\"support\",\"name\":\"Support\"}");

    StandInHttp.Answer rootAlone = beta.post(GRAPHS, "{\"key\":\"g\",\"name\":\"G\",\"rootConfigKey\":\"triage\"}");
    StandInHttp.Answer edgesAlone = beta.post(GRAPHS, "{\"key\":\"g\",\"name\":\"G\",\"edges\":[]}");
    StandInHttp.Answer missingRoot = beta.post(GRAPHS, "{\"key\":\"g\",\"name\":\"G\",\"rootConfigKey\":\"nobody\","
        + "\"edges\":[]}");
    StandInHttp.Answer missingTarget = beta.post(GRAPHS, "{\"key\":\"g\",\"name\":\"G\",\"rootConfigKey\":\"triage\","
        + "\"edges\":[{\"key\":\"e\",\"sourceConfig\":\"triage\",\"targetConfig\":\"nobody\"}]}");
    StandInHttp.Answer patchRootAlone = beta.patch(GRAPHS + "/support", "{\"rootConfigKey\":\"triage\"}");
    StandInHttp.Answer patchEdgesAlone = beta.patch(GRAPHS + "/support", "{\"edges\":[]}");

    assertThat(List.of(rootAlone, edgesAlone, patchRootAlone, patchEdgesAlone))
        .allSatisfy(answer -> {
          assertThat(answer.status()).isEqualTo(400);
          assertThat(answer.json().path("message").asText()).contains("rootConfigKey and edges");
        });
    assertThat(missingRoot.status()).isEqualTo(400);
    assertThat(missingRoot.json().path("message").asText()).contains("nobody");
    assertThat(missingTarget.status()).isEqualTo(400);
    assertThat(missingTarget.json().path("message").asText()).contains("nobody");
    assertThat(standIn.agentGraph("default", "g")).isEmpty();
    assertThat(standIn.agentGraph("default", "support").orElseThrow().has("rootConfigKey")).isFalse();
  }

  @Test
  void aPatchReplacesTheEdgesAndMovesUpdatedAt() {
    JsonNode created = beta.post(GRAPHS, "{\"key\":\"support\",\"name\":\"Support\"," + TRIAGE_TO_BILLING + "}")
        .json();
    StandInHttp.Answer renamed = beta.patch(GRAPHS + "/support", "{\"name\":\"Help desk\"}");
    StandInHttp.Answer rewired = beta.patch(GRAPHS + "/support", "{\"rootConfigKey\":\"billing\",\"edges\":["
        + "{\"key\":\"to-refunds\",\"sourceConfig\":\"billing\",\"targetConfig\":\"refunds\"}]}");
    JsonNode read = beta.get(GRAPHS + "/support").json();

    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().path("edges")).as("untouched by a PATCH without edges").hasSize(1);
    assertThat(rewired.status()).isEqualTo(200);
    assertThat(read.path("name").asText()).isEqualTo("Help desk");
    assertThat(read.path("rootConfigKey").asText()).isEqualTo("billing");
    assertThat(read.path("edges")).extracting(edge -> edge.path("key").asText()).containsExactly("to-refunds");
    assertThat(read.path("createdAt").asLong()).isEqualTo(created.path("createdAt").asLong());
    assertThat(renamed.json().path("updatedAt").asLong()).isGreaterThan(created.path("updatedAt").asLong());
    assertThat(read.path("updatedAt").asLong()).isGreaterThan(renamed.json().path("updatedAt").asLong());
  }

  @Test
  void aDeletedGraphIsGoneAndASecondDeleteIs404() {
    beta.post(GRAPHS, "{\"key\":\"support\",\"name\":\"Support\"}");

    StandInHttp.Answer deleted = beta.delete(GRAPHS + "/support");

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(beta.get(GRAPHS + "/support").status()).isEqualTo(404);
    assertThat(beta.delete(GRAPHS + "/support").status()).isEqualTo(404);
    assertThat(beta.patch(GRAPHS + "/support", "{\"name\":\"X\"}").status()).isEqualTo(404);
  }

  @Test
  void aConfigAGraphUsesIsNotDeletedAndShowsTheGraphAsADependency() {
    beta.post(GRAPHS, "{\"key\":\"support\",\"name\":\"Support\"," + TRIAGE_TO_BILLING + "}");

    StandInHttp.Answer deleteRoot = http.delete(CONFIGS + "/triage");
    StandInHttp.Answer deleteTarget = http.delete(CONFIGS + "/billing");
    JsonNode billing = http.get(CONFIGS + "/billing").json();
    JsonNode refunds = http.get(CONFIGS + "/refunds").json();
    beta.delete(GRAPHS + "/support");

    assertThat(deleteRoot.status()).isEqualTo(400);
    assertThat(deleteRoot.json().path("message").asText()).contains("agent graph support");
    assertThat(deleteTarget.status()).isEqualTo(400);
    assertThat(billing.path("dependencies")).hasSize(1);
    assertThat(billing.path("dependencies").get(0).path("type").asText()).isEqualTo("agent-graph");
    assertThat(billing.path("dependencies").get(0).path("key").asText()).isEqualTo("support");
    assertThat(refunds.has("dependencies")).as("used by no graph").isFalse();
    assertThat(http.get(CONFIGS + "/billing").json().has("dependencies")).isFalse();
    assertThat(http.delete(CONFIGS + "/triage").status()).isEqualTo(204);
  }

  @Test
  void theListingIsPaged() {
    for (String key : List.of("a", "b", "c")) {
      beta.post(GRAPHS, "{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}");
    }

    JsonNode second = beta.get(GRAPHS + "?limit=2&offset=2").json();

    assertThat(second.path("totalCount").asInt()).isEqualTo(3);
    assertThat(second.path("items")).extracting(item -> item.path("key").asText()).containsExactly("c");
  }

  @Test
  void seededAndEditedGraphsAreServedAndResetClearsThem() {
    ObjectNode seed = StandInHttp.JSON.createObjectNode().put("key", "seeded").put("name", "Seeded")
        .put("rootConfigKey", "triage").put("updatedAt", 1000L);
    standIn.putAgentGraph("default", seed);
    standIn.editAgentGraph("default", "seeded", graph -> graph.put("name", "Edited in the UI"));

    JsonNode read = beta.get(GRAPHS + "/seeded").json();

    assertThat(read.path("name").asText()).isEqualTo("Edited in the UI");
    assertThat(read.path("edges")).isEmpty();
    assertThat(read.path("updatedAt").asLong()).isGreaterThan(1000L);
    assertThat(standIn.agentGraph("default", "seeded")).contains((ObjectNode) read);
    standIn.reset();
    assertThat(standIn.agentGraph("default", "seeded")).isEmpty();
  }

  @Test
  void faultsAreInjectedOnTheGraphRoutes() {
    beta.post(GRAPHS, "{\"key\":\"support\",\"name\":\"Support\"}");
    standIn.failNext(Route.AGENT_GRAPH, "GET", 503, "service_unavailable", "maintenance", 1);

    StandInHttp.Answer failed = beta.get(GRAPHS + "/support");
    StandInHttp.Answer next = beta.get(GRAPHS + "/support");

    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.json().path("message").asText()).isEqualTo("maintenance");
    assertThat(next.status()).isEqualTo(200);
    assertThat(standIn.faultsInjected()).containsEntry("5xx", 1L);
  }
}
