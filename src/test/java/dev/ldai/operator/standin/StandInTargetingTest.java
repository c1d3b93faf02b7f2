package dev.ldai.operator.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An AI Config's targeting per environment: its shape, every semantic-patch instruction kind, the
 * refusals (each leaving the targeting as it was), versions, variations coming and going, direct edits,
 * faults and the call log.
 */
class StandInTargetingTest extends StandInOverHttp {

  static final String CONFIGS = "/api/v2/projects/default/ai-configs";
  static final String TARGETING = CONFIGS + "/bot/targeting";

  /** Config {@code bot} with variations {@code standard} (index 1) and {@code concise} (index 2). */
  @BeforeEach
  void createConfigBotWithTwoVariations() {
    http.post(CONFIGS, """
        {"key": "bot", "name": "Bot", "tags": ["support"], "defaultVariation": {"key": "standard", "name": "Standard",
         "modelConfigKey": "OpenAI.gpt-4o", "messages": [{"role": "system", "content": "Be kind"}]}}""");
    http.post(CONFIGS + "/bot/variations", """
        {"key": "concise", "name": "Concise", "model": {"modelName": "gpt-4o-mini", "parameters": {"temperature": 0.2}}}""");
  }

  @Test
  void aNewConfigServesTheDisabledVariationInEveryEnvironment() {
    StandInHttp.Answer answer = http.get(TARGETING);
    JsonNode targeting = answer.json();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(targeting.path("key").asText()).isEqualTo("bot");
    assertThat(targeting.path("name").asText()).isEqualTo("Bot");
    assertThat(targeting.path("tags").get(0).asText()).isEqualTo("support");
    assertThat(targeting.path("_version").asInt()).isEqualTo(2);
    assertThat(fieldNames(targeting.path("environments"))).containsExactly("production", "test");
    JsonNode production = targeting.path("environments").path("production");
    assertThat(production.path("_environmentName").asText()).isEqualTo("Production");
    assertThat(targeting.path("environments").path("test").path("_environmentName").asText()).isEqualTo("Test");
    assertThat(production.path("_version").asInt()).isEqualTo(1);
    assertThat(production.path("enabled").asBoolean()).isTrue();
    assertThat(production.path("fallthrough")).isEqualTo(json("{\"variation\": 0}"));
    assertThat(production.path("offVariation").asInt()).isZero();
    assertThat(production.path("rules")).isEmpty();
    assertThat(production.path("targets")).isEmpty();
    assertThat(production.path("contextTargets")).isEmpty();
    assertThat(production.path("lastModified").asLong()).isPositive();
    assertThat(targeting.path("defaults")).isEqualTo(json("{\"onVariation\": 0, \"offVariation\": 0}"));
    assertThat(targeting.path("variations")).extracting(v -> v.path("name").asText())
        .containsExactly("disabled", "Standard", "Concise");
    assertThat(targeting.path("variations")).extracting(v -> v.path("_id").asText()).doesNotHaveDuplicates();
  }

  @Test
  void eachVariationServesItsValueAsTheAiSdksReadIt() {
    JsonNode variations = http.get(TARGETING).json().path("variations");

    assertThat(variations.get(0).path("value")).isEqualTo(json("{\"_ldMeta\": {\"enabled\": false}}"));
    assertThat(variations.get(1).path("value")).isEqualTo(json("""
        {"_ldMeta": {"variationKey": "standard", "enabled": true, "version": 1, "mode": "completion"},
         "model": {"name": "gpt-4o"}, "provider": {"name": "openai"},
         "messages": [{"role": "system", "content": "Be kind"}]}"""));
    assertThat(variations.get(2).path("value")).isEqualTo(json("""
        {"_ldMeta": {"variationKey": "concise", "enabled": true, "version": 1, "mode": "completion"},
         "model": {"name": "gpt-4o-mini", "parameters": {"temperature": 0.2}}}"""));
  }

  @Test
  void anAgentVariationServesItsInstructionsJudgesAndLatestVersion() {
    http.post(CONFIGS, """
        {"key": "agent", "name": "Agent", "mode": "agent", "defaultVariation": {"key": "helper", "name": "Helper",
         "instructions": "Help", "judgeConfiguration": {"judges": [{"judgeConfigKey": "tone", "samplingRate": 0.5}]}}}""");
    http.patch(CONFIGS + "/agent/variations/helper", "{\"instructions\": \"Help briefly\"}");

    JsonNode value = standIn.targeting("default", "agent").orElseThrow().path("variations").get(1).path("value");

    assertThat(value.path("_ldMeta")).isEqualTo(
        json("{\"variationKey\": \"helper\", \"enabled\": true, \"version\": 2, \"mode\": \"agent\"}"));
    assertThat(value.path("instructions").asText()).isEqualTo("Help briefly");
    assertThat(value.path("judgeConfiguration")).isEqualTo(json("{\"judges\": [{\"key\": \"tone\", \"samplingRate\": 0.5}]}"));
  }

  @Test
  void theFallthroughAndOffVariationChangeInTheirEnvironmentOnly() {
    JsonNode patched = patch("production",
        "{\"kind\": \"updateFallthroughVariationOrRollout\", \"variationId\": \"%s\"}".formatted(id(1)),
        "{\"kind\": \"updateOffVariation\", \"variationId\": \"%s\"}".formatted(id(2))).json();

    JsonNode production = patched.path("environments").path("production");
    assertThat(production.path("fallthrough")).isEqualTo(json("{\"variation\": 1}"));
    assertThat(production.path("offVariation").asInt()).isEqualTo(2);
    assertThat(production.path("_version").asInt()).as("one patch, one version").isEqualTo(2);
    assertThat(patched.path("_version").asInt()).isEqualTo(3);
    assertThat(patched.path("environments").path("test").path("_version").asInt()).isEqualTo(1);
    assertThat(patched.path("environments").path("test").path("fallthrough")).isEqualTo(json("{\"variation\": 0}"));
    assertThat(http.get(TARGETING).json()).isEqualTo(patched);
  }

  @Test
  void theFallthroughServesAPercentageRollout() {
    JsonNode fallthrough = environment(patch("test", """
        {"kind": "updateFallthroughVariationOrRollout", "rolloutWeights": {"%s": 60000, "%s": 40000},
         "rolloutBucketBy": "orgId", "rolloutContextKind": "organization"}""".formatted(id(2), id(1))), "test")
        .path("fallthrough");

    assertThat(fallthrough).isEqualTo(json("""
        {"rollout": {"variations": [{"variation": 1, "weight": 40000}, {"variation": 2, "weight": 60000}],
         "contextKind": "organization", "bucketBy": "orgId"}}"""));
    JsonNode back = environment(patch("test",
        "{\"kind\": \"updateFallthroughVariationOrRollout\", \"variationId\": \"%s\"}".formatted(id(1))), "test");
    assertThat(back.path("fallthrough")).isEqualTo(json("{\"variation\": 1}"));
  }

  @Test
  void rulesAreAddedInOrderServedDescribedAndRemoved() {
    JsonNode rules = environment(patch("production", """
        {"kind": "addRule", "variationId": "%s", "description": "Beta",
         "clauses": [{"contextKind": "user", "attribute": "groups", "op": "in", "values": ["beta"]}]}""".formatted(id(1)),
        """
        {"kind": "addRule", "rolloutWeights": {"%s": 100000}, "clauses": []}""".formatted(id(2))), "production")
        .path("rules");
    String beta = rules.get(0).path("_id").asText();
    String second = rules.get(1).path("_id").asText();

    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).path("description").asText()).isEqualTo("Beta");
    assertThat(rules.get(0).path("variation").asInt()).isEqualTo(1);
    assertThat(rules.get(0).path("trackEvents").asBoolean()).isFalse();
    JsonNode clause = rules.get(0).path("clauses").get(0);
    assertThat(clause.path("id").asText()).isNotBlank();
    assertThat(clause.path("attribute").asText()).isEqualTo("groups");
    assertThat(clause.path("op").asText()).isEqualTo("in");
    assertThat(clause.path("negate").asBoolean()).isFalse();
    assertThat(clause.path("values")).isEqualTo(json("[\"beta\"]"));
    assertThat(rules.get(1).path("rollout").path("variations")).isEqualTo(json("[{\"variation\": 2, \"weight\": 100000}]"));
    assertThat(beta).isNotEqualTo(second);

    rules = environment(patch("production",
        "{\"kind\": \"addRule\", \"beforeRuleId\": \"%s\", \"variationId\": \"%s\", \"clauses\": []}".formatted(second, id(0)),
        "{\"kind\": \"updateRuleVariationOrRollout\", \"ruleId\": \"%s\", \"variationId\": \"%s\"}".formatted(second, id(1)),
        "{\"kind\": \"updateRuleDescription\", \"ruleId\": \"%s\", \"description\": \"Everyone else\"}".formatted(second),
        "{\"kind\": \"updateRuleTrackEvents\", \"ruleId\": \"%s\", \"trackEvents\": true}".formatted(beta)), "production")
        .path("rules");
    String inserted = rules.get(1).path("_id").asText();

    assertThat(rules).extracting(r -> r.path("_id").asText()).containsExactly(beta, inserted, second);
    assertThat(rules.get(2).has("rollout")).isFalse();
    assertThat(rules.get(2).path("variation").asInt()).isEqualTo(1);
    assertThat(rules.get(2).path("description").asText()).isEqualTo("Everyone else");
    assertThat(rules.get(0).path("trackEvents").asBoolean()).isTrue();
    assertThat(rules.get(0).path("_id").asText()).as("stable").isEqualTo(beta);

    rules = environment(patch("production",
        "{\"kind\": \"reorderRules\", \"ruleIds\": [\"%s\", \"%s\", \"%s\"]}".formatted(second, beta, inserted),
        "{\"kind\": \"removeRule\", \"ruleId\": \"%s\"}".formatted(inserted),
        "{\"kind\": \"removeRule\", \"ruleId\": \"no-such-rule\"}"), "production").path("rules");

    assertThat(rules).extracting(r -> r.path("_id").asText()).containsExactly(second, beta);
  }

  @Test
  void rulesAreReplacedWhole() {
    patch("production", "{\"kind\": \"addRule\", \"variationId\": \"%s\", \"clauses\": []}".formatted(id(1)));

    JsonNode rules = environment(patch("production", """
        {"kind": "replaceRules", "rules": [
          {"variationId": "%s", "description": "Segment", "clauses": [{"attribute": "segmentMatch", "op": "segmentMatch", "values": ["vip"]}]},
          {"rolloutWeights": {"%s": 50000, "%s": 50000}, "rolloutBucketBy": "key", "clauses": []}]}""".formatted(id(2), id(1), id(2))),
        "production").path("rules");

    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).path("description").asText()).isEqualTo("Segment");
    assertThat(rules.get(0).path("clauses").get(0).path("contextKind").asText()).as("the default kind").isEqualTo("user");
    assertThat(rules.get(1).path("rollout")).isEqualTo(json("""
        {"variations": [{"variation": 1, "weight": 50000}, {"variation": 2, "weight": 50000}], "contextKind": "user", "bucketBy": "key"}"""));
  }

  @Test
  void clausesAreAddedUpdatedGivenValuesAndRemoved() {
    JsonNode rule = environment(patch("production", """
        {"kind": "addRule", "variationId": "%s",
         "clauses": [{"attribute": "country", "op": "in", "values": ["SE"]}]}""".formatted(id(1))), "production")
        .path("rules").get(0);
    String ruleId = rule.path("_id").asText();
    String country = rule.path("clauses").get(0).path("id").asText();

    JsonNode clauses = environment(patch("production", """
        {"kind": "addClauses", "ruleId": "%1$s", "clauses": [
          {"contextKind": "organization", "attribute": "plan", "op": "startsWith", "negate": true, "values": ["free"]}]}""".formatted(ruleId),
        """
        {"kind": "addValuesToClause", "ruleId": "%s", "clauseId": "%s", "values": ["NO", "SE", "DK"]}""".formatted(ruleId, country),
        """
        {"kind": "removeValuesFromClause", "ruleId": "%s", "clauseId": "%s", "values": ["DK"]}""".formatted(ruleId, country)),
        "production").path("rules").get(0).path("clauses");

    assertThat(clauses).hasSize(2);
    assertThat(clauses.get(0).path("values")).isEqualTo(json("[\"SE\", \"NO\"]"));
    assertThat(clauses.get(1).path("contextKind").asText()).isEqualTo("organization");
    assertThat(clauses.get(1).path("negate").asBoolean()).isTrue();
    String plan = clauses.get(1).path("id").asText();

    clauses = environment(patch("production", """
        {"kind": "updateClause", "ruleId": "%s", "clauseId": "%s",
         "clause": {"attribute": "version", "op": "semVerGreaterThan", "values": ["2.0.0"]}}""".formatted(ruleId, plan)),
        "production").path("rules").get(0).path("clauses");

    assertThat(clauses.get(1).path("id").asText()).as("the clause keeps its id").isEqualTo(plan);
    assertThat(clauses.get(1).path("attribute").asText()).isEqualTo("version");
    assertThat(clauses.get(1).path("negate").asBoolean()).isFalse();

    clauses = environment(patch("production",
        "{\"kind\": \"removeClauses\", \"ruleId\": \"%s\", \"clauseIds\": [\"%s\"]}".formatted(ruleId, country)),
        "production").path("rules").get(0).path("clauses");

    assertThat(clauses).extracting(c -> c.path("id").asText()).containsExactly(plan);
  }

  @Test
  void individualTargetsAreAddedRemovedClearedAndReplaced() {
    JsonNode environment = environment(patch("production",
        "{\"kind\": \"addTargets\", \"values\": [\"alice\", \"bob\"], \"variationId\": \"%s\"}".formatted(id(1)),
        "{\"kind\": \"addTargets\", \"contextKind\": \"device\", \"values\": [\"phone\"], \"variationId\": \"%s\"}".formatted(id(2)),
        "{\"kind\": \"removeTargets\", \"values\": [\"bob\", \"carol\"], \"variationId\": \"%s\"}".formatted(id(1))),
        "production");

    assertThat(environment.path("targets")).isEqualTo(json("[{\"contextKind\": \"user\", \"values\": [\"alice\"], \"variation\": 1}]"));
    assertThat(environment.path("contextTargets"))
        .isEqualTo(json("[{\"contextKind\": \"device\", \"values\": [\"phone\"], \"variation\": 2}]"));

    StandInHttp.Answer twice = patch("production",
        "{\"kind\": \"addTargets\", \"values\": [\"alice\"], \"variationId\": \"%s\"}".formatted(id(2)));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().path("message").asText())
        .isEqualTo("instructions[0].values: user alice is already a target of variation 1");

    environment = environment(patch("production",
        "{\"kind\": \"clearTargets\", \"variationId\": \"%s\"}".formatted(id(2))), "production");
    assertThat(environment.path("contextTargets")).isEmpty();
    assertThat(environment.path("targets")).hasSize(1);

    environment = environment(patch("production", """
        {"kind": "replaceTargets", "targets": [{"variationId": "%s", "values": ["dave"]},
          {"contextKind": "device", "variationId": "%s", "values": ["tablet"]}]}""".formatted(id(2), id(1))), "production");
    assertThat(environment.path("targets")).isEqualTo(json("[{\"contextKind\": \"user\", \"values\": [\"dave\"], \"variation\": 2}]"));
    assertThat(environment.path("contextTargets"))
        .isEqualTo(json("[{\"contextKind\": \"device\", \"values\": [\"tablet\"], \"variation\": 1}]"));
  }

  @Test
  void eventTrackingIsSwitchedForRulesAndTheFallthrough() {
    JsonNode environment = environment(patch("test",
        "{\"kind\": \"updateTrackEvents\", \"trackEvents\": true}",
        "{\"kind\": \"updateTrackEventsFallthrough\", \"trackEvents\": true}"), "test");

    assertThat(environment.path("trackEvents").asBoolean()).isTrue();
    assertThat(environment.path("trackEventsFallthrough").asBoolean()).isTrue();
  }

  @Test
  void theDefaultsAreNamedByValueAndServedByNewEnvironments() {
    JsonNode variations = http.get(TARGETING).json().path("variations");
    JsonNode patched = patch("production", "{\"kind\": \"updateDefaultVariation\", \"onVariationValue\": %s, \"offVariationValue\": %s}"
        .formatted(variations.get(2).path("value"), variations.get(0).path("value"))).json();

    assertThat(patched.path("defaults")).isEqualTo(json("{\"onVariation\": 2, \"offVariation\": 0}"));
    assertThat(patched.path("environments").path("production").path("_version").asInt())
        .as("the defaults are the config's, not the environment's").isEqualTo(1);

    standIn.addEnvironment("default", "staging", "Staging");
    JsonNode staging = standIn.targeting("default", "bot").orElseThrow().path("environments").path("staging");

    assertThat(staging.path("_environmentName").asText()).isEqualTo("Staging");
    assertThat(staging.path("fallthrough")).isEqualTo(json("{\"variation\": 2}"));
    assertThat(staging.path("_version").asInt()).isEqualTo(1);
    assertThat(environment(patch("staging",
        "{\"kind\": \"updateOffVariation\", \"variationId\": \"%s\"}".formatted(id(1))), "staging").path("offVariation").asInt())
        .isEqualTo(1);
  }

  @Test
  void aPatchThatChangesNothingAnswersWithoutANewVersion() {
    JsonNode before = http.get(TARGETING).json();

    StandInHttp.Answer same = patch("production",
        "{\"kind\": \"updateFallthroughVariationOrRollout\", \"variationId\": \"%s\"}".formatted(id(0)),
        "{\"kind\": \"removeTargets\", \"values\": [\"nobody\"], \"variationId\": \"%s\"}".formatted(id(1)));
    StandInHttp.Answer none = http.semanticPatch(TARGETING, "{\"environmentKey\": \"test\", \"instructions\": []}");

    assertThat(same.status()).isEqualTo(200);
    assertThat(same.json()).isEqualTo(before);
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json()).isEqualTo(before);
  }

  @Test
  void invalidPatchesAreRefusedWholeNamingTheProblem() {
    JsonNode before = http.get(TARGETING).json();
    String valid = "{\"kind\": \"updateOffVariation\", \"variationId\": \"%s\"}".formatted(id(1));

    assertRefused(body("production", valid, "{\"kind\": \"turnTargetingOn\"}"),
        "instructions[1].kind: unknown instruction turnTargetingOn");
    assertRefused(body("production", valid, "{\"kind\": \"updateOffVariation\", \"variationId\": \"v-404\"}"),
        "instructions[1].variationId: unknown variation v-404");
    assertRefused(body("production", valid, "{\"kind\": \"updateRuleDescription\", \"ruleId\": \"r-404\", \"description\": \"x\"}"),
        "instructions[1].ruleId: unknown rule r-404");
    assertRefused(body("production", valid, "{\"kind\": \"updateFallthroughVariationOrRollout\", \"rolloutWeights\": {\"%s\": 50000, \"%s\": 40000}}"
        .formatted(id(1), id(2))), "instructions[1].rolloutWeights: weights must add up to 100000, not 90000");
    assertRefused(body("production", valid, "{\"kind\": \"updateFallthroughVariationOrRollout\", \"rolloutWeights\": {\"v-404\": 100000}}"),
        "instructions[1].rolloutWeights: unknown variation v-404");
    assertRefused(body("production", valid, "{\"kind\": \"updateOffVariation\"}"), "instructions[1].variationId is required");
    assertRefused(body("production", valid, "{\"kind\": \"updateFallthroughVariationOrRollout\"}"),
        "instructions[1]: variationId or rolloutWeights is required");
    assertRefused(body("production", valid, "{\"kind\": \"addRule\", \"variationId\": \"%s\"}".formatted(id(1))),
        "instructions[1].clauses is required");
    assertRefused(body("production", valid, "{\"kind\": \"addRule\", \"variationId\": \"%s\", \"clauses\": [{\"attribute\": \"a\", \"op\": \"In\", \"values\": []}]}"
        .formatted(id(1))), "instructions[1].clauses[0].op: expected one of in, endsWith, startsWith, matches, contains, lessThan, "
        + "lessThanOrEqual, greaterThan, greaterThanOrEqual, before, after, segmentMatch, semVerEqual, semVerLessThan, semVerGreaterThan");
    assertRefused(body("production", valid, "{\"kind\": \"reorderRules\", \"ruleIds\": [\"r-404\"]}"),
        "instructions[1].ruleIds: must name each of the rules [] once");
    assertRefused(body("production", valid, "{\"variationId\": \"%s\"}".formatted(id(1))), "instructions[1].kind is required");
    assertRefused(body("staging", valid), "environmentKey: unknown environment staging");
    assertRefused("{\"instructions\": [%s]}".formatted(valid), "environmentKey is required");
    assertRefused("{\"environmentKey\": \"production\"}", "instructions is required");

    assertThat(http.get(TARGETING).json()).as("nothing applied").isEqualTo(before);
  }

  @Test
  void aPatchWithoutTheSemanticPatchMediaTypeIsRefused() {
    JsonNode before = http.get(TARGETING).json();
    String body = body("production", "{\"kind\": \"updateOffVariation\", \"variationId\": \"%s\"}".formatted(id(1)));

    StandInHttp.Answer plain = http.patch(TARGETING, body);

    assertThat(plain.status()).isEqualTo(400);
    assertThat(plain.json().path("code").asText()).isEqualTo("invalid_request");
    assertThat(plain.json().path("message").asText()).isEqualTo("A semantic patch needs Content-Type: application/json; "
        + "domain-model=launchdarkly.semanticpatch (got application/json)");
    assertThat(http.send("PATCH", TARGETING, body, "application/json;domain-model=launchdarkly.semanticpatch").status())
        .as("spacing is free").isEqualTo(200);
    assertThat(http.get(TARGETING).json().path("_version").asInt()).isEqualTo(before.path("_version").asInt() + 1);
  }

  @Test
  void aNewVariationIsAppendedAndADeletedOneRenumbersTheRest() {
    patch("production", "{\"kind\": \"updateFallthroughVariationOrRollout\", \"variationId\": \"%s\"}".formatted(id(2)));
    String concise = id(2);

    http.post(CONFIGS + "/bot/variations", "{\"key\": \"long\", \"name\": \"Long\"}");
    JsonNode added = http.get(TARGETING).json();

    assertThat(added.path("variations")).extracting(v -> v.path("name").asText())
        .containsExactly("disabled", "Standard", "Concise", "Long");
    assertThat(added.path("variations").get(3).path("value").path("_ldMeta").path("variationKey").asText()).isEqualTo("long");
    assertThat(added.path("_version").asInt()).isEqualTo(4);

    StandInHttp.Answer served = http.delete(CONFIGS + "/bot/variations/concise");
    assertThat(served.status()).isEqualTo(400);
    assertThat(served.json().path("message").asText())
        .isEqualTo("Variation concise is served by the targeting of production; change the targeting first");

    assertThat(http.delete(CONFIGS + "/bot/variations/standard").status()).isEqualTo(204);
    JsonNode after = http.get(TARGETING).json();

    assertThat(after.path("variations")).extracting(v -> v.path("name").asText()).containsExactly("disabled", "Concise", "Long");
    assertThat(id(1)).as("ids stay with their variation").isEqualTo(concise);
    assertThat(environment(after, "production").path("fallthrough")).isEqualTo(json("{\"variation\": 1}"));
    assertThat(environment(after, "production").path("_version").asInt()).isEqualTo(3);
    assertThat(environment(after, "test").path("_version").asInt()).as("nothing to renumber").isEqualTo(1);
  }

  @Test
  void aDirectlyDeletedVariationFallsBackToTheDisabledOne() {
    patch("production", """
        {"kind": "updateFallthroughVariationOrRollout", "rolloutWeights": {"%s": 25000, "%s": 75000}}""".formatted(id(0), id(2)),
        "{\"kind\": \"addTargets\", \"values\": [\"alice\"], \"variationId\": \"%s\"}".formatted(id(2)),
        "{\"kind\": \"updateOffVariation\", \"variationId\": \"%s\"}".formatted(id(1)));

    standIn.deleteVariationDirectly("default", "bot", "concise");
    JsonNode production = environment(http.get(TARGETING).json(), "production");

    assertThat(production.path("fallthrough").path("rollout").path("variations"))
        .isEqualTo(json("[{\"variation\": 0, \"weight\": 100000}]"));
    assertThat(production.path("targets")).isEmpty();
    assertThat(production.path("offVariation").asInt()).isEqualTo(1);
  }

  @Test
  void aDirectEditChangesTheEnvironmentWithANewVersion() {
    long before = environment(http.get(TARGETING).json(), "test").path("lastModified").asLong();

    standIn.editTargeting("default", "bot", "test", environment -> environment.put("enabled", false));
    JsonNode targeting = standIn.targeting("default", "bot").orElseThrow();

    assertThat(environment(targeting, "test").path("enabled").asBoolean()).isFalse();
    assertThat(environment(targeting, "test").path("_version").asInt()).isEqualTo(2);
    assertThat(environment(targeting, "test").path("lastModified").asLong()).isGreaterThanOrEqualTo(before);
    assertThat(targeting.path("_version").asInt()).isEqualTo(3);
    assertThat(standIn.writes()).as("not a call").isEqualTo(2);
    assertThat(standIn.targeting("default", "missing")).isEmpty();
  }

  @Test
  void faultsHitTheTargetingRouteAndItsCallsAreLogged() {
    String body = body("production", "{\"kind\": \"updateOffVariation\", \"variationId\": \"%s\"}".formatted(id(1)));
    standIn.failNext(Route.TARGETING, "PATCH", 503, "service_unavailable", "maintenance", 1);
    standIn.applyButLoseResponse(Route.TARGETING, "PATCH", 1);

    StandInHttp.Answer failed = http.semanticPatch(TARGETING, body);
    int versionAfterFailure = standIn.targeting("default", "bot").orElseThrow().path("_version").asInt();
    assertThatThrownBy(() -> http.semanticPatch(TARGETING, body)).isInstanceOf(UncheckedIOException.class);
    http.get(TARGETING);

    assertThat(failed.status()).isEqualTo(503);
    assertThat(versionAfterFailure).isEqualTo(2);
    assertThat(environment(standIn.targeting("default", "bot").orElseThrow(), "production").path("offVariation").asInt())
        .as("the lost answer's patch applied").isEqualTo(1);
    assertThat(standIn.count("PATCH", Route.TARGETING)).isEqualTo(2);
    assertThat(standIn.count("GET", Route.TARGETING)).isEqualTo(1);
    assertThat(standIn.calls().get(standIn.calls().size() - 2).headers())
        .containsEntry("content-type", List.of(StandInHttp.SEMANTIC_PATCH));
  }

  @Test
  void theRouteAnswersOnlyGetAndPatchForAnExistingConfig() {
    assertThat(http.post(TARGETING, "{}").status()).isEqualTo(405);
    assertThat(http.delete(TARGETING).status()).isEqualTo(405);
    assertThat(http.get(CONFIGS + "/missing/targeting").status()).isEqualTo(404);
    assertThat(http.semanticPatch(CONFIGS + "/missing/targeting", body("production")).status()).isEqualTo(404);
    assertThat(http.get(TARGETING + "/production").status()).isEqualTo(404);
    assertThat(http.get("/api/v2/projects/nope/ai-configs/bot/targeting").status()).isEqualTo(404);
  }

  @Test
  void resetRestoresTheDefaultEnvironments() {
    standIn.addEnvironment("default", "staging", "Staging");

    standIn.reset();
    http.post(CONFIGS, "{\"key\": \"bot\", \"name\": \"Bot\"}");

    assertThat(fieldNames(http.get(TARGETING).json().path("environments"))).containsExactly("production", "test");
  }

  // ---- helpers

  private static String id(int index) {
    return standIn.targeting("default", "bot").orElseThrow().path("variations").get(index).path("_id").asText();
  }

  private static String body(String environmentKey, String... instructions) {
    return "{\"environmentKey\": \"%s\", \"instructions\": [%s]}".formatted(environmentKey, String.join(", ", instructions));
  }

  private static StandInHttp.Answer patch(String environmentKey, String... instructions) {
    return http.semanticPatch(TARGETING, body(environmentKey, instructions));
  }

  private static JsonNode environment(StandInHttp.Answer answer, String environmentKey) {
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    return environment(answer.json(), environmentKey);
  }

  private static JsonNode environment(JsonNode targeting, String environmentKey) {
    return targeting.path("environments").path(environmentKey);
  }

  private static void assertRefused(String body, String message) {
    StandInHttp.Answer answer = http.semanticPatch(TARGETING, body);
    assertThat(answer.status()).as("%s", body).isEqualTo(400);
    assertThat(answer.json().path("code").asText()).isEqualTo("invalid_request");
    assertThat(answer.json().path("message").asText()).as("%s", body).isEqualTo(message);
  }

  private static JsonNode json(String text) {
    try {
      return StandInHttp.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
