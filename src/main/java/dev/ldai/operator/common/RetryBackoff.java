package dev.ldai.operator.common;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter, per resource: the n-th consecutive failure waits a random time
 * between half and all of {@code min(max, initial × 2^(n-1))}, so resources that failed together do not
 * retry together. Forgotten when the resource syncs or goes away.
 */
public final class RetryBackoff implements PerResourceState {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  public RetryBackoff(Duration initial, Duration max, RandomGenerator random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max");
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** Counts one more failure of {@code resourceId} and says how long to wait before the next try. */
  public Duration nextDelay(String resourceId) {
    int failure = failures.merge(resourceId, 1, Integer::sum);
    long ceiling = ceilingMillis(failure);
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }

  /** The wait LaunchDarkly asked for, spread by up to a tenth so that a burst does not come back as one. */
  public Duration advised(String resourceId, Duration retryAfter) {
    failures.merge(resourceId, 1, Integer::sum);
    long spread = Math.max(1, retryAfter.toMillis() / 10);
    return retryAfter.plusMillis(random.nextLong(spread + 1));
  }

  public void succeeded(String resourceId) {
    failures.remove(resourceId);
  }

  @Override
  public Set<String> resources() {
    return Set.copyOf(failures.keySet());
  }

  @Override
  public void forget(String uid) {
    failures.remove(uid);
  }

  int failures(String resourceId) {
    return failures.getOrDefault(resourceId, 0);
  }

  private long ceilingMillis(int failure) {
    long ceiling = initial.toMillis();
    for (int i = 1; i < failure && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    return Math.min(ceiling, max.toMillis());
  }
}
