package dev.ldai.operator.launchdarkly;

import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.launchdarkly.ratelimit.RateLimitSettings;
import dev.ldai.operator.launchdarkly.ratelimit.TokenRateLimiter;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One REST client for LaunchDarkly, shared by all tokens; a {@link LaunchDarklyClient} and a
 * {@link TokenRateLimiter} per token, shared by every controller that uses the token. A token's client is
 * dropped when LaunchDarkly answers 401 for it, and when it was not asked for during {@code idleAfter}
 * (nothing to close: the HTTP client is shared).
 */
@ApplicationScoped
public class RestLaunchDarklyClients implements LaunchDarklyClients {

  private record Kept(LaunchDarklyClient client, Instant lastAskedFor) {}

  private final LaunchDarklyApi api;
  private final Clock clock;
  private final RateLimitSettings rateLimits;
  private final Duration idleAfter;
  private final LaunchDarklyMetrics metrics;
  private final Map<ApiToken, Kept> clients = new ConcurrentHashMap<>();

  @Inject
  public RestLaunchDarklyClients(
      LaunchDarklyEndpoint endpoint, LdaiConfig config, Clock clock, LaunchDarklyMetrics metrics) {
    this(
        endpoint.baseUrl(),
        config.launchdarkly().apiVersion(),
        config.launchdarkly().connectTimeout(),
        config.launchdarkly().readTimeout(),
        rateLimitSettings(config.launchdarkly().rateLimit()),
        idleAfter(config),
        clock,
        metrics);
  }

  public RestLaunchDarklyClients(
      String baseUrl,
      String apiVersion,
      Duration connectTimeout,
      Duration readTimeout,
      RateLimitSettings rateLimits,
      Duration idleAfter,
      Clock clock,
      LaunchDarklyMetrics metrics) {
    this.api =
        QuarkusRestClientBuilder.newBuilder()
            .baseUri(URI.create(baseUrl))
            .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .disableDefaultMapper(true)
            .register(new LaunchDarklyHeaders(apiVersion))
            .build(LaunchDarklyApi.class);
    this.clock = clock;
    this.rateLimits = rateLimits;
    this.idleAfter = idleAfter;
    this.metrics = metrics;
  }

  /**
   * A token in use is asked for at least once per resync interval, when the project poller lists with it:
   * twice that, and no less than twice the credentials cache time, is idle.
   */
  private static Duration idleAfter(LdaiConfig config) {
    Duration resync = config.resyncInterval();
    Duration credentials = config.credentials().cacheTtl();
    return (resync.compareTo(credentials) > 0 ? resync : credentials).multipliedBy(2);
  }

  private static RateLimitSettings rateLimitSettings(LdaiConfig.RateLimit config) {
    return new RateLimitSettings(
        config.maxConcurrentRequests(), config.requestsPerSecond(), config.maxWait(), config.slowDownBelow());
  }

  /** The token's client; clients not asked for during {@code idleAfter} are dropped first. */
  @Override
  public LaunchDarklyClient forToken(ApiToken token) {
    Instant now = clock.instant();
    Instant idleSince = now.minus(idleAfter);
    clients.values().removeIf(kept -> kept.lastAskedFor().isBefore(idleSince));
    return clients.compute(token, (t, kept) -> new Kept(kept == null ? newClient(t) : kept.client(), now)).client();
  }

  private LaunchDarklyClient newClient(ApiToken token) {
    return new RestLaunchDarklyClient(api, token, clock, TokenRateLimiter.withSystemTime(rateLimits, clock), metrics,
        () -> clients.remove(token));
  }

  /** How many tokens have a client. */
  int size() {
    return clients.size();
  }
}
