package dev.ldai.operator.launchdarkly;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The operator's own meters, next to the operator SDK's: LaunchDarkly calls by route, method and status
 * with their latency, calls LaunchDarkly refused with 429, calls the operator held back, drift
 * corrections by kind, and Kubernetes Events the API server refused. Tokens are never a tag.
 */
@Singleton
public class LaunchDarklyMetrics {

  static final String REQUESTS = "ldai.launchdarkly.requests";
  static final String RATE_LIMITED = "ldai.launchdarkly.rate.limited";
  static final String THROTTLED = "ldai.launchdarkly.throttled";
  static final String DRIFT_CORRECTIONS = "ldai.drift.corrections";
  static final String EVENTS_REFUSED = "ldai.events.refused";

  private final MeterRegistry registry;

  public LaunchDarklyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One answered call ({@code httpStatus} 0 when no answer came: I/O error or timeout). */
  public void request(Operation operation, int httpStatus, Duration latency) {
    Timer.builder(REQUESTS)
        .description("LaunchDarkly API calls")
        .tag("route", operation.route())
        .tag("method", operation.method())
        .tag("status", httpStatus == 0 ? "io_error" : Integer.toString(httpStatus))
        .register(registry)
        .record(latency);
    if (httpStatus == 429) {
      counter(RATE_LIMITED, "LaunchDarkly answers with status 429", "route", operation.route()).increment();
    }
  }

  /** A call held back by the operator's own rate limiter beyond the allowed wait. */
  public void throttled(Operation operation) {
    counter(THROTTLED, "Calls the operator deferred to respect LaunchDarkly's rate limits", "route", operation.route())
        .increment();
  }

  /** LaunchDarkly had drifted from the spec of a resource of {@code kind} and was brought back. */
  public void driftCorrected(String kind) {
    counter(DRIFT_CORRECTIONS, "Changes made outside the operator that it reverted", "kind", kind).increment();
  }

  /** The API server refused an Event ({@code httpStatus} 0 when it could not be reached). */
  public void eventRefused(int httpStatus) {
    counter(EVENTS_REFUSED, "Kubernetes Events the operator could not record", "status",
        httpStatus == 0 ? "io_error" : Integer.toString(httpStatus)).increment();
  }

  private Counter counter(String name, String description, String tag, String value) {
    return Counter.builder(name).description(description).tag(tag, value).register(registry);
  }
}
