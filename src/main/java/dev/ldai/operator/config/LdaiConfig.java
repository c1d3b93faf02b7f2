package dev.ldai.operator.config;

import dev.ldai.operator.common.DeletionPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The operator's configuration, under the {@code ldai.} prefix. */
@ConfigMapping(prefix = "ldai")
public interface LdaiConfig {

  /** How often LaunchDarkly is re-read to detect and revert drift. */
  @WithDefault("10m")
  Duration resyncInterval();

  /**
   * Deletion policy for resources that do not set {@code spec.deletionPolicy}: Delete or Retain. Typed, so that
   * any other value stops the start naming the property, instead of failing each deletion.
   */
  @WithDefault("Delete")
  DeletionPolicy defaultDeletionPolicy();

  /** How long to wait before retrying after LaunchDarkly refused the credentials (401/403). */
  @WithDefault("5m")
  Duration unauthorizedRetryInterval();

  Credentials credentials();

  LaunchDarkly launchdarkly();

  Retry retry();

  LeaderElection leaderElection();

  /** Backoff after LaunchDarkly errors that may pass (5xx, I/O, timeouts): exponential with jitter. */
  interface Retry {
    /** Delay before the first retry; doubled on each further failure. */
    @WithDefault("2s")
    Duration initialBackoff();

    /** The longest delay between retries. */
    @WithDefault("5m")
    Duration maxBackoff();
  }

  /** Leader election (production profile): only the holder of the Lease reconciles. */
  interface LeaderElection {
    @WithDefault("ldai-operator")
    String leaseName();

    /** Defaults to the operator's own namespace. */
    Optional<String> leaseNamespace();
  }

  interface Credentials {
    /** Secret used in a resource's namespace when the resource names none. */
    @WithDefault("ldai-credentials")
    String defaultSecretName();

    /** Key of the token inside such a Secret when {@code credentialsSecretRef.key} is not given. */
    @WithDefault("apiToken")
    String defaultSecretKey();

    /**
     * How long a token read from a Secret is used before the Secret is read again. A labelled credentials
     * Secret that changes, and LaunchDarkly refusing a token, end it at once.
     */
    @WithDefault("30s")
    Duration cacheTtl();
  }

  interface LaunchDarkly {
    /** LaunchDarkly's base URL: https://app.launchdarkly.com, https://app.eu.launchdarkly.com, ... */
    @WithDefault("https://app.launchdarkly.com")
    String baseUrl();

    /** Value of the {@code LD-API-Version} header: a date such as 20240415, or beta. */
    @WithDefault("20240415")
    String apiVersion();

    /** Operator-wide token, used when a resource's namespace holds no credentials Secret. */
    Optional<String> apiToken();

    @WithDefault("10s")
    Duration connectTimeout();

    @WithDefault("30s")
    Duration readTimeout();

    RateLimit rateLimit();
  }

  /** How the calls made with one token are paced; every controller shares the token's budget. */
  interface RateLimit {
    @WithDefault("5")
    int maxConcurrentRequests();

    @WithDefault("10")
    double requestsPerSecond();

    /** The longest a reconcile waits for a slot before it is rescheduled with reason RateLimited. */
    @WithDefault("5s")
    Duration maxWait();

    /** Below this many remaining calls in LaunchDarkly's window, the rest is spread until the reset. */
    @WithDefault("10")
    int slowDownBelow();
  }
}
