package dev.ldai.operator.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.testing.ManualClock;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LaunchDarklyStandInTest extends StandInOverHttp {

  static final String CONFIGS = "/api/v2/projects/default/ai-configs";
  static final String MODELS = CONFIGS + "/model-configs";
  static final String OWNER_TAG = "ldai-operator_aiconfig_support_bot";
  static final String OTHER_OWNER_TAG = "ldai-operator_aiconfig_elsewhere_bot";

  @Test
  void aMissingOrUnknownTokenIs401WithLaunchDarklysErrorBody() {
    StandInHttp.Answer none = http.withToken(null).get(CONFIGS);
    StandInHttp.Answer wrong = http.withToken("Bearer " + LaunchDarklyStandIn.DEFAULT_TOKEN).get(CONFIGS);

    assertThat(none.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().path("code").asText()).isEqualTo("unauthorized");
    assertThat(wrong.json().path("message").asText()).isNotBlank();
    assertThat(wrong.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void configsAreCreatedReadPatchedAndDeleted() {
    StandInHttp.Answer created = http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\",\"tags\":[\"a\"]}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode config = created.json();
    assertThat(config.path("version").asInt()).isEqualTo(1);
    assertThat(config.path("mode").asText()).isEqualTo("completion");
    assertThat(config.path("description").asText()).isEmpty();
    assertThat(config.path("variations").isArray()).isTrue();
    assertThat(config.path("_links").path("self").path("href").asText()).isEqualTo(CONFIGS + "/bot");

    StandInHttp.Answer patched = http.patch(CONFIGS + "/bot", "{\"description\":\"new\"}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().path("version").asInt()).isEqualTo(2);
    assertThat(patched.json().path("updatedAt").asLong()).isGreaterThanOrEqualTo(config.path("updatedAt").asLong());
    assertThat(http.get(CONFIGS + "/bot").json().path("description").asText()).isEqualTo("new");

    assertThat(http.delete(CONFIGS + "/bot").status()).isEqualTo(204);
    assertThat(http.get(CONFIGS + "/bot").status()).isEqualTo(404);
    assertThat(http.delete(CONFIGS + "/bot").status()).isEqualTo(404);
  }

  @Test
  void badConfigRequestsAreRefusedWithTheReason() {
    assertThat(http.post(CONFIGS, "{\"name\":\"No key\"}").json().path("message").asText()).isEqualTo("key is required");
    assertThat(http.post(CONFIGS, "{\"key\":\"-bad\",\"name\":\"x\"}").status()).isEqualTo(400);
    assertThat(http.post(CONFIGS, "{\"key\":\"ok\",\"name\":\"x\",\"mode\":\"chat\"}").status()).isEqualTo(400);
    assertThat(http.post(CONFIGS, "not json").status()).isEqualTo(400);
    http.post(CONFIGS, "{\"key\":\"ok\",\"name\":\"x\"}");
    assertThat(http.post(CONFIGS, "{\"key\":\"ok\",\"name\":\"x\"}").status()).isEqualTo(409);
    assertThat(http.get("/api/v2/projects/nope/ai-configs").status()).isEqualTo(404);
  }

  @Test
  void listsArePaginatedWithLinks() {
    IntStream.range(0, 250).forEach(i -> http.post(CONFIGS, "{\"key\":\"c%03d\",\"name\":\"C\"}".formatted(i)));

    JsonNode first = http.get(CONFIGS + "?limit=100&offset=0").json();
    JsonNode last = http.get(CONFIGS + "?limit=100&offset=200").json();

    assertThat(first.path("totalCount").asInt()).isEqualTo(250);
    assertThat(first.path("items")).hasSize(100);
    assertThat(first.path("items").get(0).path("key").asText()).isEqualTo("c000");
    assertThat(first.path("_links").path("next").path("href").asText()).isEqualTo(CONFIGS + "?limit=100&offset=100");
    assertThat(first.path("_links").has("prev")).isFalse();
    assertThat(last.path("items")).hasSize(50);
    assertThat(last.path("_links").has("next")).isFalse();
    assertThat(last.path("_links").path("prev").path("href").asText()).isEqualTo(CONFIGS + "?limit=100&offset=100");
    assertThat(http.get(CONFIGS + "?limit=101").status()).isEqualTo(400);
  }

  @Test
  void defaultVariationOnCreateBecomesTheConfigsFirstVariation() {
    StandInHttp.Answer created = http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\",\"defaultVariation\":"
        + "{\"key\":\"standard\",\"name\":\"Standard\",\"instructions\":\"Act\",\"modelConfigKey\":\"OpenAI.gpt-4o\","
        + "\"messages\":[{\"role\":\"system\",\"content\":\"Hi\"}]}}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("version").asInt()).isEqualTo(1);
    assertThat(created.json().path("variations")).singleElement().satisfies(v -> {
      assertThat(v.path("key").asText()).isEqualTo("standard");
      assertThat(v.path("version").asInt()).isEqualTo(1);
      assertThat(v.path("modelConfigKey").asText()).isEqualTo("OpenAI.gpt-4o");
    });
    assertThat(standIn.variationVersions("default", "bot", "standard")).singleElement()
        .satisfies(v -> assertThat(v.path("instructions").asText()).isEqualTo("Act"));
    assertThat(http.get(CONFIGS + "/bot/variations/standard").json().path("totalCount").asInt()).isEqualTo(1);

    StandInHttp.Answer unknownModel = http.post(CONFIGS, "{\"key\":\"other\",\"name\":\"Other\",\"defaultVariation\":"
        + "{\"key\":\"v\",\"name\":\"V\",\"modelConfigKey\":\"missing\"}}");
    assertThat(unknownModel.status()).isEqualTo(400);
    assertThat(standIn.config("default", "other")).as("nothing created").isEmpty();
  }

  @Test
  void listsAreSortedByTheRequestedField() {
    http.post(CONFIGS, "{\"key\":\"b\",\"name\":\"Zulu\"}");
    http.post(CONFIGS, "{\"key\":\"c\",\"name\":\"Alpha\"}");
    http.post(CONFIGS, "{\"key\":\"a\",\"name\":\"Mike\"}");

    assertThat(keys(http.get(CONFIGS).json())).containsExactly("b", "c", "a");
    assertThat(keys(http.get(CONFIGS + "?sort=key").json())).containsExactly("a", "b", "c");
    assertThat(keys(http.get(CONFIGS + "?sort=-key").json())).containsExactly("c", "b", "a");
    assertThat(keys(http.get(CONFIGS + "?sort=name").json())).containsExactly("c", "a", "b");
    standIn.putConfig("default", (com.fasterxml.jackson.databind.node.ObjectNode) StandInHttp.JSON.createObjectNode()
        .put("key", "old").put("name", "Old").put("createdAt", 1).put("updatedAt", 2));
    assertThat(keys(http.get(CONFIGS + "?sort=updatedAt").json()).get(0)).isEqualTo("old");
    assertThat(keys(http.get(CONFIGS + "?sort=-createdAt").json()).get(3)).isEqualTo("old");
    standIn.deleteConfigDirectly("default", "old");
    JsonNode paged = http.get(CONFIGS + "?sort=-name&limit=1&offset=1").json();
    assertThat(keys(paged)).containsExactly("a");
    assertThat(paged.path("_links").path("next").path("href").asText()).isEqualTo(CONFIGS + "?limit=1&offset=2&sort=-name");

    StandInHttp.Answer unsupported = http.get(CONFIGS + "?sort=tags");
    assertThat(unsupported.status()).isEqualTo(400);
    assertThat(unsupported.json().path("message").asText()).startsWith("sort: unsupported value tags");
  }

  @Test
  void listsAreFilteredByQueryTagsAndMode() {
    http.post(CONFIGS, "{\"key\":\"support-bot\",\"name\":\"Support\",\"tags\":[\"team-a\",\"prod\"]}");
    http.post(CONFIGS, "{\"key\":\"sales-bot\",\"name\":\"Sales helper\",\"tags\":[\"team-a\"],\"mode\":\"agent\"}");
    http.post(CONFIGS, "{\"key\":\"judge\",\"name\":\"Judge\",\"mode\":\"judge\"}");

    assertThat(keys(http.get(CONFIGS + "?filter=query:HELPER").json())).containsExactly("sales-bot");
    assertThat(keys(http.get(CONFIGS + "?filter=query:bot").json())).containsExactly("support-bot", "sales-bot");
    assertThat(keys(http.get(CONFIGS + "?filter=tags:team-a%2Bprod").json())).containsExactly("support-bot");
    assertThat(keys(http.get(CONFIGS + "?filter=mode:agent").json())).containsExactly("sales-bot");
    JsonNode both = http.get(CONFIGS + "?filter=tags:team-a,mode:completion").json();
    assertThat(keys(both)).containsExactly("support-bot");
    assertThat(both.path("totalCount").asInt()).isEqualTo(1);
    assertThat(both.path("_links").path("self").path("href").asText())
        .isEqualTo(CONFIGS + "?limit=20&offset=0&filter=tags%3Ateam-a%2Cmode%3Acompletion");

    assertThat(http.get(CONFIGS + "?filter=maintainer:me").status()).isEqualTo(400);
    assertThat(http.get(CONFIGS + "?filter=query").status()).isEqualTo(400);
  }

  @Test
  void configTagsAreStoredAnsweredByGetAndTheListingAndReplacedByAPatch() {
    http.post(CONFIGS, "{\"key\":\"first\",\"name\":\"First\"}");
    StandInHttp.Answer created =
        http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\",\"tags\":[\"team-a\",\"" + OWNER_TAG + "\"]}");

    assertThat(tags(created.json())).containsExactly("team-a", OWNER_TAG);
    assertThat(tags(http.get(CONFIGS + "/bot").json())).containsExactly("team-a", OWNER_TAG);
    JsonNode secondPage = http.get(CONFIGS + "?limit=1&offset=1").json().path("items").get(0);
    assertThat(secondPage.path("key").asText()).isEqualTo("bot");
    assertThat(tags(secondPage)).as("the listing's second page").containsExactly("team-a", OWNER_TAG);

    StandInHttp.Answer patched = http.patch(CONFIGS + "/bot", "{\"tags\":[\"team-b\",\"" + OTHER_OWNER_TAG + "\"]}");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(tags(http.get(CONFIGS + "/bot").json())).containsExactly("team-b", OTHER_OWNER_TAG);
    assertThat(tags(http.get(CONFIGS + "?limit=1&offset=1").json().path("items").get(0)))
        .containsExactly("team-b", OTHER_OWNER_TAG);
    assertThat(tags(http.get(CONFIGS + "/first").json())).as("a config created without tags").isEmpty();
  }

  @Test
  void modelConfigTagsAreStoredAndAnsweredButCannotBePatched() {
    StandInHttp.Answer created =
        http.post(MODELS, "{\"key\":\"house\",\"name\":\"House\",\"id\":\"gpt-4o\",\"tags\":[\"x\",\"" + OWNER_TAG + "\"]}");

    assertThat(tags(created.json())).containsExactly("x", OWNER_TAG);
    assertThat(tags(http.get(MODELS + "/house").json())).containsExactly("x", OWNER_TAG);
    assertThat(http.get(MODELS).json()).filteredOn(m -> m.path("key").asText().equals("house"))
        .singleElement().satisfies(m -> assertThat(tags(m)).containsExactly("x", OWNER_TAG));
    assertThat(http.patch(MODELS + "/house", "{\"tags\":[\"y\"]}").status()).isEqualTo(405);
    assertThat(tags(http.get(MODELS + "/house").json())).containsExactly("x", OWNER_TAG);
  }

  @Test
  void staleReadsAnswerTheStateBeforeAPatchForTheGivenNumberOfReads() {
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    http.post(CONFIGS + "/bot/variations", "{\"key\":\"v\",\"name\":\"V\"}");
    standIn.staleReadsAfterPatch(2);

    JsonNode patched = http.patch(CONFIGS + "/bot/variations/v", "{\"name\":\"V2\"}").json();
    http.patch(CONFIGS + "/bot", "{\"name\":\"Bot 2\"}");

    assertThat(patched.path("version").asInt()).isEqualTo(2);
    assertThat(http.get(CONFIGS + "/bot/variations/v").json().path("totalCount").asInt()).isEqualTo(1);
    assertThat(http.get(CONFIGS + "/bot/variations/v").json().path("items").get(0).path("name").asText()).isEqualTo("V");
    assertThat(http.get(CONFIGS + "/bot/variations/v").json().path("totalCount").asInt()).isEqualTo(2);
    assertThat(http.get(CONFIGS + "/bot").json().path("name").asText()).isEqualTo("Bot");
    assertThat(http.get(CONFIGS).json().path("items").get(0).path("variations").get(0).path("version").asInt())
        .as("the listing is not stale").isEqualTo(2);
    assertThat(standIn.faultsInjected()).containsEntry("stale-read", 3L);
  }

  @Test
  void staleReadsCanLastADuration() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (LaunchDarklyStandIn timed = LaunchDarklyStandIn.start(0, clock)) {
      StandInHttp timedHttp = new StandInHttp(timed.baseUrl(), LaunchDarklyStandIn.DEFAULT_TOKEN);
      timedHttp.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
      timed.staleReadsAfterPatch(Duration.ofSeconds(5));
      timedHttp.patch(CONFIGS + "/bot", "{\"name\":\"Bot 2\"}");

      clock.advance(Duration.ofSeconds(4));
      String during = timedHttp.get(CONFIGS + "/bot").json().path("name").asText();
      String stillDuring = timedHttp.get(CONFIGS + "/bot").json().path("name").asText();
      clock.advance(Duration.ofSeconds(1));
      String after = timedHttp.get(CONFIGS + "/bot").json().path("name").asText();

      assertThat(during).isEqualTo("Bot");
      assertThat(stillDuring).isEqualTo("Bot");
      assertThat(after).isEqualTo("Bot 2");
    }
  }

  @Test
  void getVariationListsVersionsInTheConfiguredOrder() {
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    http.post(CONFIGS + "/bot/variations", "{\"key\":\"v\",\"name\":\"V\"}");
    IntStream.range(0, 7).forEach(i -> http.patch(CONFIGS + "/bot/variations/v", "{\"name\":\"V" + i + "\"}"));

    standIn.versionOrder(VersionOrder.OLDEST_FIRST);
    List<Integer> oldestFirst = versionNumbers(http.get(CONFIGS + "/bot/variations/v").json());
    standIn.versionOrder(VersionOrder.SHUFFLED);
    List<Integer> shuffled = versionNumbers(http.get(CONFIGS + "/bot/variations/v").json());
    standIn.reset();

    assertThat(oldestFirst).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(shuffled).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8)
        .isNotEqualTo(oldestFirst).isNotEqualTo(List.of(8, 7, 6, 5, 4, 3, 2, 1));
  }

  @Test
  void variationPatchesAddVersionsAndGetVariationListsThemNewestFirst() {
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    StandInHttp.Answer created = http.post(CONFIGS + "/bot/variations",
        "{\"key\":\"v1\",\"name\":\"V1\",\"instructions\":\"Act\",\"description\":\"d\",\"model\":{\"modelName\":\"gpt-4o\"}}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("version").asInt()).isEqualTo(1);

    http.patch(CONFIGS + "/bot/variations/v1", "{\"messages\":[{\"role\":\"system\",\"content\":\"Hi\"}]}");
    JsonNode archived = http.patch(CONFIGS + "/bot/variations/v1", "{\"state\":\"archived\"}").json();
    JsonNode versions = http.get(CONFIGS + "/bot/variations/v1").json();

    assertThat(archived.path("_archivedAt").isNumber()).isTrue();
    assertThat(versions.path("totalCount").asInt()).isEqualTo(3);
    assertThat(versions.path("items")).extracting(v -> v.path("version").asInt()).containsExactly(3, 2, 1);
    assertThat(versions.path("items").get(0).path("_id").asText()).isNotEqualTo(versions.path("items").get(1).path("_id").asText());
    assertThat(versions.path("items").get(0).path("messages").get(0).path("content").asText()).isEqualTo("Hi");
    assertThat(versions.path("items").get(0).has("instructions")).as("omitted by the real API").isFalse();
    assertThat(versions.path("items").get(0).has("description")).as("omitted by the real API").isFalse();
    assertThat(standIn.variationVersions("default", "bot", "v1").get(2).path("instructions").asText()).isEqualTo("Act");
    assertThat(http.get(CONFIGS + "/bot").json().path("variations").get(0).path("version").asInt()).isEqualTo(3);
  }

  @Test
  void theLastVariationOfAConfigCannotBeDeleted() {
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    http.post(CONFIGS + "/bot/variations", "{\"key\":\"a\",\"name\":\"A\"}");
    http.post(CONFIGS + "/bot/variations", "{\"key\":\"b\",\"name\":\"B\"}");

    assertThat(http.delete(CONFIGS + "/bot/variations/a").status()).isEqualTo(204);
    StandInHttp.Answer refused = http.delete(CONFIGS + "/bot/variations/b");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("last variation");
  }

  @Test
  void modelConfigsIncludeGlobalOnesAndAreRefusedDeletionWhileInUse() {
    StandInHttp.Answer created = http.post(MODELS, "{\"key\":\"house\",\"name\":\"House\",\"id\":\"gpt-4o\"}");
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().path("global").asBoolean()).isFalse();
    assertThat(http.get(MODELS).json()).extracting(m -> m.path("key").asText()).contains("house", "OpenAI.gpt-4o");
    assertThat(http.post(MODELS, "{\"key\":\"house\",\"name\":\"House\",\"id\":\"gpt-4o\"}").status()).isEqualTo(409);
    assertThat(http.post(MODELS, "{\"key\":\"noid\",\"name\":\"No id\"}").status()).isEqualTo(400);
    assertThat(http.patch(MODELS + "/house", "{\"name\":\"x\"}").status()).isEqualTo(405);

    http.post(CONFIGS, "{\"key\":\"chat\",\"name\":\"Chat\"}");
    http.post(CONFIGS + "/chat/variations", "{\"key\":\"friendly\",\"name\":\"F\",\"modelConfigKey\":\"house\"}");
    StandInHttp.Answer inUse = http.delete(MODELS + "/house");
    StandInHttp.Answer global = http.delete(MODELS + "/OpenAI.gpt-4o");

    assertThat(inUse.status()).isEqualTo(400);
    assertThat(inUse.json().path("message").asText()).contains("in use").contains("chat/friendly");
    assertThat(global.status()).isEqualTo(400);
    assertThat(http.post(CONFIGS + "/chat/variations", "{\"key\":\"x\",\"name\":\"X\",\"modelConfigKey\":\"missing\"}").status())
        .isEqualTo(400);
  }

  @Test
  void callsAreLoggedAndCounted() {
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    http.get(CONFIGS + "/bot");
    http.get(MODELS);

    assertThat(standIn.count("POST", Route.CONFIGS)).isEqualTo(1);
    assertThat(standIn.count("GET", Route.CONFIG)).isEqualTo(1);
    assertThat(standIn.count("GET", Route.MODEL_CONFIGS)).isEqualTo(1);
    assertThat(standIn.writes()).isEqualTo(1);
    Call first = standIn.calls().get(0);
    assertThat(first).isEqualTo(new Call("POST", CONFIGS, null, Route.CONFIGS, 201, "{\"key\":\"bot\",\"name\":\"Bot\"}",
        first.headers(), "20240415", first.receivedAt(), 0));
    assertThat(first.headers()).containsEntry("authorization", java.util.List.of(Call.MASKED))
        .containsEntry("content-type", java.util.List.of("application/json"));
    assertThat(standIn.calls().get(2).query()).isNull();
    assertThat(first.receivedAt()).isPositive();
  }

  @Test
  void injectedErrorsAndRateLimitsAnswerInsteadOfTheRoute() {
    standIn.failNext(Route.CONFIGS, "POST", 503, "service_unavailable", "maintenance", 1);
    standIn.rateLimitNext(Route.CONFIG, "GET", 1, Duration.ofSeconds(3));

    StandInHttp.Answer failed = http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    StandInHttp.Answer limited = http.get(CONFIGS + "/bot");

    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.json().path("message").asText()).isEqualTo("maintenance");
    assertThat(standIn.config("default", "bot")).isEmpty();
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("3");
    assertThat(Long.parseLong(limited.header("X-Ratelimit-Reset"))).isGreaterThan(System.currentTimeMillis());
    assertThat(http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}").status()).isEqualTo(201);
  }

  @Test
  void aRateLimitWindowRefusesEveryCallUntilItEnds() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (LaunchDarklyStandIn timed = LaunchDarklyStandIn.start(0, clock)) {
      StandInHttp timedHttp = new StandInHttp(timed.baseUrl(), LaunchDarklyStandIn.DEFAULT_TOKEN);
      timed.rateLimitFor(null, null, Duration.ofSeconds(2));

      List<Integer> during = IntStream.range(0, 5).mapToObj(i -> timedHttp.get(CONFIGS).status()).toList();
      StandInHttp.Answer refused = timedHttp.get(CONFIGS);
      clock.advance(Duration.ofSeconds(2));
      int after = timedHttp.get(CONFIGS).status();

      assertThat(during).containsOnly(429);
      assertThat(refused.header("Retry-After")).isEqualTo("2");
      assertThat(after).isEqualTo(200);
      assertThat(timed.faultsInjected()).containsEntry("429", 6L);
    }
  }

  @Test
  void aLostResponseStillAppliesTheWrite() {
    standIn.applyButLoseResponse(Route.CONFIGS, "POST", 1);

    assertThatThrownBy(() -> http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}")).isInstanceOf(UncheckedIOException.class);
    assertThat(standIn.config("default", "bot")).isPresent();
    assertThat(standIn.calls().get(0).status()).isZero();
  }

  @Test
  void aDroppedConnectionAppliesNothing() {
    standIn.dropConnectionsRandomly(Route.CONFIGS, "POST", 1.0);

    assertThatThrownBy(() -> http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}")).isInstanceOf(UncheckedIOException.class);
    assertThat(standIn.config("default", "bot")).isEmpty();
    assertThat(standIn.faultsInjected()).containsEntry("dropped-connection", 1L);
  }

  @Test
  void randomFaultsHitAboutTheirRateReproduciblyAndAreCountedByKind() {
    standIn.failRandomly(Route.MODEL_CONFIGS, "GET", 0.3, 503);

    int failed = 0;
    for (int i = 0; i < 200; i++) {
      if (http.get(MODELS).status() == 503) {
        failed++;
      }
    }
    standIn.reset();
    standIn.failRandomly(Route.MODEL_CONFIGS, "GET", 0.3, 503);
    int failedAgain = 0;
    for (int i = 0; i < 200; i++) {
      if (http.get(MODELS).status() == 503) {
        failedAgain++;
      }
    }

    assertThat(failed).isBetween(40, 80);
    assertThat(failedAgain).isEqualTo(failed);
    assertThat(standIn.faultsInjected()).isEqualTo(java.util.Map.of("5xx", (long) failed));
  }

  @Test
  void a429RecordsWhenTheClientMayCallAgain() {
    standIn.rateLimitNext(Route.CONFIG, "GET", 1, Duration.ofSeconds(4));

    http.get(CONFIGS + "/bot");

    Call limited = standIn.calls().get(0);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.retryAt() - limited.receivedAt()).isBetween(3_900L, 4_100L);
    assertThat(standIn.faultsInjected()).containsEntry("429", 1L);
  }

  @Test
  void theRateLimitBudgetIsReportedAndEnforced() {
    standIn.rateLimit(2, Duration.ofMinutes(1));

    StandInHttp.Answer first = http.get(MODELS);
    http.get(MODELS);
    StandInHttp.Answer third = http.get(MODELS);

    assertThat(first.header("X-Ratelimit-Global-Remaining")).isEqualTo("1");
    assertThat(first.header("X-Ratelimit-Route-Remaining")).isEqualTo("1");
    assertThat(third.status()).isEqualTo(429);
    assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 60L);
  }

  @Test
  void directEditsBehaveLikeTheUserInterface() {
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    http.post(CONFIGS + "/bot/variations", "{\"key\":\"v\",\"name\":\"V\"}");

    standIn.editConfig("default", "bot", c -> c.put("name", "Renamed"));
    standIn.editVariation("default", "bot", "v", v -> v.put("name", "Renamed too"));

    assertThat(http.get(CONFIGS + "/bot").json().path("name").asText()).isEqualTo("Renamed");
    assertThat(http.get(CONFIGS + "/bot/variations/v").json().path("totalCount").asInt()).isEqualTo(2);
    assertThat(standIn.writes()).isEqualTo(2);
  }

  @Test
  void resetForgetsEverything() {
    http.post(CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\"}");
    standIn.addToken("api-extra");
    standIn.latency(Duration.ofMillis(1));

    standIn.reset();

    assertThat(standIn.config("default", "bot")).isEmpty();
    assertThat(standIn.calls()).isEmpty();
    assertThat(http.withToken("api-extra").get(CONFIGS).status()).isEqualTo(401);
    assertThat(http.get(MODELS).json()).extracting(m -> m.path("key").asText()).contains("OpenAI.gpt-4o");
  }

  private static List<String> tags(JsonNode object) {
    List<String> tags = new ArrayList<>();
    object.path("tags").forEach(tag -> tags.add(tag.asText()));
    return tags;
  }

  private static List<String> keys(JsonNode page) {
    List<String> keys = new ArrayList<>();
    page.path("items").forEach(item -> keys.add(item.path("key").asText()));
    return keys;
  }

  private static List<Integer> versionNumbers(JsonNode variation) {
    List<Integer> versions = new ArrayList<>();
    variation.path("items").forEach(item -> versions.add(item.path("version").asInt()));
    return versions;
  }
}
