package dev.ldai.operator.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator SDK tags {@code events.received} with an {@code action} only for resource events, but
 * Prometheus needs every series of a metric to carry the same tag keys: the others get
 * {@code action="none"} instead of failing the registration (and with it the reconcile).
 */
public class MetricsCustomization {

  static final String EVENTS_RECEIVED = "events.received";

  @Produces
  @Singleton
  MeterFilter uniformEventTags() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (EVENTS_RECEIVED.equals(id.getName()) && id.getTag("action") == null) {
          return id.withTag(io.micrometer.core.instrument.Tag.of("action", "none"));
        }
        return id;
      }
    };
  }
}
