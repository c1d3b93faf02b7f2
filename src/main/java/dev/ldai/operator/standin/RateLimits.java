package dev.ldai.operator.standin;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * LaunchDarkly's rate limits as its API description states them: a global budget shared by every token
 * of the account, and a budget of the same size per route (method and path template), both over fixed windows (ten
 * seconds by default). Reported in the {@code X-Ratelimit-*} headers of every authorized answer.
 */
final class RateLimits {

  static final int DEFAULT_BUDGET = 100_000;
  static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

  /** The state of the budgets after one call; {@code exhausted} when the call must be refused. */
  record Budget(boolean exhausted, long globalRemaining, long routeRemaining, long resetEpochMillis, long retryAfterSeconds) {
    Map<String, String> headers() {
      return Map.of(
          "X-Ratelimit-Global-Remaining", Long.toString(globalRemaining),
          "X-Ratelimit-Route-Remaining", Long.toString(routeRemaining),
          "X-Ratelimit-Reset", Long.toString(resetEpochMillis));
    }
  }

  private record RouteKey(String method, Route route) {}

  private final Clock clock;
  private final Map<RouteKey, Integer> routeUsed = new HashMap<>();
  private int globalBudget;
  private long windowMillis;
  private long windowStart;
  private int globalUsed;

  RateLimits(Clock clock) {
    this.clock = clock;
    reset();
  }

  synchronized void global(int budget, Duration window) {
    if (budget < 1 || window.toMillis() < 1) {
      throw new IllegalArgumentException("budget and window must be positive");
    }
    globalBudget = budget;
    windowMillis = window.toMillis();
    restartWindow(Long.MIN_VALUE);
  }

  synchronized void reset() {
    global(DEFAULT_BUDGET, DEFAULT_WINDOW);
  }

  /** Counts one call against both budgets, unless either is already spent. */
  synchronized Budget take(Route route, String method) {
    long now = clock.millis();
    long start = now - Math.floorMod(now, windowMillis);
    if (start != windowStart) {
      restartWindow(start);
    }
    RouteKey key = new RouteKey(method, route);
    int routeBudget = globalBudget;
    int usedOnRoute = routeUsed.getOrDefault(key, 0);
    long reset = windowStart + windowMillis;
    if (globalUsed >= globalBudget || usedOnRoute >= routeBudget) {
      long retryAfter = Math.max(1, (reset - now + 999) / 1000);
      return new Budget(true, globalBudget - globalUsed, routeBudget - usedOnRoute, reset, retryAfter);
    }
    globalUsed++;
    routeUsed.put(key, usedOnRoute + 1);
    return new Budget(false, globalBudget - globalUsed, routeBudget - usedOnRoute - 1, reset, 0);
  }

  private void restartWindow(long start) {
    windowStart = start;
    globalUsed = 0;
    routeUsed.clear();
  }
}
