package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(60), new SplittableRandom(42));

  @Test
  void eachFailureDoublesTheCeilingAndTheDelayLiesInItsUpperHalf() {
    long[] ceilings = {2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000};
    for (long ceiling : ceilings) {
      long delay = backoff.nextDelay("a").toMillis();
      assertThat(delay).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void delaysAreSpreadSoResourcesThatFailedTogetherDoNotRetryTogether() {
    long distinct = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> backoff.nextDelay("resource-" + i))
        .distinct()
        .count();
    assertThat(distinct).isGreaterThan(40);
  }

  @Test
  void successStartsOver() {
    backoff.nextDelay("a");
    backoff.nextDelay("a");
    backoff.nextDelay("a");
    backoff.succeeded("a");

    assertThat(backoff.failures("a")).isZero();
    assertThat(backoff.nextDelay("a")).isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void advisedWaitsAreKeptAndSpreadByAtMostATenth() {
    for (int i = 0; i < 20; i++) {
      assertThat(backoff.advised("r" + i, Duration.ofSeconds(10))).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
    }
  }

  @Test
  void nonsenseBoundsAreRefused() {
    assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
