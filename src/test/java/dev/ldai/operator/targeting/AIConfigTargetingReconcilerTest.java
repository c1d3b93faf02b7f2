package dev.ldai.operator.targeting;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.targeting;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.DeletionPolicy;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.ldai.operator.variation.AIConfigVariation;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AIConfigTargeting end to end: an AI Config with variations friendly and precise, served per environment. */
@QuarkusTest
class AIConfigTargetingReconcilerTest extends ComponentTest {

  static final String CONFIG = "assistant";

  @BeforeEach
  void aConfigWithTwoVariations() {
    cluster.create(aiConfig(CONFIG, spec -> {}));
    cluster.create(variation("assistant-friendly", CONFIG, spec -> spec.setKey("friendly")));
    cluster.create(variation("assistant-precise", CONFIG, spec -> spec.setKey("precise")));
    cluster.awaitReady(AIConfigVariation.class, "assistant-friendly");
    cluster.awaitReady(AIConfigVariation.class, "assistant-precise");
  }

  @Test
  void servingAVariationIsOnePatchOfOneInstructionAndThenNothing() {
    cluster.create(targeting("assistant-production", CONFIG, "production", spec -> spec.setDefaultVariation("friendly")));

    AIConfigTargeting ready = cluster.awaitReady(AIConfigTargeting.class, "assistant-production");

    AIConfigTargetingStatus status = ready.getStatus();
    assertThat(status.getServedVariation()).isEqualTo("friendly");
    assertThat(status.getEnvironmentName()).isEqualTo("Production");
    assertThat(status.getEnabled()).isTrue();
    assertThat(status.getConfigKey()).isEqualTo(CONFIG);
    assertThat(status.getVersion()).isEqualTo(environment("production").path("_version").asInt());
    assertThat(patches()).hasSize(1);
    JsonNode patch = read(patches().get(0).requestBody());
    assertThat(patch.path("environmentKey").asText()).isEqualTo("production");
    assertThat(patch.path("instructions")).hasSize(1);
    assertThat(patch.path("instructions").get(0).path("kind").asText()).isEqualTo("updateFallthroughVariationOrRollout");
    assertThat(servedKey(environment("production").path("fallthrough").path("variation").asInt())).isEqualTo("friendly");
    assertThat(servedKey(environment("test").path("fallthrough").path("variation").asInt()))
        .as("another environment is left alone").isNotEqualTo("friendly");
    assertThat(cluster.events("assistant-production")).anyMatch(e -> "Updated".equals(e.getReason()));

    awaitCalls("GET", Route.TARGETING, 2);
    assertThat(patches()).hasSize(1);
    assertThat(cluster.get(AIConfigTargeting.class, "assistant-production").getMetadata().getResourceVersion())
        .isEqualTo(ready.getMetadata().getResourceVersion());
  }

  @Test
  void aRolloutReplacesTheServedVariation() {
    cluster.create(targeting("assistant-test", CONFIG, "test", spec -> spec.setDefaultVariation("precise")));
    cluster.awaitReady(AIConfigTargeting.class, "assistant-test");

    cluster.edit(AIConfigTargeting.class, "assistant-test", t -> {
      t.getSpec().setDefaultVariation(null);
      t.getSpec().setDefaultRollout(new Rollout(List.of(new Weight("friendly", 50_000), new Weight("precise", 50_000)), null, null));
      return t;
    });

    AIConfigTargeting rolledOut = cluster.awaitStatus(AIConfigTargeting.class, "assistant-test",
        s -> s.isReadyAt(2L) && s.getServedVariation() == null);
    assertThat(rolledOut.getStatus().getServedVariation()).isNull();
    JsonNode weights = environment("test").path("fallthrough").path("rollout").path("variations");
    assertThat(weights).extracting(w -> servedKey(w.path("variation").asInt()) + "=" + w.path("weight").asInt())
        .contains("friendly=50000", "precise=50000");
    assertThat(patches()).hasSize(2);
  }

  @Test
  void targetsAndRulesRoundTripWithoutAnotherInstruction() {
    Clause nordics = new Clause();
    nordics.setAttribute("country");
    nordics.setOp("in");
    nordics.setValues(List.of(JsonNodeFactory.instance.textNode("SE"), JsonNodeFactory.instance.textNode("NO")));
    TargetingRule rule = new TargetingRule();
    rule.setDescription("Nordics");
    rule.setClauses(List.of(nordics));
    rule.setRollout(new Rollout(List.of(new Weight("friendly", 25_000), new Weight("precise", 75_000)), "key", "user"));
    cluster.create(targeting("assistant-production", CONFIG, "production", spec -> {
      spec.setDefaultVariation("friendly");
      spec.setOffVariation("precise");
      spec.setTargets(List.of(new IndividualTargets(null, List.of("ann", "bob"), "precise"),
          new IndividualTargets("org", List.of("acme"), "friendly")));
      spec.setRules(List.of(rule));
    }));

    cluster.awaitReady(AIConfigTargeting.class, "assistant-production");
    JsonNode instructions = read(patches().get(0).requestBody()).path("instructions");
    assertThat(instructions).extracting(i -> i.path("kind").asText()).containsExactly(
        "updateFallthroughVariationOrRollout", "updateOffVariation", "replaceTargets", "replaceRules");

    awaitCalls("GET", Route.TARGETING, 2);
    assertThat(patches()).hasSize(1);
  }

  @Test
  void anEditMadeInLaunchDarklyIsRevertedWithAWarning() {
    cluster.create(targeting("assistant-production", CONFIG, "production", spec -> spec.setDefaultVariation("friendly")));
    cluster.awaitReady(AIConfigTargeting.class, "assistant-production");

    launchDarkly.editTargeting(PROJECT, CONFIG, "production", environment ->
        ((ObjectNode) environment.path("fallthrough")).put("variation", indexOf("precise")));

    await().atMost(Cluster.TIMEOUT).until(() ->
        "friendly".equals(servedKey(environment("production").path("fallthrough").path("variation").asInt()))
            && patches().size() == 2);
    await().atMost(Cluster.TIMEOUT).until(() -> cluster.events("assistant-production").stream()
        .anyMatch(e -> "DriftCorrected".equals(e.getReason())));
  }

  @Test
  void anUnknownVariationOrEnvironmentStallsNamingIt() {
    cluster.create(targeting("nope", CONFIG, "production", spec -> spec.setDefaultVariation("nope")));
    cluster.create(targeting("staging", CONFIG, "staging", spec -> spec.setDefaultVariation("friendly")));

    AIConfigTargeting unknownVariation = cluster.awaitCondition(AIConfigTargeting.class, "nope", ConditionTypes.STALLED, "InvalidSpec");
    AIConfigTargeting unknownEnvironment = cluster.awaitCondition(AIConfigTargeting.class, "staging", ConditionTypes.STALLED, "InvalidSpec");

    assertThat(Cluster.ready(unknownVariation.getStatus()).getMessage())
        .isEqualTo("spec.defaultVariation: AI Config assistant has no variation \"nope\"");
    assertThat(Cluster.ready(unknownEnvironment.getStatus()).getMessage())
        .isEqualTo("spec.environmentKey: project %s has no environment \"staging\"".formatted(PROJECT));
    assertThat(patches()).isEmpty();
  }

  @Test
  void aVariationCreatedLaterIsWaitedForAndServedWithoutATimer() {
    cluster.create(targeting("assistant-production", CONFIG, "production", spec -> spec.setDefaultVariation("late")));
    cluster.awaitCondition(AIConfigTargeting.class, "assistant-production", ConditionTypes.STALLED, "InvalidSpec");

    cluster.create(variation("assistant-late", CONFIG, spec -> spec.setKey("late")));

    AIConfigTargeting ready = cluster.awaitReady(AIConfigTargeting.class, "assistant-production");
    assertThat(ready.getStatus().getServedVariation()).isEqualTo("late");
  }

  /**
   * The production targeting's patch answer, shared with the test environment, began before the awaited
   * variation was created: the variation's Ready wakes the test targeting, which reads again rather than
   * take that answer and wait for a wake that never comes.
   */
  @Test
  void aVariationCreatedAfterAnotherEnvironmentReadTheTargetingIsNotMissedInThatRead() {
    AIConfigVariation late = variation("assistant-late", CONFIG, spec -> spec.setKey("late"));
    late.getMetadata().setAnnotations(Map.of(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED));
    cluster.create(late);
    cluster.create(targeting("assistant-test", CONFIG, "test", spec -> spec.setDefaultVariation("late")));
    AIConfigTargeting waiting = cluster.awaitCondition(AIConfigTargeting.class, "assistant-test",
        ConditionTypes.RECONCILING, "DependencyNotReady");
    assertThat(Cluster.ready(waiting.getStatus()).getMessage())
        .isEqualTo("Waiting for variation late of AI Config assistant to be created");
    launchDarkly.failNext(Route.VARIATIONS, "POST", 503, "service_unavailable", "maintenance", 1);
    cluster.edit(AIConfigVariation.class, "assistant-late", variation -> {
      variation.getMetadata().setAnnotations(Map.of());
      return variation;
    });
    cluster.awaitStatus(AIConfigVariation.class, "assistant-late", status -> status.getError() != null);

    // Between the refused POST and the one retried a second later.
    cluster.create(targeting("assistant-production", CONFIG, "production", spec -> spec.setDefaultVariation("friendly")));
    cluster.awaitReady(AIConfigTargeting.class, "assistant-production");

    AIConfigTargeting ready = cluster.awaitReady(AIConfigTargeting.class, "assistant-test");
    assertThat(ready.getStatus().getServedVariation()).isEqualTo("late");
  }

  @Test
  void aConfigNotManagedHereIsLookedForUntilLaunchDarklyHasIt() {
    cluster.create(targeting("external-production", CONFIG, "production", spec -> {
      spec.setConfigRef(null);
      spec.setProjectKey(PROJECT);
      spec.setConfigKey("external");
      spec.setDefaultVariation("only");
    }));
    AIConfigTargeting waiting = cluster.awaitCondition(AIConfigTargeting.class, "external-production",
        ConditionTypes.RECONCILING, "NotFound");
    assertThat(Cluster.ready(waiting.getStatus()).getMessage()).contains("AI Config %s/external does not exist".formatted(PROJECT));

    launchDarkly.putConfig(PROJECT, (ObjectNode) read(
        "{\"key\": \"external\", \"name\": \"External\", \"variations\": [{\"key\": \"only\", \"name\": \"Only\"}]}"));

    AIConfigTargeting ready = cluster.awaitReady(AIConfigTargeting.class, "external-production");
    assertThat(ready.getStatus().getServedVariation()).isEqualTo("only");
  }

  @Test
  void deletingWithPolicyRetainLeavesWhatTheEnvironmentServes() {
    cluster.create(targeting("assistant-production", CONFIG, "production", spec -> {
      spec.setDefaultVariation("friendly");
      spec.setDeletionPolicy(DeletionPolicy.Retain);
    }));
    cluster.awaitReady(AIConfigTargeting.class, "assistant-production");

    cluster.delete(AIConfigTargeting.class, "assistant-production");
    cluster.awaitGone(AIConfigTargeting.class, "assistant-production");

    assertThat(servedKey(environment("production").path("fallthrough").path("variation").asInt())).isEqualTo("friendly");
    assertThat(patches()).hasSize(1);
    assertThat(cluster.events("assistant-production")).anyMatch(e -> "Retained".equals(e.getReason()));
  }

  @Test
  void deletingServesTheOffVariationAgainAndAGoneConfigReleasesTheResource() {
    cluster.create(targeting("assistant-production", CONFIG, "production", spec -> spec.setDefaultVariation("friendly")));
    cluster.create(targeting("assistant-test", CONFIG, "test", spec -> spec.setDefaultVariation("precise")));
    cluster.awaitReady(AIConfigTargeting.class, "assistant-production");
    cluster.awaitReady(AIConfigTargeting.class, "assistant-test");

    cluster.delete(AIConfigTargeting.class, "assistant-production");
    cluster.awaitGone(AIConfigTargeting.class, "assistant-production");
    JsonNode production = environment("production");
    assertThat(production.path("fallthrough").path("variation").asInt()).isEqualTo(production.path("offVariation").asInt());

    cluster.delete(AIConfig.class, CONFIG);
    cluster.awaitGone(AIConfig.class, CONFIG);
    cluster.delete(AIConfigTargeting.class, "assistant-test");
    cluster.awaitGone(AIConfigTargeting.class, "assistant-test");
  }

  private List<Call> patches() {
    return launchDarkly.calls().stream()
        .filter(call -> call.route() == Route.TARGETING && "PATCH".equals(call.method()) && call.status() == 200)
        .toList();
  }

  private JsonNode environment(String key) {
    return launchDarkly.targeting(PROJECT, CONFIG).orElseThrow().path("environments").path(key);
  }

  private String servedKey(int index) {
    return launchDarkly.targeting(PROJECT, CONFIG).orElseThrow().path("variations").path(index)
        .path("value").path("_ldMeta").path("variationKey").asText(null);
  }

  private int indexOf(String variationKey) {
    JsonNode variations = launchDarkly.targeting(PROJECT, CONFIG).orElseThrow().path("variations");
    for (int i = 0; i < variations.size(); i++) {
      if (variationKey.equals(variations.get(i).path("value").path("_ldMeta").path("variationKey").asText())) {
        return i;
      }
    }
    throw new IllegalArgumentException(variationKey);
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
