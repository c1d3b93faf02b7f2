package dev.ldai.operator.modelconfig;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.common.AdoptionPolicy;
import dev.ldai.operator.common.DeletionPolicy;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** AIModelConfig end to end: real controller, mock Kubernetes API in CRUD mode, stand-in over HTTP. */
@QuarkusTest
class AIModelConfigReconcilerTest extends ComponentTest {

  @Test
  void createsTheModelConfigWithOnePostAndStaysQuietWhenInSync() {
    cluster.create(modelConfig("house-gpt", spec -> {
      spec.setTags(List.of("internal"));
      spec.setCostPerInputToken(0.000002);
      spec.setParams(JsonNodeFactory.instance.objectNode().put("temperature", 0.2));
    }));

    AIModelConfig ready = cluster.awaitReady(AIModelConfig.class, "house-gpt");

    assertThat(ready.getStatus().getKey()).isEqualTo("house-gpt");
    assertThat(ready.getStatus().getVersion()).isEqualTo(1);
    assertThat(ready.getStatus().getGlobal()).isFalse();
    assertThat(ready.getStatus().getIsRestricted()).isFalse();
    assertThat(launchDarkly.count("POST", Route.MODEL_CONFIGS)).isEqualTo(1);
    ObjectNode stored = launchDarkly.modelConfig(PROJECT, "house-gpt").orElseThrow();
    assertThat(stored.path("id").asText()).isEqualTo("gpt-4o");
    assertThat(stored.path("params").path("temperature").asDouble()).isEqualTo(0.2);

    String resourceVersion = ready.getMetadata().getResourceVersion();
    awaitPolls(3); // our own writes are news to the first polls after them
    long reads = launchDarkly.count("GET", Route.MODEL_CONFIG);
    awaitPolls(2);
    assertThat(launchDarkly.count("GET", Route.MODEL_CONFIG)).isEqualTo(reads);
    assertThat(launchDarkly.writes()).isEqualTo(1);
    assertThat(cluster.get(AIModelConfig.class, "house-gpt").getMetadata().getResourceVersion())
        .isEqualTo(resourceVersion);
  }

  @Test
  void aSpecChangeReplacesTheModelConfigWhileNoVariationUsesIt() {
    cluster.create(modelConfig("swappable", spec -> {}));
    cluster.awaitReady(AIModelConfig.class, "swappable");

    cluster.edit(AIModelConfig.class, "swappable", m -> {
      m.getSpec().setId("gpt-4.1");
      return m;
    });

    await().atMost(Cluster.TIMEOUT).until(() ->
        launchDarkly.modelConfig(PROJECT, "swappable").map(m -> m.path("id").asText()).orElse("").equals("gpt-4.1"));
    cluster.awaitReady(AIModelConfig.class, "swappable");
    assertThat(launchDarkly.count("DELETE", Route.MODEL_CONFIG)).isEqualTo(1);
    assertThat(launchDarkly.count("POST", Route.MODEL_CONFIGS)).isEqualTo(2);
    assertThat(cluster.events("swappable")).anyMatch(e -> "Replaced".equals(e.getReason()));
  }

  @Test
  void aSpecChangeIsRefusedWhileAVariationUsesTheModelConfig() {
    cluster.create(modelConfig("in-use", spec -> {}));
    cluster.awaitReady(AIModelConfig.class, "in-use");
    launchDarkly.putConfig(PROJECT, configWithVariationUsing("chat", "friendly", "in-use"));

    cluster.edit(AIModelConfig.class, "in-use", m -> {
      m.getSpec().setName("Renamed");
      return m;
    });

    AIModelConfig stalled = cluster.awaitCondition(AIModelConfig.class, "in-use", ConditionTypes.STALLED, "ModelConfigInUse");
    assertThat(Cluster.ready(stalled.getStatus()).getMessage()).contains("chat/friendly").contains("name");
    assertThat(launchDarkly.modelConfig(PROJECT, "in-use").orElseThrow().path("name").asText()).isEqualTo("Model in-use");
    assertThat(launchDarkly.count("DELETE", Route.MODEL_CONFIG)).isZero();

    launchDarkly.deleteConfigDirectly(PROJECT, "chat");
    cluster.awaitReady(AIModelConfig.class, "in-use");
    assertThat(launchDarkly.modelConfig(PROJECT, "in-use").orElseThrow().path("name").asText()).isEqualTo("Renamed");
  }

  @Test
  void aModelConfigDeletedInLaunchDarklyIsRecreatedWithAWarning() {
    cluster.create(modelConfig("vanishing", spec -> {}));
    cluster.awaitReady(AIModelConfig.class, "vanishing");

    launchDarkly.deleteModelConfigDirectly(PROJECT, "vanishing");

    await().atMost(Cluster.TIMEOUT).until(() -> launchDarkly.modelConfig(PROJECT, "vanishing").isPresent());
    assertThat(launchDarkly.count("POST", Route.MODEL_CONFIGS)).isEqualTo(2);
    await().atMost(Cluster.TIMEOUT).until(() -> cluster.events("vanishing").stream()
        .anyMatch(e -> "DriftCorrected".equals(e.getReason())));
    assertThat(cluster.events("vanishing")).filteredOn(e -> "DriftCorrected".equals(e.getReason()))
        .extracting(e -> e.getType()).containsOnly("Warning");
  }

  @Test
  void deletionFollowsThePolicy() {
    cluster.create(modelConfig("removed", spec -> spec.setDeletionPolicy(DeletionPolicy.Delete)));
    cluster.create(modelConfig("retained", spec -> spec.setDeletionPolicy(DeletionPolicy.Retain)));
    cluster.awaitReady(AIModelConfig.class, "removed");
    cluster.awaitReady(AIModelConfig.class, "retained");

    cluster.delete(AIModelConfig.class, "removed");
    cluster.delete(AIModelConfig.class, "retained");

    cluster.awaitGone(AIModelConfig.class, "removed");
    cluster.awaitGone(AIModelConfig.class, "retained");
    assertThat(launchDarkly.modelConfig(PROJECT, "removed")).isEmpty();
    assertThat(launchDarkly.modelConfig(PROJECT, "retained")).isPresent();
  }

  @Test
  void anExistingModelConfigIsAdoptedOnlyWhenAllowed() {
    ObjectNode existing = JsonNodeFactory.instance.objectNode()
        .put("key", "preexisting").put("name", "Model preexisting").put("id", "gpt-4o").put("provider", "openai");
    launchDarkly.putModelConfig(PROJECT, existing);

    cluster.create(modelConfig("preexisting", spec -> {}));
    cluster.awaitCondition(AIModelConfig.class, "preexisting", ConditionTypes.STALLED, "AlreadyExists");
    cluster.edit(AIModelConfig.class, "preexisting", m -> {
      m.getSpec().setAdoptionPolicy(AdoptionPolicy.Adopt);
      return m;
    });

    AIModelConfig ready = cluster.awaitReady(AIModelConfig.class, "preexisting");
    assertThat(ready.getStatus().getKey()).isEqualTo("preexisting");
    assertThat(launchDarkly.appliedWrites()).isZero();
  }

  @ParameterizedTest
  @EnumSource(AdoptionPolicy.class)
  void aGlobalModelConfigCannotBeManagedNorAdopted(AdoptionPolicy adoption) {
    cluster.create(modelConfig("global", spec -> {
      spec.setKey("OpenAI.gpt-4o");
      spec.setAdoptionPolicy(adoption);
    }));

    AIModelConfig stalled = cluster.awaitCondition(AIModelConfig.class, "global", ConditionTypes.STALLED, "AlreadyExists");
    assertThat(Cluster.ready(stalled.getStatus()).getMessage())
        .contains("global model config provided by LaunchDarkly").doesNotContain("adoptionPolicy");
    assertThat(stalled.getStatus().getKey()).isNull();
    assertThat(launchDarkly.appliedWrites()).isZero();
  }

  private static ObjectNode configWithVariationUsing(String configKey, String variationKey, String modelConfigKey) {
    ObjectNode config = JsonNodeFactory.instance.objectNode().put("key", configKey).put("name", "Chat");
    ObjectNode variation = config.putArray("variations").addObject();
    variation.put("key", variationKey).put("name", "Friendly").put("modelConfigKey", modelConfigKey);
    return config;
  }
}
