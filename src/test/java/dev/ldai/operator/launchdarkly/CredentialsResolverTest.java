package dev.ldai.operator.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.testing.KubernetesMockServerResource;
import dev.ldai.operator.testing.ManualClock;
import dev.ldai.operator.testing.StandInResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the API token comes from: own-namespace Secrets first, the operator-wide token last. */
@QuarkusTest
@QuarkusTestResource(KubernetesMockServerResource.class)
@QuarkusTestResource(StandInResource.class)
class CredentialsResolverTest {

  static final String NAMESPACE = "creds-a";
  static final String OTHER_NAMESPACE = "creds-b";

  @Inject CredentialsResolver resolver;
  @Inject KubernetesClient kubernetes;
  @Inject LdaiConfig config;
  @Inject LaunchDarklyEndpoint endpoint;

  @AfterEach
  void cleanUp() {
    kubernetes.secrets().inNamespace(NAMESPACE).delete();
    kubernetes.secrets().inNamespace(OTHER_NAMESPACE).delete();
    resolver.forget(NAMESPACE);
    resolver.forget(OTHER_NAMESPACE);
  }

  @Test
  void aTokenIsReadFromItsSecretOncePerIntervalUntilTheNamespaceIsForgotten() {
    secret(NAMESPACE, "ldai-credentials", Map.of("apiToken", "api-first"));
    assertThat(resolver.resolve(NAMESPACE, null)).isEqualTo(ApiToken.of("api-first"));

    kubernetes.secrets().inNamespace(NAMESPACE).withName("ldai-credentials").delete();
    assertThat(resolver.resolve(NAMESPACE, null)).as("remembered").isEqualTo(ApiToken.of("api-first"));
    assertThatThrownBy(() -> resolver.resolve(NAMESPACE, new CredentialsSecretRef("ldai-credentials", null)))
        .as("another reference is read on its own").isInstanceOf(CredentialsException.class);

    resolver.forget(NAMESPACE);
    assertThat(resolver.resolve(NAMESPACE, null)).isEqualTo(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN));
  }

  @Test
  void aMissingSecretIsNeverRemembered() {
    assertThatThrownBy(() -> resolver.resolve(NAMESPACE, new CredentialsSecretRef("late", null)))
        .isInstanceOf(CredentialsException.class);
    secret(NAMESPACE, "late", Map.of("apiToken", "api-late"));

    assertThat(resolver.resolve(NAMESPACE, new CredentialsSecretRef("late", null))).isEqualTo(ApiToken.of("api-late"));
  }

  @Test
  void theNamedSecretWinsAndItsKeyCanBeChosen() {
    secret(NAMESPACE, "team-token", Map.of("token", "api-named"));
    secret(NAMESPACE, "ldai-credentials", Map.of("apiToken", "api-default"));

    assertThat(resolver.resolve(NAMESPACE, new CredentialsSecretRef("team-token", "token")))
        .isEqualTo(ApiToken.of("api-named"));
  }

  @Test
  void theNamespaceDefaultSecretComesBeforeTheOperatorToken() {
    secret(NAMESPACE, "ldai-credentials", Map.of("apiToken", "api-default"));

    assertThat(resolver.resolve(NAMESPACE, null)).isEqualTo(ApiToken.of("api-default"));
  }

  @Test
  void theOperatorTokenIsTheLastResort() {
    assertThat(resolver.resolve(NAMESPACE, null)).isEqualTo(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN));
  }

  @Test
  void aSecretOfAnotherNamespaceIsNeverUsed() {
    secret(OTHER_NAMESPACE, "team-token", Map.of("apiToken", "api-elsewhere"));

    assertThatThrownBy(() -> resolver.resolve(NAMESPACE, new CredentialsSecretRef("team-token", null)))
        .isInstanceOf(CredentialsException.class)
        .hasMessage("spec.credentialsSecretRef: Secret creds-a/team-token not found");
  }

  @Test
  void aNamedSecretWithoutTheKeyIsAnErrorThatShowsNoValue() {
    secret(NAMESPACE, "team-token", Map.of("other", "api-secret-value"));

    assertThatThrownBy(() -> resolver.resolve(NAMESPACE, new CredentialsSecretRef("team-token", null)))
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("has no non-empty key \"apiToken\"")
        .hasMessageNotContaining("api-secret-value");
  }

  @Test
  void anExpiredTokenIsForgottenAtTheNextResolve() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    CredentialsResolver resolving = new CredentialsResolver(kubernetes, config, endpoint, clock);
    resolving.resolve(NAMESPACE, null);
    resolving.resolve(OTHER_NAMESPACE, null);
    assertThat(resolving.remembered()).isEqualTo(2);

    clock.advance(config.credentials().cacheTtl());
    resolving.resolve(NAMESPACE, null);

    assertThat(resolving.remembered()).as("only the token just read again").isEqualTo(1);
  }

  private void secret(String namespace, String name, Map<String, String> values) {
    if (kubernetes.namespaces().withName(namespace).get() == null) {
      kubernetes.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }
    Map<String, String> data = new java.util.HashMap<>();
    values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    kubernetes.secrets().inNamespace(namespace)
        .resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata().withData(data).build())
        .create();
  }
}
