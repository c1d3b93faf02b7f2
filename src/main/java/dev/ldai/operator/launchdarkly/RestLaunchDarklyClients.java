package dev.ldai.operator.launchdarkly;

import dev.ldai.operator.config.LdaiConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One REST client for LaunchDarkly, shared by all tokens; a {@link LaunchDarklyClient} per token. */
@ApplicationScoped
public class RestLaunchDarklyClients implements LaunchDarklyClients {

  private final LaunchDarklyApi api;
  private final Clock clock;
  private final Map<ApiToken, LaunchDarklyClient> clients = new ConcurrentHashMap<>();

  @Inject
  public RestLaunchDarklyClients(LaunchDarklyEndpoint endpoint, LdaiConfig config, Clock clock) {
    this(
        endpoint.baseUrl(),
        config.launchdarkly().apiVersion(),
        config.launchdarkly().connectTimeout(),
        config.launchdarkly().readTimeout(),
        clock);
  }

  public RestLaunchDarklyClients(
      String baseUrl, String apiVersion, Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.api =
        QuarkusRestClientBuilder.newBuilder()
            .baseUri(URI.create(baseUrl))
            .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .disableDefaultMapper(true)
            .register(new LaunchDarklyHeaders(apiVersion))
            .build(LaunchDarklyApi.class);
    this.clock = clock;
  }

  @Override
  public LaunchDarklyClient forToken(ApiToken token) {
    return clients.computeIfAbsent(token, t -> new RestLaunchDarklyClient(api, t, clock));
  }
}
