package dev.ldai.operator.resilience;

import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.common.SecretKeyReference;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.variation.AIConfigVariation;
import io.fabric8.kubernetes.client.CustomResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Bad input that reaches the operator: manifests the API server admits although only the cluster's state
 * can tell they are wrong (a missing Secret, a reserved key taken from the resource name, a model config of
 * another project), and an object without spec (which the CRD refuses, but the operator must not fail on
 * one either). Each is Stalled with a message naming the field, without any LaunchDarkly call and without
 * retrying in a loop. What the CRDs refuse at admission is {@code crd.BadManifestAdmissionTest}'s, on the
 * real API server.
 */
@QuarkusTest
class BadInputTest extends ComponentTest {

  @Test
  void aReferenceToAMissingSecretStallsNamingTheFieldAndCallsNothing() {
    cluster.create(aiConfig("no-secret", spec -> spec.setCredentialsSecretRef(new SecretKeyReference("absent", null))));

    assertStalledQuietly(AIConfig.class, "no-secret", "Unauthorized",
        "spec.credentialsSecretRef: Secret " + cluster.namespace() + "/absent not found");
  }

  @Test
  void aSecretWithoutTheTokenKeyStallsNamingTheKey() {
    cluster.createTokenSecret("wrong-key", "token", "api-whatever");
    cluster.create(aiConfig("wrong-key", spec -> spec.setCredentialsSecretRef(new SecretKeyReference("wrong-key", null))));

    assertStalledQuietly(AIConfig.class, "wrong-key", "Unauthorized",
        "spec.credentialsSecretRef: Secret " + cluster.namespace() + "/wrong-key has no non-empty key \"apiToken\"");
  }

  @Test
  void aReservedKeyTakenFromTheResourceNameStallsBeforeAnyCall() {
    // metadata.name becomes the key; no CRD rule can see it, so the operator refuses it.
    cluster.create(aiConfig("model-configs", spec -> {}));

    assertStalledQuietly(AIConfig.class, "model-configs", "InvalidSpec",
        "spec.key: \"model-configs\" is reserved by LaunchDarkly's API");
  }

  @Test
  void anObjectWithoutSpecStallsInsteadOfFailing() {
    AIModelConfig specless = modelConfig("specless", spec -> {});
    specless.setSpec(null);
    cluster.create(specless);

    assertStalledQuietly(AIModelConfig.class, "specless", "InvalidSpec", "spec is required");
  }

  @Test
  void aVariationWhoseModelConfigIsInAnotherProjectStallsNamingTheReference() {
    cluster.create(aiConfig("parent", spec -> {}));
    cluster.create(modelConfig("elsewhere", spec -> spec.setProjectKey("other")));
    launchDarkly.addProject("other");
    cluster.awaitReady(AIConfig.class, "parent");
    cluster.awaitReady(AIModelConfig.class, "elsewhere");
    long callsBefore = launchDarkly.calls().size();

    cluster.create(variation("cross-project", "parent", spec -> spec.setModelConfigRef(new LocalReference("elsewhere"))));

    AIConfigVariation stalled =
        cluster.awaitCondition(AIConfigVariation.class, "cross-project", ConditionTypes.STALLED, "InvalidSpec");
    assertThat(Cluster.ready(stalled.getStatus()).getMessage()).startsWith("spec.modelConfigRef:");
    assertThat(launchDarkly.calls().subList((int) callsBefore, launchDarkly.calls().size()))
        .noneMatch(c -> c.path().contains("/variations"));
  }

  /** Stalled with the reason and message; no LaunchDarkly call; the status then stays put (no retry loop). */
  private <S extends CommonStatus, R extends CustomResource<?, S>> void assertStalledQuietly(
      Class<R> kind, String name, String reason, String message) {
    R stalled = cluster.awaitCondition(kind, name, ConditionTypes.STALLED, reason);
    assertThat(Cluster.ready(stalled.getStatus()).getMessage()).startsWith(message);
    String resourceVersion = stalled.getMetadata().getResourceVersion();
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
        .until(() -> cluster.get(kind, name).getMetadata().getResourceVersion().equals(resourceVersion));
    // The project poller lists projects that other resources use; nothing may be about this one.
    assertThat(launchDarkly.calls()).allMatch(c -> c.method().equals("GET")
        && (c.route() == Route.CONFIGS || c.route() == Route.MODEL_CONFIGS));
  }
}
