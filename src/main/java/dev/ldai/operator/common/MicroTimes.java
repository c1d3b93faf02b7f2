package dev.ldai.operator.common;

import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Kubernetes' MicroTime as the API server parses it: exactly six fractional digits, UTC ({@code
 * 2006-01-02T15:04:05.000000Z}). {@link Instant#toString()} writes 0, 3, 6 or 9 digits depending on the
 * clock, and the API server refuses every length but six.
 */
public final class MicroTimes {

  private static final DateTimeFormatter WIRE_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private MicroTimes() {}

  public static MicroTime of(Instant instant) {
    return new MicroTime(WIRE_FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS)));
  }
}
