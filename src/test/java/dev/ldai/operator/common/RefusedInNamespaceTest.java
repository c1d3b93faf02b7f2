package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.AIConfigStatus;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusedInNamespaceTest {

  @Test
  void aSecretMapsToTheRefusedResourcesOfItsNamespaceOnly() {
    Map<String, List<AIConfig>> byNamespace = Map.of(
        "team-a", List.of(
            config("team-a", "refused", Outcome.stalled(Reason.Unauthorized, "Invalid access token")),
            config("team-a", "invalid", Outcome.stalled(Reason.InvalidSpec, "bad")),
            config("team-a", "fine", Outcome.ready("in sync")),
            config("team-a", "new", null)),
        "team-b", List.of(config("team-b", "refused-elsewhere", Outcome.stalled(Reason.Unauthorized, "no"))));
    RefusedInNamespace<AIConfig> mapper =
        new RefusedInNamespace<>(namespace -> byNamespace.getOrDefault(namespace, List.of()).stream());

    assertThat(mapper.toPrimaryResourceIDs(secret("team-a"))).containsExactly(new ResourceID("refused", "team-a"));
    assertThat(mapper.toPrimaryResourceIDs(secret("team-c"))).isEmpty();
  }

  private static Secret secret(String namespace) {
    return new SecretBuilder().withNewMetadata().withName("token").withNamespace(namespace).endMetadata().build();
  }

  private static AIConfig config(String namespace, String name, Outcome outcome) {
    AIConfig config = new AIConfig();
    config.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withGeneration(1L).build());
    if (outcome != null) {
      AIConfigStatus status = new AIConfigStatus();
      Conditions.apply(status, outcome, 1L, Clock.systemUTC());
      config.setStatus(status);
    }
    return config;
  }
}
