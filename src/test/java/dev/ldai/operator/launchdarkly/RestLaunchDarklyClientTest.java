package dev.ldai.operator.launchdarkly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPage;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAIToolPage;
import dev.ldai.operator.launchdarkly.api.LdAIToolPatch;
import dev.ldai.operator.launchdarkly.api.LdAIToolPost;
import dev.ldai.operator.launchdarkly.api.LdMessage;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPage;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPatch;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPost;
import dev.ldai.operator.launchdarkly.api.LdSnippetReference;
import dev.ldai.operator.launchdarkly.api.LdSnippetReferences;
import dev.ldai.operator.launchdarkly.api.LdToolReference;
import dev.ldai.operator.launchdarkly.api.LdToolReferences;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import dev.ldai.operator.launchdarkly.api.LdVariationVersions;
import dev.ldai.operator.launchdarkly.ratelimit.RateLimitSettings;
import dev.ldai.operator.launchdarkly.ratelimit.ThrottledException;
import dev.ldai.operator.testing.KubernetesMockServerResource;
import dev.ldai.operator.testing.ManualClock;
import dev.ldai.operator.testing.StandInResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client against canned LaunchDarkly answers: headers, paths, bodies and error translation. */
@QuarkusTest
@QuarkusTestResource(KubernetesMockServerResource.class)
@QuarkusTestResource(StandInResource.class)
class RestLaunchDarklyClientTest {

  static final String TOKEN = "api-11111111-2222-3333-4444-555555555555";
  static final String BASE = "/api/v2/projects/proj/ai-configs";
  static final String TOOLS = "/api/v2/projects/proj/ai-tools";
  static final String SNIPPETS = BASE + "/prompt-snippets";
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
  static final RateLimitSettings RATE_LIMITS = new RateLimitSettings(4, 1000, Duration.ofSeconds(1), 0);

  WireMockServer wireMock;
  SimpleMeterRegistry registry;
  LaunchDarklyMetrics metrics;
  LaunchDarklyClient client;

  @BeforeEach
  void start() {
    wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wireMock.start();
    registry = new SimpleMeterRegistry();
    metrics = new LaunchDarklyMetrics(registry);
    client = clientWithApiVersion("20240415");
  }

  @AfterEach
  void stop() {
    wireMock.stop();
  }

  private LaunchDarklyClient clientWithApiVersion(String apiVersion) {
    return new RestLaunchDarklyClients(
            wireMock.baseUrl(), apiVersion, Duration.ofSeconds(2), Duration.ofSeconds(2), RATE_LIMITS, Duration.ofMinutes(20),
            CLOCK, metrics)
        .forToken(ApiToken.of(TOKEN));
  }

  @Test
  void everyCallCarriesTheRawTokenTheApiVersionAndAUserAgent() {
    wireMock.stubFor(get(urlEqualTo(BASE + "/bot")).willReturn(json(200, configJson())));

    client.getConfig("proj", "bot");
    clientWithApiVersion("beta").getConfig("proj", "bot");

    wireMock.verify(getRequestedFor(urlEqualTo(BASE + "/bot"))
        .withHeader("Authorization", equalTo(TOKEN))
        .withHeader("LD-API-Version", equalTo("20240415"))
        .withHeader("User-Agent", equalTo("ldai-operator/0.1")));
    wireMock.verify(getRequestedFor(urlEqualTo(BASE + "/bot")).withHeader("LD-API-Version", equalTo("beta")));
  }

  @Test
  void configsAreReadToleratingFieldsTheClientDoesNotKnow() {
    wireMock.stubFor(get(urlEqualTo(BASE + "/bot")).willReturn(json(200, configJson())));

    LdAIConfig config = client.getConfig("proj", "bot").orElseThrow();

    assertThat(config.key()).isEqualTo("bot");
    assertThat(config.version()).isEqualTo(3);
    assertThat(config.createdAt()).isEqualTo(1_700_000_000_000L);
    assertThat(config.maintainer().path("_id").asText()).isEqualTo("m-1");
    assertThat(config.variations()).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo("abc123");
      assertThat(v.publishedAt()).isEqualTo(1_700_000_000_500L);
      assertThat(v.model().path("modelName").asText()).isEqualTo("gpt-4o");
    });
    assertThat(config.links()).containsKey("self");
  }

  @Test
  void listingPassesLimitAndOffset() {
    wireMock.stubFor(get(urlPathEqualTo(BASE)).willReturn(json(200,
        "{\"items\":[" + configJson() + "],\"totalCount\":101,\"_links\":{\"self\":{\"href\":\"x\",\"type\":\"application/json\"}}}")));

    LdAIConfigPage page = client.listConfigs("proj", 100, 100);

    assertThat(page.totalCount()).isEqualTo(101);
    assertThat(page.items()).hasSize(1);
    wireMock.verify(getRequestedFor(urlEqualTo(BASE + "?limit=100&offset=100")));
  }

  @Test
  void writesSendOnlyTheFieldsThatAreSet() {
    wireMock.stubFor(post(urlEqualTo(BASE)).willReturn(json(201, configJson())));
    wireMock.stubFor(patch(urlEqualTo(BASE + "/bot")).willReturn(json(200, configJson())));
    wireMock.stubFor(post(urlEqualTo(BASE + "/bot/variations")).willReturn(json(201, variationJson())));
    wireMock.stubFor(patch(urlEqualTo(BASE + "/bot/variations/v1")).willReturn(json(200, variationJson())));
    wireMock.stubFor(post(urlEqualTo(BASE + "/model-configs")).willReturn(json(200, modelJson())));

    client.createConfig("proj", new LdAIConfigPost("bot", "Bot", null, "completion", List.of("a"), null, null, null, null));
    client.patchConfig("proj", "bot", new LdAIConfigPatch(null, "new description", null, null, null, null, null));
    client.createVariation("proj", "bot", new LdVariationPost("v1", "V1", List.of(new LdMessage("system", "Be brief")),
        JsonNodeFactory.instance.objectNode().put("modelName", "gpt-4o"), null, null, null, null, null, null));
    client.patchVariation("proj", "bot", "v1", new LdVariationPatch(null, null, null, null, null, null, "Act", null, null, null));
    client.createModelConfig("proj", new LdModelConfigPost("m", "M", "gpt-4o", null, "openai", null, null, null, 0.5, null, null));

    wireMock.verify(postRequestedFor(urlEqualTo(BASE)).withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"key\":\"bot\",\"name\":\"Bot\",\"mode\":\"completion\",\"tags\":[\"a\"]}")));
    wireMock.verify(patchRequestedFor(urlEqualTo(BASE + "/bot"))
        .withRequestBody(equalToJson("{\"description\":\"new description\"}")));
    wireMock.verify(postRequestedFor(urlEqualTo(BASE + "/bot/variations")).withRequestBody(equalToJson(
        "{\"key\":\"v1\",\"name\":\"V1\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"}],\"model\":{\"modelName\":\"gpt-4o\"}}")));
    wireMock.verify(patchRequestedFor(urlEqualTo(BASE + "/bot/variations/v1"))
        .withRequestBody(equalToJson("{\"instructions\":\"Act\"}")));
    wireMock.verify(postRequestedFor(urlEqualTo(BASE + "/model-configs"))
        .withRequestBody(equalToJson("{\"key\":\"m\",\"name\":\"M\",\"id\":\"gpt-4o\",\"provider\":\"openai\",\"costPerInputToken\":0.5}")));
  }

  @Test
  void variationsAndModelConfigsAreRead() {
    wireMock.stubFor(get(urlEqualTo(BASE + "/bot/variations/v1")).willReturn(json(200,
        "{\"items\":[" + variationJson() + "],\"totalCount\":4}")));
    wireMock.stubFor(get(urlEqualTo(BASE + "/model-configs")).willReturn(json(200, "[" + modelJson() + "]")));
    wireMock.stubFor(get(urlEqualTo(BASE + "/model-configs/m")).willReturn(json(200, modelJson())));

    LdVariationVersions versions = client.getVariation("proj", "bot", "v1").orElseThrow();
    List<LdModelConfig> models = client.listModelConfigs("proj");
    LdModelConfig model = client.getModelConfig("proj", "m").orElseThrow();

    assertThat(versions.totalCount()).isEqualTo(4);
    assertThat(versions.items()).extracting(LdVariation::version).containsExactly(4);
    assertThat(models).extracting(LdModelConfig::key).containsExactly("m");
    assertThat(model.global()).isFalse();
    assertThat(model.params().path("temperature").asDouble()).isEqualTo(0.3);
  }

  @Test
  void toolAndSnippetWritesUseTheirPathsAndSendTheSchemaAsWritten() {
    wireMock.stubFor(post(urlEqualTo(TOOLS)).willReturn(json(201, toolJson())));
    wireMock.stubFor(patch(urlEqualTo(TOOLS + "/search")).willReturn(json(200, toolJson())));
    wireMock.stubFor(post(urlEqualTo(SNIPPETS)).willReturn(json(201, snippetJson())));
    wireMock.stubFor(patch(urlEqualTo(SNIPPETS + "/brand-voice")).willReturn(json(200, snippetJson())));
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string").put("maxLength", 200);

    LdAITool created = client.createTool("proj",
        new LdAIToolPost("search", "Searches the web", schema, null, List.of("a"), null, "support"));
    client.patchTool("proj", "search", new LdAIToolPatch(null, null, JsonNodeFactory.instance.objectNode().put("timeoutMs", 500),
        null, null, null));
    LdPromptSnippet snippet = client.createPromptSnippet("proj",
        new LdPromptSnippetPost("brand-voice", "Brand voice", null, "Be warm.", null, "m-1", null));
    client.patchPromptSnippet("proj", "brand-voice", new LdPromptSnippetPatch(null, null, "Be warmer.", null, null, null));

    wireMock.verify(postRequestedFor(urlEqualTo(TOOLS)).withRequestBody(equalToJson(
        "{\"key\":\"search\",\"description\":\"Searches the web\",\"schema\":{\"type\":\"object\",\"properties\":"
            + "{\"query\":{\"type\":\"string\",\"maxLength\":200}}},\"tags\":[\"a\"],\"maintainerTeamKey\":\"support\"}")));
    wireMock.verify(patchRequestedFor(urlEqualTo(TOOLS + "/search"))
        .withRequestBody(equalToJson("{\"customParameters\":{\"timeoutMs\":500}}")));
    wireMock.verify(postRequestedFor(urlEqualTo(SNIPPETS)).withRequestBody(equalToJson(
        "{\"key\":\"brand-voice\",\"name\":\"Brand voice\",\"text\":\"Be warm.\",\"maintainerId\":\"m-1\"}")));
    wireMock.verify(patchRequestedFor(urlEqualTo(SNIPPETS + "/brand-voice")).withRequestBody(equalToJson("{\"text\":\"Be warmer.\"}")));
    assertThat(created.schema().path("properties").path("query").path("maxLength").asInt()).isEqualTo(200);
    assertThat(created.customParameters().path("region").asText()).isEqualTo("eu");
    assertThat(created.version()).isEqualTo(2);
    assertThat(created.maintainer().path("key").asText()).isEqualTo("support");
    assertThat(snippet.text()).isEqualTo("Use {{snippet.tone#1}} always.");
    assertThat(snippet.tags()).containsExactly("x");
  }

  @Test
  void toolAndSnippetVersionsAndReferencesAreReadAPageAtATime() {
    wireMock.stubFor(get(urlPathEqualTo(TOOLS + "/search/versions")).willReturn(json(200,
        "{\"items\":[" + toolJson() + "],\"totalCount\":2}")));
    wireMock.stubFor(get(urlPathEqualTo(SNIPPETS + "/brand-voice/versions")).willReturn(json(200,
        "{\"items\":[" + snippetJson() + "],\"totalCount\":5}")));
    wireMock.stubFor(get(urlPathEqualTo(TOOLS + "/search/references")).willReturn(json(200, """
        {"resourceKey":"search","resourceType":"ai-tool","totalCount":1,"items":[{"aiConfigKey":"bot","aiConfigName":"Bot",
         "variationId":"abc","variationKey":"v1","variationName":"V1","toolVersion":2}]}""")));
    wireMock.stubFor(get(urlPathEqualTo(SNIPPETS + "/brand-voice/references")).willReturn(json(200, """
        {"resourceKey":"brand-voice","resourceType":"prompt-snippet","totalCount":1,"items":[{"aiConfigKey":"bot",
         "aiConfigName":"Bot","variationId":"abc","variationKey":"v1","variationName":"V1","resourceVersion":4}]}""")));

    LdAIToolPage toolVersions = client.listToolVersions("proj", "search", 10, 0).orElseThrow();
    LdPromptSnippetPage snippetVersions = client.listPromptSnippetVersions("proj", "brand-voice", 10, 5).orElseThrow();
    LdToolReferences toolReferences = client.listToolReferences("proj", "search", 20, 0).orElseThrow();
    LdSnippetReferences snippetReferences = client.listPromptSnippetReferences("proj", "brand-voice", 20, 0).orElseThrow();

    assertThat(toolVersions.totalCount()).isEqualTo(2);
    assertThat(toolVersions.items()).extracting(LdAITool::version).containsExactly(2);
    assertThat(snippetVersions.items()).extracting(LdPromptSnippet::key).containsExactly("brand-voice");
    assertThat(toolReferences.items()).containsExactly(new LdToolReference("bot", "Bot", "abc", "v1", "V1", 2));
    assertThat(snippetReferences.resourceType()).isEqualTo("prompt-snippet");
    assertThat(snippetReferences.items()).containsExactly(new LdSnippetReference("bot", "Bot", "abc", "v1", "V1", 4));
    wireMock.verify(getRequestedFor(urlEqualTo(TOOLS + "/search/versions?limit=10&offset=0")));
    wireMock.verify(getRequestedFor(urlEqualTo(SNIPPETS + "/brand-voice/versions?limit=10&offset=5")));
  }

  @Test
  void everyPageOfToolsSnippetsAndReferencesIsRead() {
    wireMock.stubFor(get(urlEqualTo(TOOLS + "?limit=100&offset=0")).willReturn(json(200,
        "{\"items\":[" + toolJson() + "," + toolJson() + "],\"totalCount\":3}")));
    wireMock.stubFor(get(urlEqualTo(TOOLS + "?limit=100&offset=2")).willReturn(json(200,
        "{\"items\":[" + toolJson() + "],\"totalCount\":3}")));
    wireMock.stubFor(get(urlEqualTo(SNIPPETS + "?limit=100&offset=0")).willReturn(json(200,
        "{\"items\":[" + snippetJson() + "],\"totalCount\":1}")));
    wireMock.stubFor(get(urlEqualTo(TOOLS + "/search/references?limit=100&offset=0")).willReturn(json(200,
        "{\"resourceKey\":\"search\",\"resourceType\":\"ai-tool\",\"items\":[{\"aiConfigKey\":\"a\",\"toolVersion\":1}],"
            + "\"totalCount\":2}")));
    wireMock.stubFor(get(urlEqualTo(TOOLS + "/search/references?limit=100&offset=1")).willReturn(json(200,
        "{\"resourceKey\":\"search\",\"resourceType\":\"ai-tool\",\"items\":[{\"aiConfigKey\":\"b\",\"toolVersion\":2}],"
            + "\"totalCount\":2}")));
    wireMock.stubFor(get(urlPathEqualTo(SNIPPETS + "/gone/references")).willReturn(json(404,
        "{\"code\":\"not_found\",\"message\":\"Unknown\"}")));

    assertThat(client.listAllTools("proj")).hasSize(3);
    assertThat(client.listAllPromptSnippets("proj")).hasSize(1);
    assertThat(client.listAllToolReferences("proj", "search").orElseThrow())
        .extracting(LdToolReference::aiConfigKey).containsExactly("a", "b");
    assertThat(client.listAllPromptSnippetReferences("proj", "gone")).isEmpty();
    wireMock.verify(2, getRequestedFor(urlPathEqualTo(TOOLS)));
  }

  @Test
  void aToolOrSnippetLaunchDarklyDoesNotHaveIsEmptyForReadsAndFalseForDeletes() {
    String notFound = "{\"code\":\"not_found\",\"message\":\"Unknown\"}";
    wireMock.stubFor(get(urlPathEqualTo(TOOLS + "/gone")).willReturn(json(404, notFound)));
    wireMock.stubFor(get(urlPathEqualTo(TOOLS + "/gone/versions")).willReturn(json(404, notFound)));
    wireMock.stubFor(get(urlPathEqualTo(TOOLS + "/gone/references")).willReturn(json(404, notFound)));
    wireMock.stubFor(delete(urlEqualTo(TOOLS + "/gone")).willReturn(json(404, notFound)));
    wireMock.stubFor(delete(urlEqualTo(TOOLS + "/search")).willReturn(aResponse().withStatus(204)));
    wireMock.stubFor(get(urlPathEqualTo(SNIPPETS + "/gone")).willReturn(json(404, notFound)));
    wireMock.stubFor(get(urlPathEqualTo(SNIPPETS + "/gone/versions")).willReturn(json(404, notFound)));
    wireMock.stubFor(delete(urlEqualTo(SNIPPETS + "/gone")).willReturn(json(404, notFound)));
    wireMock.stubFor(delete(urlEqualTo(SNIPPETS + "/brand-voice")).willReturn(aResponse().withStatus(204)));

    assertThat(client.getTool("proj", "gone")).isEmpty();
    assertThat(client.listToolVersions("proj", "gone", 10, 0)).isEmpty();
    assertThat(client.listToolReferences("proj", "gone", 10, 0)).isEmpty();
    assertThat(client.deleteTool("proj", "gone")).isFalse();
    assertThat(client.deleteTool("proj", "search")).isTrue();
    assertThat(client.getPromptSnippet("proj", "gone")).isEmpty();
    assertThat(client.listPromptSnippetVersions("proj", "gone", 10, 0)).isEmpty();
    assertThat(client.deletePromptSnippet("proj", "gone")).isFalse();
    assertThat(client.deletePromptSnippet("proj", "brand-voice")).isTrue();
  }

  @Test
  void toolAndSnippetErrorsAreClassifiedAndMeasuredByTheirRoutes() {
    wireMock.stubFor(post(urlEqualTo(TOOLS)).willReturn(json(409, "{\"code\":\"conflict\",\"message\":\"exists\"}")));
    wireMock.stubFor(patch(urlEqualTo(SNIPPETS + "/brand-voice")).willReturn(json(400,
        "{\"code\":\"invalid_request\",\"message\":\"text: expected a string\"}")));
    wireMock.stubFor(get(urlEqualTo(SNIPPETS + "/brand-voice")).willReturn(json(200, snippetJson())));

    LaunchDarklyException duplicate = catchThrowableOfType(LaunchDarklyException.class, () -> client.createTool("proj",
        new LdAIToolPost("search", null, JsonNodeFactory.instance.objectNode(), null, null, null, null)));
    LaunchDarklyException invalid = catchThrowableOfType(LaunchDarklyException.class, () -> client.patchPromptSnippet("proj",
        "brand-voice", new LdPromptSnippetPatch(null, null, "x", null, null, null)));
    client.getPromptSnippet("proj", "brand-voice");

    assertThat(duplicate.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(invalid.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(registry.get(LaunchDarklyMetrics.REQUESTS).tags("route", "/ai-tools", "method", "POST", "status", "409")
        .timer().count()).isEqualTo(1);
    assertThat(registry.get(LaunchDarklyMetrics.REQUESTS)
        .tags("route", "/ai-configs/prompt-snippets/{snippetKey}", "method", "GET", "status", "200").timer().count())
        .isEqualTo(1);
    wireMock.verify(getRequestedFor(urlEqualTo(SNIPPETS + "/brand-voice")).withHeader("Authorization", equalTo(TOKEN)));
  }

  @Test
  void notFoundIsEmptyForReadsAndFalseForDeletes() {
    wireMock.stubFor(get(urlEqualTo(BASE + "/gone")).willReturn(json(404, "{\"code\":\"not_found\",\"message\":\"Unknown\"}")));
    wireMock.stubFor(delete(urlEqualTo(BASE + "/gone")).willReturn(json(404, "{\"code\":\"not_found\",\"message\":\"Unknown\"}")));
    wireMock.stubFor(delete(urlEqualTo(BASE + "/bot")).willReturn(aResponse().withStatus(204)));
    wireMock.stubFor(delete(urlEqualTo(BASE + "/model-configs/m")).willReturn(aResponse().withStatus(204)));
    wireMock.stubFor(delete(urlEqualTo(BASE + "/bot/variations/v1")).willReturn(aResponse().withStatus(204)));

    assertThat(client.getConfig("proj", "gone")).isEmpty();
    assertThat(client.deleteConfig("proj", "gone")).isFalse();
    assertThat(client.deleteConfig("proj", "bot")).isTrue();
    assertThat(client.deleteModelConfig("proj", "m")).isTrue();
    assertThat(client.deleteVariation("proj", "bot", "v1")).isTrue();
    wireMock.verify(deleteRequestedFor(urlEqualTo(BASE + "/bot/variations/v1")));
  }

  @Test
  void errorBodiesBecomeTypedExceptions() {
    wireMock.stubFor(post(urlEqualTo(BASE)).willReturn(json(400,
        "{\"code\":\"invalid_request\",\"message\":\"name is required\"}")));
    wireMock.stubFor(get(urlEqualTo(BASE + "/limited")).willReturn(json(429,
        "{\"code\":\"rate_limited\",\"message\":\"Too many requests\"}").withHeader("Retry-After", "12")));

    LaunchDarklyException invalid = catchThrowableOfType(LaunchDarklyException.class,
        () -> client.createConfig("proj", new LdAIConfigPost("bot", null, null, null, null, null, null, null, null)));
    LaunchDarklyException limited = catchThrowableOfType(LaunchDarklyException.class,
        () -> client.getConfig("proj", "limited"));

    assertThat(invalid.httpStatus()).isEqualTo(400);
    assertThat(invalid.code()).isEqualTo("invalid_request");
    assertThat(invalid.apiMessage()).isEqualTo("name is required");
    assertThat(invalid.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(12));
  }

  @Test
  void anErrorWithoutAJsonBodyIsStillDescribed() {
    wireMock.stubFor(get(urlEqualTo(BASE + "/html")).willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));

    LaunchDarklyException e = catchThrowableOfType(LaunchDarklyException.class, () -> client.getConfig("proj", "html"));

    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(e.apiMessage()).contains("unreadable error body").doesNotContain("<html>");
  }

  @Test
  void aDroppedConnectionIsTransientAndNeverShowsTheToken() {
    wireMock.stubFor(get(urlEqualTo(BASE + "/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    LaunchDarklyException e = catchThrowableOfType(LaunchDarklyException.class, () -> client.getConfig("proj", "reset"));

    assertThat(e.httpStatus()).isZero();
    assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
      assertThat(t.toString()).doesNotContain(TOKEN);
    }
  }

  @Test
  void theTokenIsNeverShownByItsToString() {
    assertThat(ApiToken.of(TOKEN).toString()).doesNotContain(TOKEN);
    assertThatThrownBy(() -> ApiToken.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClientNotAskedForDuringTheIdleTimeIsDropped() {
    ManualClock clock = new ManualClock(CLOCK.instant());
    RestLaunchDarklyClients clients = clients(Duration.ofMinutes(10), clock);
    LaunchDarklyClient used = clients.forToken(ApiToken.of("api-used"));
    clients.forToken(ApiToken.of("api-idle"));

    clock.advance(Duration.ofMinutes(6));
    assertThat(clients.forToken(ApiToken.of("api-used"))).isSameAs(used);
    clock.advance(Duration.ofMinutes(6));
    assertThat(clients.forToken(ApiToken.of("api-used"))).isSameAs(used);

    assertThat(clients.size()).isEqualTo(1);
  }

  @Test
  void aTokenLaunchDarklyRefusesLosesItsClient() {
    wireMock.stubFor(get(urlEqualTo(BASE + "/bot")).willReturn(json(401, "{\"code\":\"unauthorized\",\"message\":\"Invalid access token\"}")));
    RestLaunchDarklyClients clients = clients(Duration.ofMinutes(10), CLOCK);
    LaunchDarklyClient revoked = clients.forToken(ApiToken.of(TOKEN));

    assertThatThrownBy(() -> revoked.getConfig("proj", "bot")).isInstanceOf(LaunchDarklyException.class);

    assertThat(clients.size()).isZero();
    assertThat(clients.forToken(ApiToken.of(TOKEN))).isNotSameAs(revoked);
  }

  private RestLaunchDarklyClients clients(Duration idleAfter, Clock clock) {
    return new RestLaunchDarklyClients(
        wireMock.baseUrl(), "20240415", Duration.ofSeconds(2), Duration.ofSeconds(2), RATE_LIMITS, idleAfter, clock, metrics);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String configJson() {
    return """
        {"key":"bot","name":"Bot","description":"","mode":"completion","tags":[],"version":3,
         "createdAt":1700000000000,"updatedAt":1700000001000,
         "_maintainer":{"kind":"member","_id":"m-1","email":"m@example.com","role":"writer"},
         "_access":{"allowed":[],"denied":[]},
         "_links":{"self":{"href":"/api/v2/projects/proj/ai-configs/bot","type":"application/json"},
                   "parent":{"href":"/api/v2/projects/proj","type":"application/json"}},
         "variations":[%s],"somethingNew":{"nested":true}}
        """.formatted(variationJson());
  }

  private static String variationJson() {
    return """
        {"_id":"abc123","key":"v1","name":"V1","version":4,"createdAt":1700000000000,
         "_publishedAt":1700000000500,"messages":[{"role":"system","content":"Be brief"}],
         "model":{"modelName":"gpt-4o","parameters":{"temperature":0.1}},"color":"#fff",
         "_links":{"parent":{"href":"/x","type":"application/json"}}}
        """;
  }

  private static String toolJson() {
    return """
        {"key":"search","description":"Searches the web","version":2,"createdAt":1700000000000,
         "schema":{"type":"object","properties":{"query":{"type":"string","maxLength":200}}},
         "customParameters":{"region":"eu"},"tags":[],"_maintainer":{"kind":"team","key":"support","name":"Support"},
         "_links":{"self":{"href":"/api/v2/projects/proj/ai-tools/search","type":"application/json"}},"somethingNew":1}
        """;
  }

  private static String snippetJson() {
    return """
        {"key":"brand-voice","name":"Brand voice","text":"Use {{snippet.tone#1}} always.","tags":["x"],"version":3,
         "createdAt":1700000000000,"_access":{"allowed":[],"denied":[]}}
        """;
  }

  private static String modelJson() {
    return """
        {"key":"m","name":"M","id":"gpt-4o","provider":"openai","global":false,"isRestricted":false,
         "tags":[],"version":1,"params":{"temperature":0.3},"_access":{}}
        """;
  }

  @Test
  void everyCallIsMeasuredByRouteMethodAndStatus() {
    wireMock.stubFor(get(urlEqualTo(BASE + "/bot")).willReturn(json(200, configJson())));
    wireMock.stubFor(get(urlEqualTo(BASE + "/gone")).willReturn(json(404, "{\"code\":\"not_found\",\"message\":\"no\"}")));

    client.getConfig("proj", "bot");
    client.getConfig("proj", "bot");
    client.getConfig("proj", "gone");

    assertThat(registry.get(LaunchDarklyMetrics.REQUESTS)
            .tags("route", "/ai-configs/{configKey}", "method", "GET", "status", "200").timer().count())
        .isEqualTo(2);
    assertThat(registry.get(LaunchDarklyMetrics.REQUESTS).tags("status", "404").timer().count()).isEqualTo(1);
    assertThat(registry.getMeters()).allSatisfy(meter ->
        assertThat(meter.getId().getTags()).noneMatch(tag -> tag.getValue().contains(TOKEN)));
  }

  @Test
  void afterA429NothingIsSentUntilTheAdvisedTimeAndTheCallerIsToldHowLong() {
    wireMock.stubFor(post(urlEqualTo(BASE)).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json").withHeader("Retry-After", "30")
        .withBody("{\"code\":\"rate_limited\",\"message\":\"slow down\"}")));
    wireMock.stubFor(get(urlEqualTo(BASE + "/bot")).willReturn(json(200, configJson())));

    LaunchDarklyException refused = catchThrowableOfType(LaunchDarklyException.class,
        () -> client.createConfig("proj", new LdAIConfigPost("bot", "Bot", null, null, null, null, null, null, null)));
    ThrottledException held = catchThrowableOfType(ThrottledException.class, () -> client.getConfig("proj", "bot"));

    assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(refused.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    wireMock.verify(0, getRequestedFor(urlEqualTo(BASE + "/bot")));
    assertThat(registry.get(LaunchDarklyMetrics.RATE_LIMITED).counter().count()).isEqualTo(1);
    assertThat(registry.get(LaunchDarklyMetrics.THROTTLED).counter().count()).isEqualTo(1);
  }
}
