package dev.ldai.operator.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where LaunchDarkly is: the in-memory stand-in only in dev mode without a token (so a newcomer can try the
 * operator without an account), the configured LaunchDarkly otherwise — never a stand-in in production.
 */
class LaunchDarklyEndpointTest {

  static final String CONFIGURED_URL = "https://app.eu.launchdarkly.com";

  @Test
  void devModeWithoutATokenServesTheStandInOnLoopbackAndUsesIt() throws IOException, InterruptedException {
    LaunchDarklyEndpoint endpoint = new LaunchDarklyEndpoint(config(Map.of()), LaunchMode.DEVELOPMENT);
    try {
      assertThat(endpoint.baseUrl()).startsWith("http://127.0.0.1:");
      assertThat(endpoint.operatorToken()).contains(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN));

      for (String listed : List.of("ai-configs", "ai-tools", "ai-configs/prompt-snippets")) {
        HttpResponse<String> listing = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/api/v2/projects/default/" + listed))
                .header("Authorization", LaunchDarklyStandIn.DEFAULT_TOKEN)
                .header("LD-API-Version", "beta")
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(listing.statusCode()).as(listed).isEqualTo(200);
      }
    } finally {
      endpoint.stopStandIn();
    }
  }

  @Test
  void devModeWithATokenUsesTheConfiguredLaunchDarkly() {
    LaunchDarklyEndpoint endpoint = new LaunchDarklyEndpoint(
        config(Map.of("ldai.launchdarkly.api-token", "api-configured")), LaunchMode.DEVELOPMENT);

    assertThat(endpoint.baseUrl()).isEqualTo(CONFIGURED_URL);
    assertThat(endpoint.operatorToken()).contains(ApiToken.of("api-configured"));
  }

  @ParameterizedTest
  @EnumSource(value = LaunchMode.class, names = {"NORMAL", "TEST"})
  void outsideDevModeThereIsNoStandInEvenWithoutAToken(LaunchMode mode) {
    LaunchDarklyEndpoint endpoint = new LaunchDarklyEndpoint(config(Map.of()), mode);

    assertThat(endpoint.baseUrl()).isEqualTo(CONFIGURED_URL);
    assertThat(endpoint.operatorToken()).isEmpty();
  }

  private static LdaiConfig config(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.put("ldai.launchdarkly.base-url", CONFIGURED_URL);
    return new SmallRyeConfigBuilder()
        .withMapping(LdaiConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter())
        .withSources(new PropertiesConfigSource(all, "test", 300))
        .build()
        .getConfigMapping(LdaiConfig.class);
  }
}
