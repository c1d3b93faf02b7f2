package dev.ldai.operator.common;

import dev.ldai.operator.launchdarkly.LaunchDarklyMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Emits Kubernetes Events about a resource. Messages are LaunchDarkly's words or ours, never a token.
 * Failing to emit an Event never fails a reconcile, but it is counted in the metrics and logged at WARN
 * at most once per {@link #REFUSAL_WARNING_INTERVAL} (the rest at DEBUG), so that a cluster refusing them
 * shows without flooding the log. {@value #DRIFT_CORRECTED} Events are counted in the metrics too.
 */
@ApplicationScoped
public class EventRecorder {

  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  private static final String CONTROLLER = "ldai-operator";
  public static final String DRIFT_CORRECTED = "DriftCorrected";
  static final Duration REFUSAL_WARNING_INTERVAL = Duration.ofMinutes(10);

  private final KubernetesClient client;
  private final Clock clock;
  private final LaunchDarklyMetrics metrics;
  private final OncePerInterval refusalWarnings;

  public EventRecorder(KubernetesClient client, Clock clock, LaunchDarklyMetrics metrics) {
    this.client = client;
    this.clock = clock;
    this.metrics = metrics;
    this.refusalWarnings = new OncePerInterval(clock, REFUSAL_WARNING_INTERVAL);
  }

  public void normal(HasMetadata resource, String reason, String action, String message) {
    emit(resource, "Normal", reason, action, message);
  }

  public void warning(HasMetadata resource, String reason, String action, String message) {
    emit(resource, "Warning", reason, action, message);
  }

  /**
   * LaunchDarkly had been changed behind the operator's back (an edit reverted, a deleted object
   * recreated): a Warning, whatever the kind, and counted in the metrics.
   */
  public void driftCorrected(HasMetadata resource, String action, String message) {
    metrics.driftCorrected(resource.getKind());
    warning(resource, DRIFT_CORRECTED, action, message);
  }

  private void emit(HasMetadata resource, String type, String reason, String action, String message) {
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
            .withEventTime(MicroTimes.of(clock.instant()))
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
      refused(resource, reason, e);
    }
  }

  private void refused(HasMetadata resource, String reason, KubernetesClientException e) {
    metrics.eventRefused(e.getCode());
    String what = "Could not record the %s Event of %s %s/%s (HTTP %d): %s".formatted(reason, resource.getKind(),
        resource.getMetadata().getNamespace(), resource.getMetadata().getName(), e.getCode(), e.getMessage());
    if (refusalWarnings.admit()) {
      LOG.warnf("%s. Reconciling goes on without it; further failures are counted in ldai_events_refused_total"
          + " and logged at DEBUG for the next %d minutes.", what, REFUSAL_WARNING_INTERVAL.toMinutes());
    } else {
      LOG.debug(what);
    }
  }

  private static String truncate(String message) {
    return message != null && message.length() > 1024 ? message.substring(0, 1021) + "..." : message;
  }
}
