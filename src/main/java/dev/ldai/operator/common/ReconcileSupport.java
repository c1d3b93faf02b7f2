package dev.ldai.operator.common;

import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.drift.ProjectPoller;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.CredentialsResolver;
import dev.ldai.operator.launchdarkly.CredentialsSecretRef;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.random.RandomGenerator;

/** What every reconciler needs besides its own logic: clients, credentials, configuration, time, Events. */
@ApplicationScoped
public class ReconcileSupport {

  private final LaunchDarklyClients clients;
  private final CredentialsResolver credentials;
  private final LdaiConfig config;
  private final Clock clock;
  private final EventRecorder events;
  private final RetryBackoff backoff;
  private final RetryPolicy retries;
  private final ProjectPoller poller;

  public ReconcileSupport(
      LaunchDarklyClients clients,
      CredentialsResolver credentials,
      LdaiConfig config,
      Clock clock,
      EventRecorder events,
      ProjectPoller poller) {
    this.clients = clients;
    this.credentials = credentials;
    this.config = config;
    this.clock = clock;
    this.events = events;
    this.poller = poller;
    this.backoff =
        new RetryBackoff(config.retry().initialBackoff(), config.retry().maxBackoff(), RandomGenerator.getDefault());
    this.retries = new RetryPolicy(backoff, clock);
  }

  /**
   * The client for the credentials a resource names (null: the namespace default, then the operator
   * token); throws {@code CredentialsException} when none resolve.
   */
  public LaunchDarklyClient clientFor(HasMetadata resource, SecretKeyReference ref) {
    return clients.forToken(tokenFor(resource, ref));
  }

  /** The token a resource uses; throws {@code CredentialsException} when none resolves. */
  public ApiToken tokenFor(HasMetadata resource, SecretKeyReference ref) {
    CredentialsSecretRef secretRef = ref == null ? null : new CredentialsSecretRef(ref.getName(), ref.getKey());
    return credentials.resolve(resource.getMetadata().getNamespace(), secretRef);
  }

  /** The namespace's credentials may have changed: the next reconcile reads them again. */
  public void credentialsChanged(String namespace) {
    credentials.forget(namespace);
  }

  public LaunchDarklyClient client(ApiToken token) {
    return clients.forToken(token);
  }

  public ProjectPoller poller() {
    return poller;
  }

  public DeletionPolicy deletionPolicy(ManagedSpec spec) {
    return spec.getDeletionPolicy() != null
        ? spec.getDeletionPolicy()
        : config.defaultDeletionPolicy();
  }

  public LdaiConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public EventRecorder events() {
    return events;
  }

  public RetryBackoff backoff() {
    return backoff;
  }

  public RetryPolicy retries() {
    return retries;
  }
}
