package dev.ldai.operator.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.ldai.operator.testing.KnownFalsePositives;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's answers conform to LaunchDarkly's published API description. Skipped when the
 * description is not beside the project (it lives in ../shared, outside a user's clone).
 */
class StandInOpenApiTest {

  static final Path SPEC = Path.of(System.getProperty("ldai.openapi", "../shared/launchdarkly-openapi/openapi.yaml"));
  static final String CONFIGS = "/api/v2/projects/default/ai-configs";

  static OpenApiInteractionValidator validator;
  static LaunchDarklyStandIn standIn;
  static StandInHttp http;

  @BeforeAll
  static void setUp() {
    Assumptions.assumeTrue(Files.isRegularFile(SPEC), "LaunchDarkly's openapi.yaml not found at " + SPEC.toAbsolutePath());
    validator = OpenApiInteractionValidator.createForSpecificationUrl(SPEC.toUri().toString())
        .withLevelResolver(LevelResolver.create()
            // Only responses are checked here; the requests are the test's own.
            .withLevel("validation.request", ValidationReport.Level.IGNORE)
            .build())
        .build();
    standIn = LaunchDarklyStandIn.start();
    http = new StandInHttp(standIn.baseUrl(), LaunchDarklyStandIn.DEFAULT_TOKEN);
  }

  @AfterAll
  static void tearDown() {
    if (standIn != null) {
      standIn.close();
    }
  }

  @Test
  void configAnswersConform() {
    assertConforms(Request.Method.POST, CONFIGS, http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}"));
    assertConforms(Request.Method.GET, CONFIGS + "/bot", http.get(CONFIGS + "/bot"));
    assertConforms(Request.Method.PATCH, CONFIGS + "/bot", http.patch(CONFIGS + "/bot", "{\"tags\":[\"x\"]}"));
    assertConforms(Request.Method.GET, CONFIGS, http.get(CONFIGS + "?limit=10"));
    assertConforms(Request.Method.POST, CONFIGS, http.post(CONFIGS, "{\"key\":\"seeded\",\"name\":\"Seeded\","
        + "\"defaultVariation\":{\"key\":\"first\",\"name\":\"First\",\"messages\":[{\"role\":\"system\",\"content\":\"Hi\"}]}}"));
    assertConforms(Request.Method.GET, CONFIGS, http.get(CONFIGS + "?sort=-name&filter=query:seed"));
    assertConforms(Request.Method.GET, CONFIGS, http.get(CONFIGS + "?filter=colour:blue"));
    assertConforms(Request.Method.POST, CONFIGS, http.post(CONFIGS, "{\"key\":\"typed\",\"name\":\"T\",\"tags\":[1]}"));
  }

  /** Apart from {@code _maintainer}, which no answer can match (see {@link KnownFalsePositives}). */
  @Test
  void configsWithAMaintainerConform() {
    assertConforms(Request.Method.POST, CONFIGS, http.post(CONFIGS, "{\"key\":\"team\",\"name\":\"T\",\"maintainerTeamKey\":\"support\"}"));
    assertConforms(Request.Method.POST, CONFIGS, http.post(CONFIGS, "{\"key\":\"member\",\"name\":\"M\",\"maintainerId\":\"m-1\"}"));
    assertConforms(Request.Method.GET, CONFIGS, http.get(CONFIGS + "?filter=query:m"));
  }

  @Test
  void variationAnswersConform() {
    http.post(CONFIGS, "{\"key\":\"withvar\",\"name\":\"With variations\"}");
    String variations = CONFIGS + "/withvar/variations";
    assertConforms(Request.Method.POST, variations,
        http.post(variations, "{\"key\":\"v\",\"name\":\"V\",\"messages\":[{\"role\":\"system\",\"content\":\"Hi\"}]}"));
    assertConforms(Request.Method.PATCH, variations + "/v", http.patch(variations + "/v", "{\"state\":\"published\"}"));
    assertConforms(Request.Method.GET, variations + "/v", http.get(variations + "/v"));
  }

  @Test
  void modelConfigAnswersAndErrorsConform() {
    String models = CONFIGS + "/model-configs";
    assertConforms(Request.Method.POST, models, http.post(models, "{\"key\":\"m\",\"name\":\"M\",\"id\":\"gpt-4o\"}"));
    assertConforms(Request.Method.GET, models, http.get(models));
    assertConforms(Request.Method.GET, models + "/m", http.get(models + "/m"));
    assertConforms(Request.Method.GET, CONFIGS + "/missing", http.get(CONFIGS + "/missing"));
    assertConforms(Request.Method.POST, CONFIGS, http.post(CONFIGS, "{\"name\":\"no key\"}"));
  }

  @Test
  void targetingAnswersConform() {
    http.post(CONFIGS, "{\"key\":\"targeted\",\"name\":\"Targeted\",\"defaultVariation\":{\"key\":\"a\",\"name\":\"A\","
        + "\"modelConfigKey\":\"OpenAI.gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Hi\"}]}}");
    http.post(CONFIGS + "/targeted/variations", "{\"key\":\"b\",\"name\":\"B\",\"model\":{\"modelName\":\"gpt-4o-mini\"}}");
    String targeting = CONFIGS + "/targeted/targeting";
    StandInHttp.Answer read = http.get(targeting);
    assertConforms(Request.Method.GET, targeting, read);
    String a = read.json().path("variations").get(1).path("_id").asText();
    String b = read.json().path("variations").get(2).path("_id").asText();

    assertConforms(Request.Method.PATCH, targeting, http.semanticPatch(targeting, """
        {"environmentKey": "production", "comment": "roll out", "instructions": [
          {"kind": "updateFallthroughVariationOrRollout", "rolloutWeights": {"%1$s": 30000, "%2$s": 70000},
           "rolloutBucketBy": "key", "rolloutContextKind": "user"},
          {"kind": "addRule", "variationId": "%2$s", "description": "Beta testers",
           "clauses": [{"contextKind": "user", "attribute": "groups", "op": "in", "values": ["beta"]}]},
          {"kind": "addTargets", "values": ["alice"], "variationId": "%1$s"},
          {"kind": "addTargets", "contextKind": "device", "values": ["phone-1"], "variationId": "%2$s"},
          {"kind": "updateOffVariation", "variationId": "%1$s"}]}""".formatted(a, b)));
    assertConforms(Request.Method.PATCH, targeting, http.semanticPatch(targeting,
        "{\"environmentKey\":\"production\",\"instructions\":[{\"kind\":\"turnTargetingOn\"}]}"));
    assertConforms(Request.Method.GET, CONFIGS + "/missing/targeting", http.get(CONFIGS + "/missing/targeting"));
  }

  @Test
  void toolAnswersConform() {
    String tools = "/api/v2/projects/default/ai-tools";
    assertConforms(Request.Method.POST, tools, http.post(tools, "{\"key\":\"search\",\"description\":\"Searches\","
        + "\"schema\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}},\"customParameters\":{\"a\":1},"
        + "\"tags\":[\"x\"],\"maintainerTeamKey\":\"support\"}"));
    assertConforms(Request.Method.PATCH, tools + "/search", http.patch(tools + "/search", "{\"description\":\"v2\"}"));
    assertConforms(Request.Method.GET, tools + "/search", http.get(tools + "/search"));
    assertConforms(Request.Method.GET, tools, http.get(tools + "?limit=1"));
    assertConforms(Request.Method.GET, tools + "/search/versions", http.get(tools + "/search/versions"));
    http.post(CONFIGS, "{\"key\":\"tooled\",\"name\":\"Tooled\",\"defaultVariation\":{\"key\":\"a\",\"name\":\"A\","
        + "\"tools\":[{\"key\":\"search\",\"version\":2}]}}");
    assertConforms(Request.Method.GET, tools + "/search/references", http.get(tools + "/search/references"));
    assertConforms(Request.Method.DELETE, tools + "/search", http.delete(tools + "/search"));
    assertConforms(Request.Method.GET, tools + "/missing", http.get(tools + "/missing"));
    assertConforms(Request.Method.POST, tools, http.post(tools, "{\"key\":\"noschema\"}"));
    http.patch(CONFIGS + "/tooled/variations/a", "{\"tools\":[]}");
    assertConforms(Request.Method.DELETE, tools + "/search", http.delete(tools + "/search"));
  }

  @Test
  void promptSnippetAnswersConform() {
    String snippets = CONFIGS + "/prompt-snippets";
    assertConforms(Request.Method.POST, snippets, http.post(snippets,
        "{\"key\":\"voice\",\"name\":\"Voice\",\"text\":\"Be warm.\",\"description\":\"d\",\"maintainerId\":\"m-1\"}"));
    assertConforms(Request.Method.PATCH, snippets + "/voice", http.patch(snippets + "/voice", "{\"text\":\"Be warmer.\"}"));
    assertConforms(Request.Method.GET, snippets + "/voice", http.get(snippets + "/voice"));
    assertConforms(Request.Method.GET, snippets, http.get(snippets + "?limit=5&offset=0"));
    assertConforms(Request.Method.GET, snippets + "/voice/versions", http.get(snippets + "/voice/versions?limit=1"));
    http.post(CONFIGS, "{\"key\":\"voiced\",\"name\":\"Voiced\",\"defaultVariation\":{\"key\":\"a\",\"name\":\"A\","
        + "\"messages\":[{\"role\":\"system\",\"content\":\"{{snippet.voice#2}}\"}]}}");
    assertConforms(Request.Method.GET, snippets + "/voice/references", http.get(snippets + "/voice/references"));
    assertConforms(Request.Method.POST, snippets, http.post(snippets, "{\"key\":\"voice\",\"name\":\"V\",\"text\":\"T\"}"));
    assertConforms(Request.Method.PATCH, snippets + "/voice", http.patch(snippets + "/voice", "{\"text\":5}"));
    assertConforms(Request.Method.GET, snippets + "/missing/versions", http.get(snippets + "/missing/versions"));
    assertConforms(Request.Method.DELETE, snippets + "/voice", http.delete(snippets + "/voice"));
  }

  @Test
  void agentGraphAnswersConform() {
    String graphs = "/api/v2/projects/default/agent-graphs";
    StandInHttp beta = http.withApiVersions("beta");
    http.post(CONFIGS, "{\"key\":\"router\",\"name\":\"Router\"}");
    http.post(CONFIGS, "{\"key\":\"worker\",\"name\":\"Worker\"}");
    assertConforms(Request.Method.POST, graphs, beta.post(graphs, "{\"key\":\"flow\",\"name\":\"Flow\","
        + "\"description\":\"d\",\"rootConfigKey\":\"router\",\"edges\":[{\"key\":\"e\",\"sourceConfig\":\"router\","
        + "\"targetConfig\":\"worker\",\"handoff\":{\"a\":1}}]}"));
    assertConforms(Request.Method.GET, graphs + "/flow", beta.get(graphs + "/flow"));
    assertConforms(Request.Method.GET, graphs, beta.get(graphs + "?limit=1"));
    assertConforms(Request.Method.PATCH, graphs + "/flow", beta.patch(graphs + "/flow", "{\"name\":\"F\"}"));
    assertConforms(Request.Method.GET, CONFIGS + "/worker", http.get(CONFIGS + "/worker"));
    assertConforms(Request.Method.PATCH, graphs + "/flow", beta.patch(graphs + "/flow", "{\"edges\":[]}"));
    assertConforms(Request.Method.GET, graphs, http.get(graphs));
    assertConforms(Request.Method.DELETE, graphs + "/flow", beta.delete(graphs + "/flow"));
    assertConforms(Request.Method.GET, graphs + "/flow", beta.get(graphs + "/flow"));
  }

  private static void assertConforms(Request.Method method, String path, StandInHttp.Answer answer) {
    SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.status());
    if (!answer.body().isEmpty()) {
      response.withContentType("application/json").withBody(answer.body());
    }
    ValidationReport report = validator.validateResponse(path, method, response.build());
    assertThat(report.getMessages()).filteredOn(message -> !KnownFalsePositives.excuses(message))
        .as("%s %s answered %s", method, path, answer.body()).isEmpty();
  }
}
