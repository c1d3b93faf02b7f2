package dev.ldai.operator.launchdarkly;

import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where LaunchDarkly is, and the operator-wide token. In dev mode without a configured token, this is
 * an in-memory stand-in served on loopback, so the operator can be tried without a LaunchDarkly account;
 * it starts with the application, so its URL is in the log before the first resource is applied.
 */
@Startup
@ApplicationScoped
public class LaunchDarklyEndpoint {

  private static final Logger LOG = Logger.getLogger(LaunchDarklyEndpoint.class);

  private final String baseUrl;
  private final Optional<ApiToken> operatorToken;
  private final LaunchDarklyStandIn standIn;

  @Inject
  public LaunchDarklyEndpoint(LdaiConfig config) {
    this(config, LaunchMode.current());
  }

  LaunchDarklyEndpoint(LdaiConfig config, LaunchMode launchMode) {
    Optional<ApiToken> configuredToken =
        config.launchdarkly().apiToken().filter(t -> !t.isBlank()).map(ApiToken::of);
    if (configuredToken.isEmpty() && launchMode == LaunchMode.DEVELOPMENT) {
      standIn = LaunchDarklyStandIn.startForDevMode();
      baseUrl = standIn.baseUrl();
      operatorToken = Optional.of(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN));
      LOG.warnf(
          "No LaunchDarkly token configured (ldai.launchdarkly.api-token): using the in-memory"
              + " LaunchDarkly stand-in at %s. Nothing reaches LaunchDarkly.",
          baseUrl);
    } else {
      standIn = null;
      baseUrl = config.launchdarkly().baseUrl();
      operatorToken = configuredToken;
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The token used when a resource's namespace holds no credentials Secret. */
  public Optional<ApiToken> operatorToken() {
    return operatorToken;
  }

  @PreDestroy
  void stopStandIn() {
    if (standIn != null) {
      standIn.close();
    }
  }
}
