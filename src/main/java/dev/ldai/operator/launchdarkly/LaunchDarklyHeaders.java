package dev.ldai.operator.launchdarkly;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Headers every LaunchDarkly call carries besides the token. */
final class LaunchDarklyHeaders implements ClientRequestFilter {

  static final String USER_AGENT = "ldai-operator/0.1";

  private final String apiVersion;

  LaunchDarklyHeaders(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public void filter(ClientRequestContext request) {
    request.getHeaders().putSingle("LD-API-Version", apiVersion);
    request.getHeaders().putSingle("User-Agent", USER_AGENT);
  }
}
