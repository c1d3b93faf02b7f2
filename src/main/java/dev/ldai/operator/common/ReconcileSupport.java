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
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * What every reconciler needs besides its own logic: clients, credentials, configuration, time, Events, and
 * the state kept per resource, which it forgets with the resource.
 */
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
  private final ResourceStates states = new ResourceStates();

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
    states.add(backoff);
    states.add(PerResourceState.of(poller::resources, poller::forget));
    poller.beforeEachPoll(states::forgetGone);
  }

  /**
   * Registers state the kind keeps per resource: it is forgotten with the resource, as the retry backoff
   * and the project poller's needs are. Returns {@code state}.
   */
  public <T extends PerResourceState> T perResource(T state) {
    return states.add(state);
  }

  /**
   * The uids of a kind's resources this process still has (its informer cache): before each poll, what
   * is kept for any other resource is forgotten, as for a resource removed without a cleanup.
   */
  public void addLiveResources(Class<?> kind, Supplier<Stream<String>> uids) {
    states.addLiveResources(kind, uids);
  }

  /** Forgets the resource everywhere; called when its finalizer is removed. */
  public void forget(String uid) {
    states.forget(uid);
  }

  /** Every resource some per-resource state of this process keeps something for. */
  public Set<String> resourcesRemembered() {
    return states.resources();
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
