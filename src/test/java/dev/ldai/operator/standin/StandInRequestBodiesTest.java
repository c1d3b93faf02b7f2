package dev.ldai.operator.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in refuses request bodies that LaunchDarkly's request schemas refuse — a wrong type or a
 * missing required field, at any depth, or a tag LaunchDarkly does not take — with 400
 * {@code invalid_request} naming the field, and stores nothing. One test per schema, and one for tags.
 */
class StandInRequestBodiesTest extends StandInOverHttp {

  static final String CONFIGS = "/api/v2/projects/default/ai-configs";
  static final String VARIATIONS = CONFIGS + "/bot/variations";
  static final String MODELS = CONFIGS + "/model-configs";
  static final String TOOLS = "/api/v2/projects/default/ai-tools";
  static final String SNIPPETS = CONFIGS + "/prompt-snippets";

  @BeforeEach
  void createConfigBotWithAVariation() {
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    http.post(VARIATIONS, "{\"key\":\"v\",\"name\":\"V\"}");
  }

  @Test
  void aiConfigPostRefusesWrongTypesAndMissingFields() {
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"tags\":[1]}", "tags[0]: expected a string");
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"tags\":\"a\"}", "tags: expected an array");
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"isInverted\":\"yes\"}", "isInverted: expected a boolean");
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":5}", "name: expected a string");
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"description\":null}", "description: expected a string");
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"maintainerId\":7}", "maintainerId: expected a string");
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"viewKeys\":[true]}", "viewKeys[0]: expected a string");
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"mode\":\"chat\"}",
        "mode: expected one of agent, completion, judge");
    assertRefused("POST", CONFIGS, "{\"key\":\"c\"}", "name is required");
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"defaultVariation\":{\"key\":\"d\",\"name\":\"D\","
        + "\"messages\":[{\"role\":\"system\"}]}}", "defaultVariation.messages[0].content is required");
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"defaultVariation\":{\"name\":\"D\"}}",
        "defaultVariation.key is required");
    assertThat(standIn.config("default", "c")).isEmpty();
  }

  @Test
  void aiConfigPatchRefusesWrongTypes() {
    assertRefused("PATCH", CONFIGS + "/bot", "{\"name\":5}", "name: expected a string");
    assertRefused("PATCH", CONFIGS + "/bot", "{\"tags\":[\"a\",{}]}", "tags[1]: expected a string");
    assertRefused("PATCH", CONFIGS + "/bot", "{\"isInverted\":1}", "isInverted: expected a boolean");
    assertRefused("PATCH", CONFIGS + "/bot", "{\"evaluationMetricKey\":[]}", "evaluationMetricKey: expected a string");
    assertThat(standIn.config("default", "bot").orElseThrow().path("version").asInt()).as("unchanged").isEqualTo(2);
  }

  @Test
  void variationPostRefusesWrongTypesInMessagesModelToolsAndJudges() {
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"messages\":[{\"role\":\"system\"}]}",
        "messages[0].content is required");
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"messages\":[{\"role\":1,\"content\":\"x\"}]}",
        "messages[0].role: expected a string");
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"messages\":{}}", "messages: expected an array");
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"model\":\"gpt-4o\"}", "model: expected an object");
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"tools\":[{\"key\":\"t\"}]}",
        "tools[0].version is required");
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"tools\":[{\"key\":\"t\",\"version\":1.5}]}",
        "tools[0].version: expected an integer");
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"toolKeys\":[1]}", "toolKeys[0]: expected a string");
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"judgeConfiguration\":{\"judges\":"
        + "[{\"judgeConfigKey\":\"j\",\"samplingRate\":\"half\"}]}}", "judgeConfiguration.judges[0].samplingRate: expected a number");
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"judgeConfiguration\":{\"judges\":"
        + "[{\"judgeConfigKey\":\"j\",\"samplingRate\":1.5}]}}",
        "judgeConfiguration.judges[0].samplingRate: expected a number from 0.0 to 1.0");
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"judgeConfiguration\":[]}",
        "judgeConfiguration: expected an object");
    assertRefused("POST", VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"outputFormat\":\"json\"}",
        "outputFormat: expected an object");
    assertRefused("POST", VARIATIONS, "{\"name\":\"W\"}", "key is required");
    assertThat(standIn.variationVersions("default", "bot", "w")).isEmpty();
  }

  @Test
  void variationPatchRefusesWrongTypes() {
    String variation = VARIATIONS + "/v";
    assertRefused("PATCH", variation, "{\"name\":5}", "name: expected a string");
    assertRefused("PATCH", variation, "{\"messages\":[{\"content\":\"x\"}]}", "messages[0].role is required");
    assertRefused("PATCH", variation, "{\"model\":[]}", "model: expected an object");
    assertRefused("PATCH", variation, "{\"published\":\"true\"}", "published: expected a boolean");
    assertRefused("PATCH", variation, "{\"tools\":[{\"key\":1,\"version\":1}]}", "tools[0].key: expected a string");
    assertRefused("PATCH", variation, "{\"judgeConfiguration\":{\"judges\":[{\"samplingRate\":0.5}]}}",
        "judgeConfiguration.judges[0].judgeConfigKey is required");
    assertRefused("PATCH", variation, "{\"instructions\":false}", "instructions: expected a string");
    assertThat(standIn.variationVersions("default", "bot", "v")).as("no version added").hasSize(1);
  }

  @Test
  void modelConfigPostRefusesWrongTypes() {
    assertRefused("POST", MODELS, "{\"key\":\"m\",\"name\":\"M\",\"id\":\"x\",\"params\":\"hot\"}", "params: expected an object");
    assertRefused("POST", MODELS, "{\"key\":\"m\",\"name\":\"M\",\"id\":\"x\",\"customParams\":[]}",
        "customParams: expected an object");
    assertRefused("POST", MODELS, "{\"key\":\"m\",\"name\":\"M\",\"id\":\"x\",\"costPerInputToken\":\"0.1\"}",
        "costPerInputToken: expected a number");
    assertRefused("POST", MODELS, "{\"key\":\"m\",\"name\":\"M\",\"id\":\"x\",\"tags\":[null]}", "tags[0]: expected a string");
    assertRefused("POST", MODELS, "{\"key\":\"m\",\"name\":\"M\",\"id\":4}", "id: expected a string");
    assertRefused("POST", MODELS, "{\"key\":\"m\",\"name\":\"M\"}", "id is required");
    assertThat(standIn.modelConfig("default", "m")).isEmpty();
  }

  @Test
  void aiToolPostRefusesWrongTypesAndMissingFields() {
    assertRefused("POST", TOOLS, "{\"key\":\"t\"}", "schema is required");
    assertRefused("POST", TOOLS, "{\"schema\":{}}", "key is required");
    assertRefused("POST", TOOLS, "{\"key\":\"t\",\"schema\":\"{}\"}", "schema: expected an object");
    assertRefused("POST", TOOLS, "{\"key\":\"t\",\"schema\":[]}", "schema: expected an object");
    assertRefused("POST", TOOLS, "{\"key\":\"t\",\"schema\":{},\"customParameters\":\"{}\"}",
        "customParameters: expected an object");
    assertRefused("POST", TOOLS, "{\"key\":\"t\",\"schema\":{},\"description\":1}", "description: expected a string");
    assertRefused("POST", TOOLS, "{\"key\":\"t\",\"schema\":{},\"tags\":[true]}", "tags[0]: expected a string");
    assertRefused("POST", TOOLS, "{\"key\":\"t\",\"schema\":{},\"maintainerTeamKey\":[]}", "maintainerTeamKey: expected a string");
    assertRefused("POST", TOOLS, "{\"key\":5,\"schema\":{}}", "key: expected a string");
    assertThat(standIn.tool("default", "t")).isEmpty();
  }

  @Test
  void aiToolPatchRefusesWrongTypes() {
    http.post(TOOLS, "{\"key\":\"t\",\"schema\":{}}");
    assertRefused("PATCH", TOOLS + "/t", "{\"schema\":null}", "schema: expected an object");
    assertRefused("PATCH", TOOLS + "/t", "{\"customParameters\":7}", "customParameters: expected an object");
    assertRefused("PATCH", TOOLS + "/t", "{\"tags\":\"a\"}", "tags: expected an array");
    assertRefused("PATCH", TOOLS + "/t", "{\"maintainerId\":false}", "maintainerId: expected a string");
    assertThat(standIn.tool("default", "t").orElseThrow().path("version").asInt()).as("no version added").isEqualTo(1);
  }

  @Test
  void promptSnippetPostRefusesWrongTypesAndMissingFields() {
    assertRefused("POST", SNIPPETS, "{\"key\":\"s\",\"name\":\"S\"}", "text is required");
    assertRefused("POST", SNIPPETS, "{\"key\":\"s\",\"text\":\"Hi\"}", "name is required");
    assertRefused("POST", SNIPPETS, "{\"name\":\"S\",\"text\":\"Hi\"}", "key is required");
    assertRefused("POST", SNIPPETS, "{\"key\":\"s\",\"name\":\"S\",\"text\":[\"Hi\"]}", "text: expected a string");
    assertRefused("POST", SNIPPETS, "{\"key\":\"s\",\"name\":3,\"text\":\"Hi\"}", "name: expected a string");
    assertRefused("POST", SNIPPETS, "{\"key\":\"s\",\"name\":\"S\",\"text\":\"Hi\",\"description\":{}}",
        "description: expected a string");
    assertRefused("POST", SNIPPETS, "{\"key\":\"s\",\"name\":\"S\",\"text\":\"Hi\",\"tags\":[\"a b\"]}",
        "tags[0]: expected 1 to 64 letters, digits, '.', '_' or '-'");
    assertThat(standIn.promptSnippet("default", "s")).isEmpty();
  }

  @Test
  void promptSnippetPatchRefusesWrongTypes() {
    http.post(SNIPPETS, "{\"key\":\"s\",\"name\":\"S\",\"text\":\"Hi\"}");
    assertRefused("PATCH", SNIPPETS + "/s", "{\"text\":1}", "text: expected a string");
    assertRefused("PATCH", SNIPPETS + "/s", "{\"name\":null}", "name: expected a string");
    assertRefused("PATCH", SNIPPETS + "/s", "{\"tags\":[{}]}", "tags[0]: expected a string");
    assertRefused("PATCH", SNIPPETS + "/s", "{\"maintainerTeamKey\":1}", "maintainerTeamKey: expected a string");
    assertThat(standIn.promptSnippet("default", "s").orElseThrow().path("version").asInt()).as("no version added").isEqualTo(1);
  }

  @Test
  void tagsLaunchDarklyWouldNotTakeAreRefusedOnEveryWrite() {
    String tooLong = "t".repeat(65);
    String tagRule = "expected 1 to 64 letters, digits, '.', '_' or '-'";
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"tags\":[\"ok\",\"team a\"]}", "tags[1]: " + tagRule);
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"tags\":[\"" + tooLong + "\"]}", "tags[0]: " + tagRule);
    assertRefused("POST", CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"tags\":[\"\"]}", "tags[0]: " + tagRule);
    assertRefused("PATCH", CONFIGS + "/bot", "{\"tags\":[\"team/a\"]}", "tags[0]: " + tagRule);
    assertRefused("POST", MODELS, "{\"key\":\"m\",\"name\":\"M\",\"id\":\"x\",\"tags\":[\"" + tooLong + "\"]}",
        "tags[0]: " + tagRule);
    assertThat(standIn.config("default", "c")).isEmpty();
    assertThat(standIn.modelConfig("default", "m")).isEmpty();

    String longest = "ldai-operator_aimodelconfig_ns_" + "n".repeat(64 - "ldai-operator_aimodelconfig_ns_".length());
    assertThat(http.patch(CONFIGS + "/bot", "{\"tags\":[\"a.b_c-D9\",\"" + longest + "\"]}").status()).isEqualTo(200);
    assertThat(http.post(MODELS, "{\"key\":\"m\",\"name\":\"M\",\"id\":\"x\",\"tags\":[\"" + longest + "\"]}").status())
        .isEqualTo(200);
  }

  @Test
  void aiConfigTargetingPatchRefusesWrongTypesInTheBodyAndInstructions() {
    String targeting = CONFIGS + "/bot/targeting";
    String variationId = standIn.targeting("default", "bot").orElseThrow().path("variations").get(1).path("_id").asText();
    assertRefused(targeting, "{\"environmentKey\":5,\"instructions\":[]}", "environmentKey: expected a string");
    assertRefused(targeting, "{\"environmentKey\":\"test\",\"instructions\":{}}", "instructions: expected an array");
    assertRefused(targeting, "{\"environmentKey\":\"test\",\"instructions\":[\"turnTargetingOn\"]}",
        "instructions[0]: expected an object");
    assertRefused(targeting, "{\"environmentKey\":\"test\",\"comment\":1,\"instructions\":[]}", "comment: expected a string");
    assertRefused(targeting, "{\"environmentKey\":\"test\",\"instructions\":[{\"kind\":true}]}",
        "instructions[0].kind: expected a string");
    assertRefused(targeting, "{\"environmentKey\":\"test\",\"instructions\":[{\"kind\":\"addTargets\",\"values\":\"alice\","
        + "\"variationId\":\"%s\"}]}".formatted(variationId), "instructions[0].values: expected an array");
    assertRefused(targeting, "{\"environmentKey\":\"test\",\"instructions\":[{\"kind\":\"updateFallthroughVariationOrRollout\","
        + "\"rolloutWeights\":{\"%s\":\"all\"}}]}".formatted(variationId),
        "instructions[0].rolloutWeights.%s: expected an integer".formatted(variationId));
    assertRefused(targeting, "{\"environmentKey\":\"test\",\"instructions\":[{\"kind\":\"updateFallthroughVariationOrRollout\","
        + "\"rolloutWeights\":{\"%s\":100001}}]}".formatted(variationId),
        "instructions[0].rolloutWeights.%s: expected an integer from 0 to 100000".formatted(variationId));
    assertRefused(targeting, "{\"environmentKey\":\"test\",\"instructions\":[{\"kind\":\"addRule\",\"variationId\":\"%s\","
        + "\"clauses\":[{\"attribute\":\"a\",\"op\":\"in\",\"values\":[{}]}]}]}".formatted(variationId),
        "instructions[0].clauses[0].values[0]: expected a string, number or boolean");
    assertRefused(targeting, "{\"environmentKey\":\"test\",\"instructions\":[{\"kind\":\"updateTrackEvents\",\"trackEvents\":\"yes\"}]}",
        "instructions[0].trackEvents: expected a boolean");
    assertThat(standIn.targeting("default", "bot").orElseThrow().path("environments").path("test").path("_version").asInt())
        .as("unchanged").isEqualTo(1);
  }

  /** None of these schemas sets additionalProperties: false, so LaunchDarkly's description lets unknown fields through. */
  @Test
  void fieldsTheSchemasDoNotDeclareAreAcceptedAndIgnored() {
    StandInHttp.Answer created = http.post(CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"colour\":\"blue\"}");
    StandInHttp.Answer patched = http.patch(CONFIGS + "/c", "{\"mode\":\"agent\",\"version\":99}");
    StandInHttp.Answer variation = http.patch(VARIATIONS + "/v", "{\"key\":\"other\",\"_publishedAt\":1}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().has("colour")).isFalse();
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().path("mode").asText()).isEqualTo("completion");
    assertThat(patched.json().path("version").asInt()).isEqualTo(2);
    assertThat(variation.json().path("key").asText()).isEqualTo("v");
    assertThat(variation.json().has("_publishedAt")).isFalse();
  }

  @Test
  void wellTypedBodiesOfEverySchemaAreAccepted() {
    standIn.putTool("default", (ObjectNode) StandInHttp.JSON.createObjectNode().put("key", "t").put("version", 2)
        .set("schema", StandInHttp.JSON.createObjectNode()));
    assertThat(http.post(CONFIGS, "{\"key\":\"c\",\"name\":\"C\",\"tags\":[\"a\"],\"isInverted\":true,\"mode\":\"agent\","
        + "\"defaultVariation\":{\"key\":\"d\",\"name\":\"D\",\"instructions\":\"Act\"}}").status()).isEqualTo(201);
    assertThat(http.patch(CONFIGS + "/c", "{\"name\":\"C2\",\"tags\":[],\"isInverted\":false}").status()).isEqualTo(200);
    assertThat(http.post(VARIATIONS, "{\"key\":\"w\",\"name\":\"W\",\"messages\":[{\"role\":\"system\",\"content\":\"Hi\"}],"
        + "\"model\":{\"modelName\":\"gpt-4o\"},\"tools\":[{\"key\":\"t\",\"version\":2}],"
        + "\"judgeConfiguration\":{\"judges\":[{\"judgeConfigKey\":\"j\",\"samplingRate\":1}]}}").status()).isEqualTo(201);
    assertThat(http.patch(VARIATIONS + "/w", "{\"published\":true,\"state\":\"published\"}").status()).isEqualTo(200);
    assertThat(http.post(MODELS, "{\"key\":\"m\",\"name\":\"M\",\"id\":\"x\",\"params\":{\"t\":1},\"costPerInputToken\":1}")
        .status()).isEqualTo(200);
    assertThat(http.post(TOOLS, "{\"key\":\"search\",\"schema\":{\"type\":\"object\"},\"customParameters\":{\"a\":[1]},"
        + "\"description\":\"d\",\"tags\":[\"x\"],\"maintainerId\":\"m\"}").status()).isEqualTo(201);
    assertThat(http.patch(TOOLS + "/search", "{\"schema\":{},\"customParameters\":{},\"tags\":[],\"maintainerTeamKey\":\"t\"}")
        .status()).isEqualTo(200);
    assertThat(http.post(SNIPPETS, "{\"key\":\"s\",\"name\":\"S\",\"text\":\"Hi\",\"description\":\"d\",\"tags\":[\"x\"]}")
        .status()).isEqualTo(201);
    assertThat(http.patch(SNIPPETS + "/s", "{\"name\":\"S2\",\"text\":\"Hello\",\"description\":\"\"}").status()).isEqualTo(200);
  }

  private static void assertRefused(String method, String path, String body, String message) {
    assertRefused(http.send(method, path, body), method + " " + path + " " + body, message);
  }

  /** A semantic patch of targeting, sent with its media type. */
  private static void assertRefused(String path, String body, String message) {
    assertRefused(http.semanticPatch(path, body), "PATCH " + path + " " + body, message);
  }

  private static void assertRefused(StandInHttp.Answer answer, String request, String message) {
    JsonNode error = answer.json();
    assertThat(answer.status()).as("%s", request).isEqualTo(400);
    assertThat(error.path("code").asText()).isEqualTo("invalid_request");
    assertThat(error.path("message").asText()).as("%s", request).isEqualTo(message);
  }
}
