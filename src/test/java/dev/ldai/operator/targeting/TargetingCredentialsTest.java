package dev.ldai.operator.targeting;

import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.targeting;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.common.SecretKeyReference;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.variation.AIConfigVariation;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A targeting that names no credentials uses its AIConfig's, as a variation does, not the namespace's
 * default Secret. Its own class: the namespace default here holds a token LaunchDarkly refuses.
 */
@QuarkusTest
class TargetingCredentialsTest extends ComponentTest {

  @Test
  void aTargetingWithoutCredentialsOfItsOwnUsesItsAIConfigs() {
    launchDarkly.addToken("api-team-token");
    cluster.createTokenSecret("ldai-credentials", "apiToken", "api-refused-token");
    cluster.createTokenSecret("team-token", "apiToken", "api-team-token");
    cluster.create(aiConfig("team-config", spec -> spec.setCredentialsSecretRef(new SecretKeyReference("team-token", null))));
    cluster.create(variation("team-config-friendly", "team-config", spec -> spec.setKey("friendly")));
    cluster.awaitReady(AIConfigVariation.class, "team-config-friendly");

    cluster.create(targeting("team-config-production", "team-config", "production", spec -> spec.setDefaultVariation("friendly")));

    AIConfigTargeting ready = cluster.awaitReady(AIConfigTargeting.class, "team-config-production");
    assertThat(ready.getStatus().getServedVariation()).isEqualTo("friendly");
  }
}
