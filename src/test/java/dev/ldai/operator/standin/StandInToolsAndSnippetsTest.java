package dev.ldai.operator.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's AI tools and prompt snippets: versions made by every PATCH, paged lists, 404 and 409, the
 * variations pinning them (refused when the pinned version does not exist, listed as references), and the
 * faults, stale reads and direct edits the tests of the operator use.
 */
class StandInToolsAndSnippetsTest extends StandInOverHttp {

  static final String CONFIGS = "/api/v2/projects/default/ai-configs";
  static final String TOOLS = "/api/v2/projects/default/ai-tools";
  static final String SNIPPETS = CONFIGS + "/prompt-snippets";
  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\",\"maxLength\":200}},"
      + "\"required\":[\"query\"]}";

  @Test
  void aToolIsCreatedWithItsSchemaAsWrittenAndEveryPatchMakesAVersion() throws Exception {
    StandInHttp.Answer created = http.post(TOOLS, "{\"key\":\"search\",\"description\":\"Searches\",\"schema\":" + SCHEMA
        + ",\"customParameters\":{\"timeoutMs\":500}}");
    StandInHttp.Answer patched = http.patch(TOOLS + "/search", "{\"description\":\"Searches the web\"}");
    http.patch(TOOLS + "/search", "{\"schema\":{\"type\":\"object\"}}");
    JsonNode latest = http.get(TOOLS + "/search").json();
    JsonNode versions = http.get(TOOLS + "/search/versions").json();

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("version").asInt()).isEqualTo(1);
    assertThat(created.json().path("schema")).isEqualTo(StandInHttp.JSON.readTree(SCHEMA));
    assertThat(created.json().path("tags")).isEmpty();
    assertThat(created.json().path("_links").path("self").path("href").asText()).isEqualTo(TOOLS + "/search");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().path("version").asInt()).isEqualTo(2);
    assertThat(patched.json().path("schema")).as("unchanged by the PATCH").isEqualTo(StandInHttp.JSON.readTree(SCHEMA));
    assertThat(latest.path("version").asInt()).isEqualTo(3);
    assertThat(latest.path("description").asText()).isEqualTo("Searches the web");
    assertThat(latest.path("customParameters").path("timeoutMs").asInt()).isEqualTo(500);
    assertThat(versions.path("totalCount").asInt()).isEqualTo(3);
    assertThat(versionNumbers(versions)).containsExactly(3, 2, 1);
    assertThat(versions.path("items").get(2).path("schema")).isEqualTo(StandInHttp.JSON.readTree(SCHEMA));
  }

  @Test
  void aPromptSnippetPatchMakesAVersionAndItsVersionsComeNewestFirst() {
    StandInHttp.Answer created =
        http.post(SNIPPETS, "{\"key\":\"brand-voice\",\"name\":\"Brand voice\",\"text\":\"Be warm.\",\"tags\":[\"a\"]}");
    http.patch(SNIPPETS + "/brand-voice", "{\"text\":\"Be warmer.\"}");
    StandInHttp.Answer patched = http.patch(SNIPPETS + "/brand-voice", "{\"name\":\"Voice\"}");
    JsonNode versions = http.get(SNIPPETS + "/brand-voice/versions").json();

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("version").asInt()).isEqualTo(1);
    assertThat(created.json().path("_links").path("self").path("href").asText()).isEqualTo(SNIPPETS + "/brand-voice");
    assertThat(patched.json().path("version").asInt()).isEqualTo(3);
    assertThat(patched.json().path("text").asText()).isEqualTo("Be warmer.");
    assertThat(patched.json().path("tags")).extracting(JsonNode::asText).containsExactly("a");
    assertThat(http.get(SNIPPETS + "/brand-voice").json().path("name").asText()).isEqualTo("Voice");
    assertThat(versionNumbers(versions)).containsExactly(3, 2, 1);
    assertThat(versions.path("items")).extracting(v -> v.path("text").asText())
        .containsExactly("Be warmer.", "Be warmer.", "Be warm.");
    assertThat(http.patch(SNIPPETS + "/brand-voice", "{\"text\":\" \"}").status()).isEqualTo(400);
  }

  @Test
  void aDuplicateKeyIs409AndAMissingOneIs404() {
    http.post(TOOLS, "{\"key\":\"search\",\"schema\":{}}");
    http.post(SNIPPETS, "{\"key\":\"voice\",\"name\":\"V\",\"text\":\"T\"}");

    StandInHttp.Answer duplicateTool = http.post(TOOLS, "{\"key\":\"search\",\"schema\":{}}");
    StandInHttp.Answer duplicateSnippet = http.post(SNIPPETS, "{\"key\":\"voice\",\"name\":\"V\",\"text\":\"T\"}");

    assertThat(duplicateTool.status()).isEqualTo(409);
    assertThat(duplicateTool.json().path("code").asText()).isEqualTo("conflict");
    assertThat(duplicateSnippet.status()).isEqualTo(409);
    for (String missing : List.of(TOOLS + "/gone", TOOLS + "/gone/versions", TOOLS + "/gone/references",
        SNIPPETS + "/gone", SNIPPETS + "/gone/versions", SNIPPETS + "/gone/references")) {
      assertThat(http.get(missing).status()).as(missing).isEqualTo(404);
    }
    assertThat(http.patch(TOOLS + "/gone", "{}").status()).isEqualTo(404);
    assertThat(http.delete(SNIPPETS + "/gone").status()).isEqualTo(404);
    assertThat(http.get("/api/v2/projects/nope/ai-tools").status()).isEqualTo(404);
    assertThat(http.get(TOOLS + "/search/other").status()).as("no such route").isEqualTo(404);
    assertThat(http.post(TOOLS, "{\"key\":\"-bad\",\"schema\":{}}").status()).isEqualTo(400);
  }

  @Test
  void listsOfToolsSnippetsAndVersionsArePagedWithLinks() {
    IntStream.range(0, 25).forEach(i -> http.post(TOOLS, "{\"key\":\"t%02d\",\"schema\":{}}".formatted(i)));
    IntStream.range(0, 3).forEach(i -> http.post(SNIPPETS, "{\"key\":\"s%d\",\"name\":\"S\",\"text\":\"T\"}".formatted(i)));
    IntStream.range(0, 4).forEach(i -> http.patch(SNIPPETS + "/s0", "{\"text\":\"T" + i + "\"}"));

    JsonNode first = http.get(TOOLS).json();
    JsonNode last = http.get(TOOLS + "?offset=20").json();
    JsonNode snippets = http.get(SNIPPETS + "?limit=2&offset=2").json();
    JsonNode versions = http.get(SNIPPETS + "/s0/versions?limit=2&offset=2").json();

    assertThat(first.path("totalCount").asInt()).isEqualTo(25);
    assertThat(keys(first)).hasSize(20).startsWith("t00", "t01");
    assertThat(first.path("_links").path("next").path("href").asText()).isEqualTo(TOOLS + "?limit=20&offset=20");
    assertThat(keys(last)).containsExactly("t20", "t21", "t22", "t23", "t24");
    assertThat(last.path("_links").has("next")).isFalse();
    assertThat(keys(snippets)).containsExactly("s2");
    assertThat(snippets.path("_links").path("prev").path("href").asText()).isEqualTo(SNIPPETS + "?limit=2&offset=0");
    assertThat(versions.path("totalCount").asInt()).isEqualTo(5);
    assertThat(versionNumbers(versions)).containsExactly(3, 2);
    assertThat(versions.path("_links").path("next").path("href").asText())
        .isEqualTo(SNIPPETS + "/s0/versions?limit=2&offset=4");
    assertThat(http.get(TOOLS + "?limit=101").status()).isEqualTo(400);
    assertThat(keys(http.get(TOOLS + "?sort=-key&limit=1").json())).containsExactly("t24");
  }

  @Test
  void aVariationPinningAToolOrSnippetVersionThatDoesNotExistIsRefused() {
    http.post(TOOLS, "{\"key\":\"search\",\"schema\":{}}");
    http.patch(TOOLS + "/search", "{\"description\":\"v2\"}");
    http.post(SNIPPETS, "{\"key\":\"voice\",\"name\":\"V\",\"text\":\"Be warm.\"}");
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    String variations = CONFIGS + "/bot/variations";
    http.post(variations, "{\"key\":\"v\",\"name\":\"V\"}");

    assertRefused(http.post(variations, "{\"key\":\"w\",\"name\":\"W\",\"tools\":[{\"key\":\"search\",\"version\":3}]}"),
        "AI tool search has no version 3");
    assertRefused(http.post(variations, "{\"key\":\"w\",\"name\":\"W\",\"tools\":[{\"key\":\"fetch\",\"version\":1}]}"),
        "AI tool fetch does not exist");
    assertRefused(http.post(variations, "{\"key\":\"w\",\"name\":\"W\",\"tools\":[{\"key\":\"search\",\"version\":0}]}"),
        "AI tool search has no version 0");
    assertRefused(http.post(variations, "{\"key\":\"w\",\"name\":\"W\",\"messages\":[{\"role\":\"system\","
        + "\"content\":\"Say hi. {{snippet.tone#1}}\"}]}"), "Prompt snippet tone does not exist");
    assertRefused(http.post(variations, "{\"key\":\"w\",\"name\":\"W\",\"instructions\":\"{{snippet.voice#2}}\"}"),
        "Prompt snippet voice has no version 2");
    assertRefused(http.patch(variations + "/v", "{\"tools\":[{\"key\":\"search\",\"version\":9}]}"),
        "AI tool search has no version 9");
    assertRefused(http.patch(variations + "/v", "{\"instructions\":\"{{ snippet.voice#3 }}\"}"),
        "Prompt snippet voice has no version 3");
    assertRefused(http.post(CONFIGS, "{\"key\":\"other\",\"name\":\"O\",\"defaultVariation\":{\"key\":\"d\",\"name\":\"D\","
        + "\"tools\":[{\"key\":\"fetch\",\"version\":1}]}}"), "AI tool fetch does not exist");
    assertThat(standIn.variationVersions("default", "bot", "w")).isEmpty();
    assertThat(standIn.variationVersions("default", "bot", "v")).hasSize(1);
    assertThat(standIn.config("default", "other")).isEmpty();

    StandInHttp.Answer pinned = http.post(variations, "{\"key\":\"w\",\"name\":\"W\",\"tools\":[{\"key\":\"search\","
        + "\"version\":2}],\"messages\":[{\"role\":\"system\",\"content\":\"{{snippet.voice#1}} and {{snippet.any}}\"}]}");
    StandInHttp.Answer byToolKeys = http.patch(variations + "/v", "{\"toolKeys\":[\"search\",\"unknown\"]}");
    assertThat(pinned.status()).isEqualTo(201);
    assertThat(pinned.json().path("tools").get(0).path("version").asInt()).isEqualTo(2);
    assertThat(byToolKeys.status()).as("LaunchDarkly accepts toolKeys").isEqualTo(200);
    assertThat(byToolKeys.json().has("tools")).as("and attaches nothing").isFalse();
  }

  @Test
  void referencesListTheLatestVersionOfEachVariationPinningTheObject() {
    http.post(TOOLS, "{\"key\":\"search\",\"schema\":{}}");
    http.patch(TOOLS + "/search", "{\"description\":\"v2\"}");
    http.post(SNIPPETS, "{\"key\":\"voice\",\"name\":\"V\",\"text\":\"Be warm.\"}");
    http.patch(SNIPPETS + "/voice", "{\"text\":\"Be warmer.\"}");
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    String variations = CONFIGS + "/bot/variations";
    http.post(variations, "{\"key\":\"a\",\"name\":\"A\",\"tools\":[{\"key\":\"search\",\"version\":1}],"
        + "\"messages\":[{\"role\":\"system\",\"content\":\"{{snippet.voice#1}}\"}]}");
    http.post(variations, "{\"key\":\"b\",\"name\":\"B\",\"tools\":[{\"key\":\"search\",\"version\":2}],"
        + "\"instructions\":\"{{ snippet.voice#2 }} then {{snippet.voice#1}} and {{snippet.voice#2}}\"}");
    http.post(variations, "{\"key\":\"c\",\"name\":\"C\",\"tools\":[{\"key\":\"search\",\"version\":1}]}");
    http.patch(variations + "/c", "{\"tools\":[]}");
    http.patch(variations + "/b", "{\"state\":\"archived\"}");

    JsonNode tool = http.get(TOOLS + "/search/references").json();
    JsonNode snippet = http.get(SNIPPETS + "/voice/references").json();
    JsonNode secondPage = http.get(SNIPPETS + "/voice/references?limit=1&offset=1").json();

    assertThat(tool.path("resourceKey").asText()).isEqualTo("search");
    assertThat(tool.path("resourceType").asText()).isEqualTo("ai-tool");
    assertThat(tool.path("totalCount").asInt()).isEqualTo(2);
    assertThat(tool.path("items")).extracting(r -> r.path("variationKey").asText() + "@" + r.path("toolVersion").asInt())
        .as("c dropped its pin in its latest version; b is archived and still pins").containsExactly("a@1", "b@2");
    assertThat(tool.path("items").get(0).path("aiConfigName").asText()).isEqualTo("Bot");
    assertThat(tool.path("items").get(0).path("variationName").asText()).isEqualTo("A");
    assertThat(tool.path("items").get(1).path("variationId").asText())
        .isEqualTo(standIn.variationVersions("default", "bot", "b").get(1).path("_id").asText());
    assertThat(snippet.path("resourceType").asText()).isEqualTo("prompt-snippet");
    assertThat(snippet.path("items")).extracting(r -> r.path("variationKey").asText() + "@" + r.path("resourceVersion").asInt())
        .containsExactly("a@1", "b@2", "b@1");
    assertThat(secondPage.path("totalCount").asInt()).isEqualTo(3);
    assertThat(secondPage.path("items")).singleElement().satisfies(r -> assertThat(r.path("variationKey").asText()).isEqualTo("b"));
    assertThat(secondPage.path("_links").path("next").path("href").asText())
        .isEqualTo(SNIPPETS + "/voice/references?limit=1&offset=2");
  }

  @Test
  void aToolAVariationPinsIsNotDeletedButASnippetIs() {
    http.post(TOOLS, "{\"key\":\"search\",\"schema\":{}}");
    http.post(SNIPPETS, "{\"key\":\"voice\",\"name\":\"V\",\"text\":\"Be warm.\"}");
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\",\"defaultVariation\":{\"key\":\"a\",\"name\":\"A\","
        + "\"tools\":[{\"key\":\"search\",\"version\":1}],\"instructions\":\"{{snippet.voice#1}}\"}}");

    StandInHttp.Answer refused = http.delete(TOOLS + "/search");
    StandInHttp.Answer snippetDeleted = http.delete(SNIPPETS + "/voice");
    http.patch(CONFIGS + "/bot/variations/a", "{\"tools\":[]}");
    StandInHttp.Answer toolDeleted = http.delete(TOOLS + "/search");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).isEqualTo("AI tool search is in use by bot/a");
    assertThat(snippetDeleted.status()).isEqualTo(204);
    assertThat(standIn.promptSnippet("default", "voice")).isEmpty();
    assertThat(toolDeleted.status()).isEqualTo(204);
    assertThat(http.get(TOOLS + "/search").status()).isEqualTo(404);
  }

  @Test
  void staleReadsFaultsAndCallCountsCoverToolsAndSnippets() {
    http.post(CONFIGS, "{\"key\":\"search\",\"name\":\"A config of the same key\"}");
    http.post(TOOLS, "{\"key\":\"search\",\"schema\":{},\"description\":\"first\"}");
    http.post(SNIPPETS, "{\"key\":\"search\",\"name\":\"A snippet of the same key\",\"text\":\"T\"}");
    standIn.staleReadsAfterPatch(1);
    standIn.failNext(Route.PROMPT_SNIPPET, "GET", 503, "service_unavailable", "maintenance", 1);

    http.patch(TOOLS + "/search", "{\"description\":\"second\"}");
    JsonNode config = http.get(CONFIGS + "/search").json();
    String stale = http.get(TOOLS + "/search").json().path("description").asText();
    String fresh = http.get(TOOLS + "/search").json().path("description").asText();
    int failed = http.get(SNIPPETS + "/search").status();

    assertThat(config.path("name").asText()).as("not a stale read of the tool").isEqualTo("A config of the same key");
    assertThat(stale).isEqualTo("first");
    assertThat(fresh).isEqualTo("second");
    assertThat(failed).isEqualTo(503);
    assertThat(standIn.faultsInjected()).containsEntry("stale-read", 1L).containsEntry("5xx", 1L);
    assertThat(standIn.count("POST", Route.TOOLS)).isEqualTo(1);
    assertThat(standIn.count("PATCH", Route.TOOL)).isEqualTo(1);
    assertThat(standIn.count("GET", Route.TOOL)).isEqualTo(2);
    assertThat(standIn.count("POST", Route.PROMPT_SNIPPETS)).isEqualTo(1);
    assertThat(standIn.count("GET", Route.PROMPT_SNIPPET)).isEqualTo(1);
  }

  @Test
  void seededAndEditedToolsAndSnippetsBehaveLikeTheUserInterface() {
    standIn.putTool("default", object("{\"key\":\"search\",\"version\":3,\"schema\":{\"type\":\"object\"}}"));
    standIn.putPromptSnippet("default", object("{\"key\":\"voice\",\"name\":\"V\",\"text\":\"Be warm.\"}"));
    standIn.editTool("default", "search", tool -> tool.put("description", "edited in the UI"));
    standIn.editPromptSnippet("default", "voice", snippet -> snippet.put("text", "Be cold."));
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\",\"defaultVariation\":{\"key\":\"a\",\"name\":\"A\","
        + "\"tools\":[{\"key\":\"search\",\"version\":2}]}}");

    assertThat(standIn.tool("default", "search").orElseThrow().path("version").asInt()).isEqualTo(4);
    assertThat(http.get(TOOLS + "/search").json().path("description").asText()).isEqualTo("edited in the UI");
    assertThat(versionNumbers(http.get(TOOLS + "/search/versions").json())).containsExactly(4, 3, 2, 1);
    assertThat(standIn.promptSnippet("default", "voice").orElseThrow().path("text").asText()).isEqualTo("Be cold.");
    assertThat(standIn.promptSnippet("default", "voice").orElseThrow().path("version").asInt()).isEqualTo(2);
    assertThat(standIn.writes()).as("direct edits are not calls").isEqualTo(1);

    standIn.deleteToolDirectly("default", "search");
    assertThat(standIn.tool("default", "search")).as("deleted although pinned").isEmpty();
    standIn.reset();
    assertThat(standIn.promptSnippet("default", "voice")).isEmpty();
  }

  private static void assertRefused(StandInHttp.Answer answer, String message) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().path("code").asText()).isEqualTo("invalid_request");
    assertThat(answer.json().path("message").asText()).isEqualTo(message);
  }

  private static ObjectNode object(String json) {
    try {
      return (ObjectNode) StandInHttp.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> keys(JsonNode page) {
    List<String> keys = new ArrayList<>();
    page.path("items").forEach(item -> keys.add(item.path("key").asText()));
    return keys;
  }

  private static List<Integer> versionNumbers(JsonNode page) {
    List<Integer> versions = new ArrayList<>();
    page.path("items").forEach(item -> versions.add(item.path("version").asInt()));
    return versions;
  }
}
