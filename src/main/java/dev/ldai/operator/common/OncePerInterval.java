package dev.ldai.operator.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Admits one occurrence per interval of the clock; the others are turned away until the interval is over. */
final class OncePerInterval {

  private final Clock clock;
  private final Duration interval;
  private Instant lastAdmitted;

  OncePerInterval(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  synchronized boolean admit() {
    Instant now = clock.instant();
    if (lastAdmitted != null && now.isBefore(lastAdmitted.plus(interval))) {
      return false;
    }
    lastAdmitted = now;
    return true;
  }
}
