package dev.ldai.operator.examples;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.testing.ComponentTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every manifest under examples/ applies as it is and becomes Ready, and the config is served as they say. */
@QuarkusTest
class ExamplesTest extends ComponentTest {

  /** The loader knows nothing of the operator's kinds; convert each manifest to its model class. */
  private HasMetadata typed(HasMetadata manifest) {
    Class<? extends HasMetadata> type =
        switch (manifest.getKind()) {
          case "AIConfig" -> AIConfig.class;
          case "AIModelConfig" -> AIModelConfig.class;
          case "AIConfigVariation" -> AIConfigVariation.class;
          case "AIConfigTargeting" -> AIConfigTargeting.class;
          case "AITool" -> AITool.class;
          case "PromptSnippet" -> PromptSnippet.class;
          default -> throw new AssertionError("Unexpected kind in examples/: " + manifest.getKind());
        };
    return kubernetes.getKubernetesSerialization().convertValue(manifest, type);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void theExamplesApplyAsTheyAreAndBecomeReady() throws IOException {
    List<HasMetadata> applied = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          List<HasMetadata> resources = kubernetes.load(in).items();
          assertThat(resources).as(file.toString()).isNotEmpty();
          resources.forEach(r -> applied.add(cluster.create(typed(r))));
        }
      }
    }

    assertThat(applied).extracting(HasMetadata::getKind)
        .contains("AIConfig", "AIModelConfig", "AIConfigVariation", "AIConfigTargeting", "AITool", "PromptSnippet");
    for (HasMetadata resource : applied) {
      Class<CustomResource> type = (Class<CustomResource>) resource.getClass();
      CustomResource<?, CommonStatus> ready = cluster.awaitReady(type, resource.getMetadata().getName());
      assertThat(ready.getStatus().getKey()).isNotBlank();
    }
    // What the SDKs are served: production the friendly variation, test a 50/50 rollout.
    JsonNode targeting = launchDarkly.targeting(PROJECT, "support-assistant").orElseThrow();
    JsonNode production = targeting.path("environments").path("production").path("fallthrough");
    assertThat(variationKey(targeting, production.path("variation").asInt())).isEqualTo("friendly");
    JsonNode rollout = targeting.path("environments").path("test").path("fallthrough").path("rollout").path("variations");
    assertThat(rollout).extracting(w -> variationKey(targeting, w.path("variation").asInt()) + "=" + w.path("weight").asInt())
        .contains("friendly=50000", "precise=50000");
  }

  private static String variationKey(JsonNode targeting, int index) {
    return targeting.path("variations").path(index).path("value").path("_ldMeta").path("variationKey").asText(null);
  }
}
