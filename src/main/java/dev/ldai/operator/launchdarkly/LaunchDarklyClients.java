package dev.ldai.operator.launchdarkly;

/** Hands out a {@link LaunchDarklyClient} per API token (rate limits are per token). */
public interface LaunchDarklyClients {

  LaunchDarklyClient forToken(ApiToken token);
}
