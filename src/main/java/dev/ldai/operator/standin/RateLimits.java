package dev.ldai.operator.standin;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A fixed-window request budget per token, reported in LaunchDarkly's {@code X-Ratelimit-*} headers. */
final class RateLimits {

  private static final int DEFAULT_BUDGET = 100_000;
  private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private volatile int budget = DEFAULT_BUDGET;
  private volatile Duration window = DEFAULT_WINDOW;

  record Budget(boolean exhausted, long remaining, long resetEpochMillis, long retryAfterSeconds) {
    Map<String, String> headers() {
      return Map.of(
          "X-Ratelimit-Global-Remaining", Long.toString(remaining),
          "X-Ratelimit-Route-Remaining", Long.toString(remaining),
          "X-Ratelimit-Reset", Long.toString(resetEpochMillis));
    }
  }

  private static final class Window {
    long start;
    int used;
  }

  RateLimits(Clock clock) {
    this.clock = clock;
  }

  void configure(int budget, Duration window) {
    this.budget = budget;
    this.window = window;
    windows.clear();
  }

  void reset() {
    configure(DEFAULT_BUDGET, DEFAULT_WINDOW);
  }

  Budget take(String token) {
    long now = clock.millis();
    Window current = windows.computeIfAbsent(token, t -> new Window());
    synchronized (current) {
      if (now - current.start >= window.toMillis()) {
        current.start = now;
        current.used = 0;
      }
      long reset = current.start + window.toMillis();
      if (current.used >= budget) {
        return new Budget(true, 0, reset, Math.max(1, (reset - now + 999) / 1000));
      }
      current.used++;
      return new Budget(false, budget - current.used, reset, 0);
    }
  }
}
