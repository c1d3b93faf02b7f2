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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One REST client for LaunchDarkly, shared by all tokens; a {@link LaunchDarklyClient} and a
 * {@link TokenRateLimiter} per token, shared by every controller that uses the token.
 */
@ApplicationScoped
public class RestLaunchDarklyClients implements LaunchDarklyClients {

  private final LaunchDarklyApi api;
  private final Clock clock;
  private final RateLimitSettings rateLimits;
  private final LaunchDarklyMetrics metrics;
  private final Map<ApiToken, LaunchDarklyClient> clients = new ConcurrentHashMap<>();

  @Inject
  public RestLaunchDarklyClients(
      LaunchDarklyEndpoint endpoint, LdaiConfig config, Clock clock, LaunchDarklyMetrics metrics) {
    this(
        endpoint.baseUrl(),
        config.launchdarkly().apiVersion(),
        config.launchdarkly().connectTimeout(),
        config.launchdarkly().readTimeout(),
        rateLimitSettings(config.launchdarkly().rateLimit()),
        clock,
        metrics);
  }

  public RestLaunchDarklyClients(
      String baseUrl,
      String apiVersion,
      Duration connectTimeout,
      Duration readTimeout,
      RateLimitSettings rateLimits,
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
    this.metrics = metrics;
  }

  private static RateLimitSettings rateLimitSettings(LdaiConfig.RateLimit config) {
    return new RateLimitSettings(
        config.maxConcurrentRequests(), config.requestsPerSecond(), config.maxWait(), config.slowDownBelow());
  }

  @Override
  public LaunchDarklyClient forToken(ApiToken token) {
    return clients.computeIfAbsent(
        token,
        t -> new RestLaunchDarklyClient(api, t, clock, TokenRateLimiter.withSystemTime(rateLimits, clock), metrics));
  }
}
