package dev.ldai.operator.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphEdge;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPage;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPatch;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPost;
import dev.ldai.operator.launchdarkly.ratelimit.RateLimitSettings;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.testing.KubernetesMockServerResource;
import dev.ldai.operator.testing.OperatorRequestCheck;
import dev.ldai.operator.testing.StandInResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's agent graph calls against the stand-in: what one call writes, the next reads; edges replaced
 * by a PATCH, listings without edges and all their pages, refusals; every call carries
 * {@code LD-API-Version: beta} exactly once, and every request conforms to LaunchDarkly's API description.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesMockServerResource.class)
@QuarkusTestResource(StandInResource.class)
class RestLaunchDarklyClientAgentGraphsTest {

  static final String PROJECT = "default";
  static final RateLimitSettings RATE_LIMITS = new RateLimitSettings(4, 1000, Duration.ofSeconds(1), 0);
  static final LdAgentGraphEdge TRIAGE_TO_BILLING = new LdAgentGraphEdge("to-billing", "triage", "billing",
      JsonNodeFactory.instance.objectNode().put("reason", "invoice"));

  static LaunchDarklyStandIn standIn;
  static final OperatorRequestCheck requests = new OperatorRequestCheck();
  LaunchDarklyClient client;

  @BeforeAll
  static void start() {
    standIn = LaunchDarklyStandIn.start();
    requests.watch(standIn);
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  @BeforeEach
  void connect() {
    standIn.reset();
    client = new RestLaunchDarklyClients(standIn.baseUrl(), "20240415", Duration.ofSeconds(5), Duration.ofSeconds(5),
            RATE_LIMITS, Duration.ofMinutes(20), Clock.systemUTC(), new LaunchDarklyMetrics(new SimpleMeterRegistry()))
        .forToken(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN));
    for (String key : List.of("triage", "billing", "refunds")) {
      client.createConfig(PROJECT, new LdAIConfigPost(key, key, null, null, null, null, null, null, null));
    }
  }

  @AfterEach
  void everyRequestConformed() {
    assertThat(requests.refusals()).as("requests LaunchDarkly's API description refuses").isEmpty();
  }

  @Test
  void aGraphIsCreatedReadRewiredListedAndDeleted() {
    LdAgentGraph created = client.createAgentGraph(PROJECT, new LdAgentGraphPost(
        "support", "Support", "The help desk", null, "support-team", "triage", List.of(TRIAGE_TO_BILLING)));
    LdAgentGraph rewired = client.patchAgentGraph(PROJECT, "support", new LdAgentGraphPatch(
        "Help desk", null, null, null, "billing", List.of(new LdAgentGraphEdge("to-refunds", "billing", "refunds", null))));
    LdAgentGraph read = client.getAgentGraph(PROJECT, "support").orElseThrow();
    LdAgentGraphPage page = client.listAgentGraphs(PROJECT, 10, 0);

    assertThat(created.edges()).containsExactly(TRIAGE_TO_BILLING);
    assertThat(created.rootConfigKey()).isEqualTo("triage");
    assertThat(created.description()).isEqualTo("The help desk");
    assertThat(created.maintainer().path("key").asText()).isEqualTo("support-team");
    assertThat(rewired.updatedAt()).isGreaterThan(created.updatedAt());
    assertThat(read.name()).isEqualTo("Help desk");
    assertThat(read.rootConfigKey()).isEqualTo("billing");
    assertThat(read.edges()).containsExactly(new LdAgentGraphEdge("to-refunds", "billing", "refunds", null));
    assertThat(read.createdAt()).isEqualTo(created.createdAt());
    assertThat(page.totalCount()).isEqualTo(1);
    assertThat(page.items()).singleElement().satisfies(listed -> {
      assertThat(listed.key()).isEqualTo("support");
      assertThat(listed.edges()).as("a listing leaves the edges out").isNull();
    });
    assertThat(client.deleteAgentGraph(PROJECT, "support")).isTrue();
    assertThat(client.getAgentGraph(PROJECT, "support")).isEmpty();
    assertThat(client.deleteAgentGraph(PROJECT, "support")).isFalse();
  }

  @Test
  void everyAgentGraphCallCarriesLdApiVersionBetaExactlyOnceAndOtherCallsTheConfiguredVersion() {
    client.createAgentGraph(PROJECT, new LdAgentGraphPost("support", "Support", null, null, null, null, null));
    client.listAgentGraphs(PROJECT, 10, 0);
    client.getAgentGraph(PROJECT, "support");
    client.patchAgentGraph(PROJECT, "support", new LdAgentGraphPatch("S", null, null, null, null, null));
    client.deleteAgentGraph(PROJECT, "support");
    client.getConfig(PROJECT, "triage");

    List<Call> graphCalls = standIn.calls().stream()
        .filter(call -> call.route() == Route.AGENT_GRAPHS || call.route() == Route.AGENT_GRAPH).toList();
    assertThat(graphCalls).extracting(Call::method).containsExactly("POST", "GET", "GET", "PATCH", "DELETE");
    assertThat(graphCalls).allSatisfy(call -> {
      assertThat(call.headers().get("ld-api-version")).isEqualTo(List.of("beta"));
      assertThat(call.apiVersion()).isEqualTo("beta");
      assertThat(call.status()).isLessThan(300);
    });
    assertThat(standIn.calls()).filteredOn(call -> call.route() == Route.CONFIG)
        .singleElement().satisfies(call -> assertThat(call.headers().get("ld-api-version")).isEqualTo(List.of("20240415")));
  }

  @Test
  void allGraphsAreReadPageByPage() {
    IntStream.range(0, LaunchDarklyClient.PAGE_SIZE + 5).forEach(i -> standIn.putAgentGraph(PROJECT,
        JsonNodeFactory.instance.objectNode().put("key", "graph-" + i).put("name", "Graph " + i)));

    List<LdAgentGraph> all = client.listAllAgentGraphs(PROJECT);

    assertThat(all).hasSize(LaunchDarklyClient.PAGE_SIZE + 5);
    assertThat(all).extracting(LdAgentGraph::key).doesNotHaveDuplicates();
    assertThat(standIn.count("GET", Route.AGENT_GRAPHS)).isEqualTo(2);
  }

  @Test
  void refusalsAreLaunchDarklyExceptions() {
    client.createAgentGraph(PROJECT, new LdAgentGraphPost("support", "Support", null, null, null, null, null));

    LaunchDarklyException duplicate = catchThrowableOfType(LaunchDarklyException.class,
        () -> client.createAgentGraph(PROJECT, new LdAgentGraphPost("support", "Again", null, null, null, null, null)));
    LaunchDarklyException unknownConfig = catchThrowableOfType(LaunchDarklyException.class,
        () -> client.patchAgentGraph(PROJECT, "support", new LdAgentGraphPatch(null, null, null, null, "triage",
            List.of(new LdAgentGraphEdge("e", "triage", "nobody", null)))));
    LaunchDarklyException inUse = catchThrowableOfType(LaunchDarklyException.class, () -> {
      client.patchAgentGraph(PROJECT, "support",
          new LdAgentGraphPatch(null, null, null, null, "triage", List.of(TRIAGE_TO_BILLING)));
      client.deleteConfig(PROJECT, "billing");
    });

    assertThat(duplicate.httpStatus()).isEqualTo(409);
    assertThat(unknownConfig.httpStatus()).isEqualTo(400);
    assertThat(unknownConfig.apiMessage()).contains("nobody");
    assertThat(inUse.httpStatus()).isEqualTo(400);
    assertThat(inUse.apiMessage()).contains("support");
  }

  @Test
  void aRootConfigAndEdgesGoTogetherInEveryBody() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LdAgentGraphPost("g", "G", null, null, null, "triage", null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LdAgentGraphPatch(null, null, null, null, null, List.of()));
  }
}
