package dev.ldai.operator.common;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.targeting;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.Tool;
import dev.ldai.operator.variation.ToolPin;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reconcile asked for by hand ({@code ldai.dev/reconcile-requested-at}) after something was fixed in
 * LaunchDarkly: a Stalled resource, which nothing else wakes, reads LaunchDarkly afresh and recovers.
 */
@QuarkusTest
class ReconcileRequestTest extends ComponentTest {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * The production targeting's patch began after the staging targeting stalled, and before the environment
   * was made: the request reads the targeting again rather than take that answer.
   */
  @Test
  void aTargetingStalledOnAMissingEnvironmentRecoversOnRequestOnceTheEnvironmentExists() {
    cluster.create(aiConfig("assistant", spec -> {}));
    cluster.create(variation("assistant-friendly", "assistant", spec -> spec.setKey("friendly")));
    cluster.create(variation("assistant-precise", "assistant", spec -> spec.setKey("precise")));
    cluster.create(targeting("assistant-production", "assistant", "production", spec -> spec.setDefaultVariation("friendly")));
    cluster.create(targeting("assistant-staging", "assistant", "staging", spec -> spec.setDefaultVariation("friendly")));
    AIConfigTargeting stalled = cluster.awaitCondition(AIConfigTargeting.class, "assistant-staging",
        ConditionTypes.STALLED, "InvalidSpec");
    assertThat(Cluster.ready(stalled.getStatus()).getMessage())
        .isEqualTo("spec.environmentKey: project %s has no environment \"staging\"".formatted(PROJECT));
    cluster.awaitReady(AIConfigTargeting.class, "assistant-production");
    cluster.edit(AIConfigTargeting.class, "assistant-production", production -> {
      production.getSpec().setDefaultVariation("precise");
      return production;
    });
    cluster.awaitStatus(AIConfigTargeting.class, "assistant-production", status -> "precise".equals(status.getServedVariation()));
    launchDarkly.addEnvironment(PROJECT, "staging", "Staging");

    request(AIConfigTargeting.class, "assistant-staging", "2026-12-02T15:00:00Z");

    AIConfigTargeting ready = cluster.awaitStatus(AIConfigTargeting.class, "assistant-staging",
        status -> status.isReadyAt(1L) && "2026-12-02T15:00:00Z".equals(status.getLastHandledReconcileAt()));
    assertThat(ready.getStatus().getEnvironmentName()).isEqualTo("Staging");
    assertThat(ready.getStatus().getServedVariation()).isEqualTo("friendly");
  }

  /** A tool version made in LaunchDarkly's UI changes nothing the variation watches: only the request wakes it. */
  @Test
  void aVariationStalledOnAToolVersionLaunchDarklyLackedPinsItOnRequestOnceMade() {
    launchDarkly.putTool(PROJECT, JSON.objectNode().put("key", "calculator").put("version", 1));
    cluster.create(aiConfig("counting", spec -> {}));
    cluster.create(variation("counting-default", "counting", spec -> spec.setTools(List.of(new Tool("calculator", 2)))));
    cluster.awaitCondition(AIConfigVariation.class, "counting-default", ConditionTypes.STALLED, "InvalidSpec");
    launchDarkly.editTool(PROJECT, "calculator", tool -> tool.put("description", "Adds and multiplies"));
    awaitPolls(2);
    assertThat(cluster.get(AIConfigVariation.class, "counting-default").getStatus().isStalledFor(Reason.InvalidSpec))
        .as("nothing but a request wakes it").isTrue();

    request(AIConfigVariation.class, "counting-default", "first");

    AIConfigVariation ready = cluster.awaitStatus(AIConfigVariation.class, "counting-default",
        status -> status.isReadyAt(1L) && "first".equals(status.getLastHandledReconcileAt()));
    assertThat(ready.getStatus().getTools()).containsExactly(new ToolPin("calculator", 2, null));
    assertThat(launchDarkly.variationVersions(PROJECT, "counting", ready.getStatus().getKey())).hasSize(1);
  }

  /** A paused resource makes no call: the request waits, and is handled once the pause is lifted. */
  @Test
  void aRequestToAPausedResourceIsHandledWhenThePauseIsLifted() {
    AIConfig paused = aiConfig("paused", spec -> {});
    paused.getMetadata().setAnnotations(Map.of(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED,
        ReconcileRequest.ANNOTATION, "while-paused"));
    cluster.create(paused);
    AIConfig waiting = cluster.awaitStatus(AIConfig.class, "paused",
        status -> status.condition(ConditionTypes.READY).filter(ready -> "Paused".equals(ready.getReason())).isPresent());
    assertThat(waiting.getStatus().getLastHandledReconcileAt()).isNull();
    assertThat(launchDarkly.config(PROJECT, "paused")).isEmpty();

    cluster.edit(AIConfig.class, "paused", config -> {
      config.getMetadata().getAnnotations().remove(ManagementPolicy.RECONCILE_ANNOTATION);
      return config;
    });

    AIConfig ready = cluster.awaitReady(AIConfig.class, "paused");
    assertThat(ready.getStatus().getLastHandledReconcileAt()).isEqualTo("while-paused");
    assertThat(launchDarkly.config(PROJECT, "paused")).isPresent();
  }

  private <R extends HasMetadata> void request(Class<R> type, String name, String value) {
    cluster.edit(type, name, resource -> {
      Map<String, String> annotations = new HashMap<>(resource.getMetadata().getAnnotations() == null
          ? Map.of() : resource.getMetadata().getAnnotations());
      annotations.put(ReconcileRequest.ANNOTATION, value);
      resource.getMetadata().setAnnotations(annotations);
      return resource;
    });
  }
}
