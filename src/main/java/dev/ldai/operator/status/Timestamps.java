package dev.ldai.operator.status;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps, as Kubernetes writes them. */
public final class Timestamps {

  private Timestamps() {}

  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /** Now, to the second, as status timestamps are written. */
  public static String now(Clock clock) {
    return format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
  }

  /** LaunchDarkly reports times as epoch milliseconds. */
  public static String fromEpochMillis(Long epochMillis) {
    return epochMillis == null ? null : format(Instant.ofEpochMilli(epochMillis));
  }
}
