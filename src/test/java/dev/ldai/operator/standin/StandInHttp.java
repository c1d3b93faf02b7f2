package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** A plain HTTP client for talking to the stand-in as LaunchDarkly's users would. */
final class StandInHttp {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SEMANTIC_PATCH = "application/json; domain-model=launchdarkly.semanticpatch";

  record Answer(int status, String body, HttpResponse<String> response) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  private final HttpClient client = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String token;
  /** The {@code LD-API-Version} header lines sent, one value each. */
  private final List<String> apiVersions;

  StandInHttp(String baseUrl, String token) {
    this(baseUrl, token, List.of("20240415"));
  }

  private StandInHttp(String baseUrl, String token, List<String> apiVersions) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.apiVersions = apiVersions;
  }

  StandInHttp withToken(String otherToken) {
    return new StandInHttp(baseUrl, otherToken, apiVersions);
  }

  /** Sends these {@code LD-API-Version} header lines instead: none, one, or the header twice. */
  StandInHttp withApiVersions(String... versions) {
    return new StandInHttp(baseUrl, token, List.of(versions));
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, String body) {
    return send("POST", path, body);
  }

  Answer patch(String path, String body) {
    return send("PATCH", path, body);
  }

  /** A PATCH with the media type LaunchDarkly's semantic patches need. */
  Answer semanticPatch(String path, String body) {
    return send("PATCH", path, body, SEMANTIC_PATCH);
  }

  Answer delete(String path) {
    return send("DELETE", path, null);
  }

  Answer send(String method, String path, String body) {
    return send(method, path, body, "application/json");
  }

  Answer send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", contentType);
    apiVersions.forEach(version -> request.header("LD-API-Version", version));
    if (token != null) {
      request.header("Authorization", token);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
