package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stale-read fault: after a PATCH, reads of the patched object answer its state from before the
 * PATCH, for a number of reads or for a while — as LaunchDarkly may right after a variation PATCH (its
 * Terraform provider re-reads a variation until the version advances). Off until {@link #forReads} or
 * {@link #forDuration} turns it on.
 */
final class StaleReads {

  private record Window(JsonNode previous, int readsLeft, long until) {
    boolean open(long now) {
      return readsLeft > 0 && now < until;
    }
  }

  private final Clock clock;
  private final Map<String, Window> windows = new HashMap<>();
  private int reads;
  /** Null: stale until the reads are used up, however long that takes. */
  private Duration duration;

  StaleReads(Clock clock) {
    this.clock = clock;
  }

  /** Each PATCH is followed by {@code reads} stale reads of its object. */
  synchronized void forReads(int reads) {
    if (reads < 1) {
      throw new IllegalArgumentException("reads must be at least 1");
    }
    this.reads = reads;
    this.duration = null;
  }

  /** Reads of a patched object are stale for {@code duration} after the PATCH. */
  synchronized void forDuration(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive");
    }
    this.reads = Integer.MAX_VALUE;
    this.duration = duration;
  }

  synchronized boolean on() {
    return reads > 0;
  }

  /** An object was patched; {@code previous} is what a read of it answered just before. */
  synchronized void patched(String object, JsonNode previous) {
    if (!on()) {
      return;
    }
    long until = duration == null ? Long.MAX_VALUE : clock.millis() + duration.toMillis();
    windows.put(object, new Window(previous, reads, until));
  }

  /** The stale answer to a read of the object, while its window is open. */
  synchronized Optional<JsonNode> read(String object) {
    Window window = windows.get(object);
    if (window == null) {
      return Optional.empty();
    }
    if (!window.open(clock.millis())) {
      windows.remove(object);
      return Optional.empty();
    }
    windows.put(object, new Window(window.previous(), window.readsLeft() - 1, window.until()));
    return Optional.of(window.previous().deepCopy());
  }

  synchronized void clear() {
    windows.clear();
    reads = 0;
    duration = null;
  }
}
