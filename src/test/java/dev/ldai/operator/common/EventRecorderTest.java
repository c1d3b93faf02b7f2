package dev.ldai.operator.common;

import static dev.ldai.operator.testing.Manifests.aiConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.launchdarkly.LaunchDarklyMetrics;
import dev.ldai.operator.testing.LogCapture;
import dev.ldai.operator.testing.ManualClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the API server sees of an Event, and what follows when it refuses one. */
class EventRecorderTest {

  static final String NAMESPACE = "recorded";
  static final String EVENTS = "/apis/events.k8s.io/v1/namespaces/" + NAMESPACE + "/events";
  /** The API server's answer to an eventTime with other than six fractional digits. */
  static final String REFUSAL = """
      {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "BadRequest", "code": 400,
       "message": "Event in version \\"v1\\" cannot be handled as a Event: parsing time \\"2026-11-29T04:05:06.123456789Z\\"\
       as \\"2006-01-02T15:04:05.000000Z07:00\\": cannot parse \\"789Z\\" as \\"Z07:00\\""}""";

  final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T04:05:06.123456789Z"));
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AIConfig resource = aiConfig("observed", spec -> {});
  KubernetesMockServer server;
  KubernetesClient client;
  EventRecorder recorder;

  @BeforeEach
  void setUp() {
    server = new KubernetesMockServer(false);
    server.init();
    client = server.createClient();
    recorder = new EventRecorder(client, clock, new LaunchDarklyMetrics(registry));
    resource.getMetadata().setNamespace(NAMESPACE);
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.destroy();
  }

  @Test
  void theEventTimeGoesOutWithSixFractionalDigits() throws InterruptedException {
    server.expect().post().withPath(EVENTS).andReturn(201, "{}").once();

    recorder.normal(resource, "Created", "Create", "Created AI Config observed");

    RecordedRequest request = server.takeRequest();
    assertThat(request.getBody().readUtf8()).contains("\"eventTime\":\"2026-11-29T04:05:06.123456Z\"");
  }

  @Test
  void aRefusedEventIsWarnedAboutOncePerIntervalCountedAndNeverFailsTheCaller() {
    server.expect().post().withPath(EVENTS).andReturn(400, REFUSAL).always();

    try (LogCapture logs = LogCapture.install()) {
      for (int i = 0; i < 3; i++) {
        assertThatCode(() -> recorder.normal(resource, "Updated", "Update", "Updated AI Config observed"))
            .doesNotThrowAnyException();
        clock.advance(Duration.ofMinutes(1));
      }
      assertThat(warnings(logs)).hasSize(1);
      assertThat(warnings(logs).get(0)).contains("Updated", "AIConfig", "observed", "400", "cannot parse");
      assertThat(refused("400")).isEqualTo(3.0);

      clock.advance(EventRecorder.REFUSAL_WARNING_INTERVAL);
      recorder.driftCorrected(resource, "Update", "Reverted changes made in LaunchDarkly to AI Config observed");

      assertThat(warnings(logs)).hasSize(2);
      assertThat(warnings(logs).get(1)).contains("DriftCorrected");
      assertThat(refused("400")).isEqualTo(4.0);
    }
  }

  private static java.util.List<String> warnings(LogCapture logs) {
    return logs.lines(Level.WARNING).stream().filter(line -> line.contains("Event")).toList();
  }

  private double refused(String status) {
    return registry.get("ldai.events.refused").tag("status", status).counter().count();
  }
}
