package dev.ldai.operator.status;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** RFC 3339 timestamps, as Kubernetes writes them. */
public final class Timestamps {

  private Timestamps() {}

  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /** LaunchDarkly reports times as epoch milliseconds. */
  public static String fromEpochMillis(Long epochMillis) {
    return epochMillis == null ? null : format(Instant.ofEpochMilli(epochMillis));
  }
}
