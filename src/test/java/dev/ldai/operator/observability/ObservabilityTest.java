package dev.ldai.operator.observability;

import static dev.ldai.operator.testing.Manifests.aiConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.testing.Manifests;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What a Deployment's probes and a Prometheus scrape see. */
@QuarkusTest
class ObservabilityTest extends ComponentTest {

  @Test
  void metricsCountLaunchDarklyCallsByRouteMethodAndStatusNextToTheOperatorSdksOwn() {
    String before = scrape();
    cluster.create(aiConfig("measured", spec -> {}));
    cluster.awaitReady(AIConfig.class, "measured");
    launchDarkly.editConfig(Manifests.PROJECT, "measured", c -> c.put("name", "Edited in the UI"));
    await().atMost(Cluster.TIMEOUT).until(() -> cluster.events("measured").stream()
        .anyMatch(e -> "DriftCorrected".equals(e.getReason())));

    String after = scrape();

    String createdConfigs =
        "ldai_launchdarkly_requests_seconds_count{method=\"POST\",route=\"/ai-configs\",status=\"201\"}";
    String revertedConfigs = "ldai_drift_corrections_total{kind=\"AIConfig\"}";
    assertThat(sample(after, createdConfigs) - sample(before, createdConfigs)).isEqualTo(1.0);
    assertThat(sample(after, revertedConfigs) - sample(before, revertedConfigs)).isEqualTo(1.0);
    assertThat(after)
        .contains("reconciliations_success_total")
        .contains("events_received_total")
        .doesNotContain(LaunchDarklyStandIn.DEFAULT_TOKEN);
  }

  private static String scrape() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** The value of one series in Prometheus' text format; 0 when the series does not exist yet. */
  private static double sample(String scrape, String series) {
    return scrape.lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst()
        .orElse(0);
  }

  @Test
  void healthEndpointsAnswerForTheProbes() {
    given().get("/q/health/live").then().statusCode(200).body(containsString("UP"));
    given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
    given().get("/q/health/started").then().statusCode(200);
  }
}
