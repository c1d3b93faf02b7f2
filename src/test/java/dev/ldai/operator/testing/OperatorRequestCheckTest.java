package dev.ldai.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.standin.LaunchDarklyStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The component tests' request check refuses what LaunchDarkly's description refuses — a wrongly typed body,
 * an unknown path, a malformed query, a missing token — and lets a correct request through. Skipped when
 * the description is not beside the project.
 */
class OperatorRequestCheckTest {

  static final String CONFIGS = "/api/v2/projects/default/ai-configs";

  static LaunchDarklyStandIn standIn;
  static OperatorRequestCheck check;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Files.isRegularFile(OperatorRequestCheck.SPEC),
        "LaunchDarkly's openapi.yaml not found at " + OperatorRequestCheck.SPEC.toAbsolutePath());
    standIn = LaunchDarklyStandIn.start();
    check = new OperatorRequestCheck();
    check.watch(standIn);
  }

  @AfterAll
  static void stop() {
    if (standIn != null) {
      standIn.close();
    }
  }

  @Test
  void correctRequestsPass() throws Exception {
    send("POST", CONFIGS, "{\"key\":\"bot\",\"name\":\"Bot\",\"tags\":[\"a\"]}", true);
    send("PATCH", CONFIGS + "/bot", "{\"isInverted\":true}", true);
    send("GET", CONFIGS + "?limit=100&offset=0", null, true);
    send("DELETE", CONFIGS + "/bot", null, true);

    assertThat(check.refusals()).isEmpty();
  }

  @Test
  void aWronglyTypedBodyIsRefusedNamingTheField() throws Exception {
    send("POST", CONFIGS + "/model-configs", "{\"key\":\"m\",\"name\":\"M\",\"id\":\"x\",\"params\":\"hot\"}", true);

    List<String> refusals = check.refusals();
    assertThat(refusals).singleElement().asString()
        .startsWith("POST " + CONFIGS + "/model-configs").contains("/params").contains("object");
    assertThat(check.refusals()).as("reported once").isEmpty();
  }

  @Test
  void aBadPathQueryOrMissingTokenIsRefused() throws Exception {
    send("GET", "/api/v2/projects/default/ai-config", null, true);
    send("GET", CONFIGS + "?limit=many", null, true);
    send("GET", CONFIGS, null, false);

    assertThat(check.refusals()).hasSize(3);
  }

  private static void send(String method, String path, String body, boolean withToken)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("LD-API-Version", "20240415");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (withToken) {
      request.header("Authorization", LaunchDarklyStandIn.DEFAULT_TOKEN);
    }
    HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
