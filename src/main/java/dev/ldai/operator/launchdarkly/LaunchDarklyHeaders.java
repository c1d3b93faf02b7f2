package dev.ldai.operator.launchdarkly;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Headers every LaunchDarkly call carries besides the token. The configured API version is sent unless the
 * call sets one of its own ({@link LaunchDarklyApi#AGENT_GRAPHS_API_VERSION}): LaunchDarkly refuses a call
 * that carries the header twice.
 */
final class LaunchDarklyHeaders implements ClientRequestFilter {

  static final String USER_AGENT = "ldai-operator/0.1";
  static final String API_VERSION = "LD-API-Version";

  private final String apiVersion;

  LaunchDarklyHeaders(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public void filter(ClientRequestContext request) {
    if (request.getHeaderString(API_VERSION) == null) {
      request.getHeaders().putSingle(API_VERSION, apiVersion);
    }
    request.getHeaders().putSingle("User-Agent", USER_AGENT);
  }
}
