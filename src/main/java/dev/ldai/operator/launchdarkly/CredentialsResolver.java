package dev.ldai.operator.launchdarkly;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import dev.ldai.operator.config.LdaiConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the API token of a resource: the Secret it names in its own namespace, else the namespace's
 * default Secret, else the operator-wide token. Never reads a Secret of another namespace.
 */
@ApplicationScoped
public class CredentialsResolver {

  private final KubernetesClient client;
  private final LdaiConfig.Credentials config;
  private final LaunchDarklyEndpoint endpoint;
  private final Clock clock;
  private final Map<Read, Resolved> recent = new ConcurrentHashMap<>();

  private record Read(String namespace, CredentialsSecretRef ref) {}

  private record Resolved(ApiToken token, Instant until) {}

  public CredentialsResolver(KubernetesClient client, LdaiConfig config, LaunchDarklyEndpoint endpoint, Clock clock) {
    this.client = client;
    this.config = config.credentials();
    this.endpoint = endpoint;
    this.clock = clock;
  }

  /**
   * The token, read from the Secret at most once per {@code ldai.credentials.cache-ttl} per namespace and
   * reference; a failure to find one is never remembered, and tokens whose time is over are forgotten.
   */
  public ApiToken resolve(String namespace, CredentialsSecretRef ref) {
    Instant now = clock.instant();
    recent.values().removeIf(resolved -> !now.isBefore(resolved.until()));
    Read read = new Read(namespace, ref);
    Resolved resolved = recent.get(read);
    if (resolved != null && now.isBefore(resolved.until())) {
      return resolved.token();
    }
    ApiToken token = resolveNow(namespace, ref);
    recent.put(read, new Resolved(token, now.plus(config.cacheTtl())));
    return token;
  }

  /** Forgets the tokens read in the namespace: a Secret there changed, or LaunchDarkly refused one. */
  public void forget(String namespace) {
    recent.keySet().removeIf(read -> read.namespace().equals(namespace));
  }

  /** How many tokens are remembered. */
  int remembered() {
    return recent.size();
  }

  private ApiToken resolveNow(String namespace, CredentialsSecretRef ref) {
    if (ref != null) {
      String key = ref.key() == null ? config.defaultSecretKey() : ref.key();
      Secret secret =
          secret(namespace, ref.name())
              .orElseThrow(
                  () -> new CredentialsException(
                      "spec.credentialsSecretRef: Secret %s/%s not found".formatted(namespace, ref.name())));
      return token(secret, key)
          .orElseThrow(
              () -> new CredentialsException(
                  "spec.credentialsSecretRef: Secret %s/%s has no non-empty key \"%s\""
                      .formatted(namespace, ref.name(), key)));
    }
    String defaultName = config.defaultSecretName();
    Optional<Secret> namespaceDefault = secret(namespace, defaultName);
    if (namespaceDefault.isPresent()) {
      return token(namespaceDefault.get(), config.defaultSecretKey())
          .orElseThrow(
              () -> new CredentialsException(
                  "Secret %s/%s has no non-empty key \"%s\""
                      .formatted(namespace, defaultName, config.defaultSecretKey())));
    }
    return endpoint
        .operatorToken()
        .orElseThrow(
            () -> new CredentialsException(
                "No LaunchDarkly token: set spec.credentialsSecretRef, create Secret %s/%s, or configure"
                        .formatted(namespace, defaultName)
                    + " the operator-wide ldai.launchdarkly.api-token"));
  }

  private Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  private static Optional<ApiToken> token(Secret secret, String key) {
    Optional<String> fromData =
        Optional.ofNullable(secret.getData())
            .map(data -> data.get(key))
            .map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    Optional<String> value =
        fromData.or(() -> Optional.ofNullable(secret.getStringData()).map((Map<String, String> d) -> d.get(key)));
    return value.filter(v -> !v.isBlank()).map(ApiToken::of);
  }
}
