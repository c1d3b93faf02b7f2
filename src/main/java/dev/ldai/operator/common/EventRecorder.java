package dev.ldai.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import dev.ldai.operator.launchdarkly.LaunchDarklyMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Emits Kubernetes Events about a resource. Messages are LaunchDarkly's words or ours, never a token.
 * Failing to emit an Event never fails a reconcile. {@value #DRIFT_CORRECTED} Events are also counted in
 * the metrics.
 */
@ApplicationScoped
public class EventRecorder {

  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  private static final String CONTROLLER = "ldai-operator";
  public static final String DRIFT_CORRECTED = "DriftCorrected";

  private final KubernetesClient client;
  private final Clock clock;
  private final LaunchDarklyMetrics metrics;

  public EventRecorder(KubernetesClient client, Clock clock, LaunchDarklyMetrics metrics) {
    this.client = client;
    this.clock = clock;
    this.metrics = metrics;
  }

  public void normal(HasMetadata resource, String reason, String action, String message) {
    emit(resource, "Normal", reason, action, message);
  }

  public void warning(HasMetadata resource, String reason, String action, String message) {
    emit(resource, "Warning", reason, action, message);
  }

  private void emit(HasMetadata resource, String type, String reason, String action, String message) {
    if (DRIFT_CORRECTED.equals(reason)) {
      metrics.driftCorrected(resource.getKind());
    }
    String namespace = resource.getMetadata().getNamespace();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(resource.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
            .endMetadata()
            .withType(type)
            .withReason(reason)
            .withAction(action)
            .withNote(truncate(message))
            .withReportingController(CONTROLLER)
            .withReportingInstance(CONTROLLER)
            .withEventTime(new io.fabric8.kubernetes.api.model.MicroTime(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(java.time.ZoneOffset.UTC).format(Instant.now(clock))))
            .withRegarding(
                new ObjectReferenceBuilder()
                    .withApiVersion(resource.getApiVersion())
                    .withKind(resource.getKind())
                    .withName(resource.getMetadata().getName())
                    .withNamespace(namespace)
                    .withUid(resource.getMetadata().getUid())
                    .build())
            .build();
    try {
      client.events().v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.debugf("Could not record event %s for %s/%s: %s", reason, namespace,
          resource.getMetadata().getName(), e.getMessage());
    }
  }

  private static String truncate(String message) {
    return message != null && message.length() > 1024 ? message.substring(0, 1021) + "..." : message;
  }
}
