package dev.ldai.operator.launchdarkly.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenRateLimiterTest {

  static final long START = 1_700_000_000_000L;
  static final String ROUTE = "CREATE_CONFIG";
  static final String OTHER_ROUTE = "GET_CONFIG";

  /** A clock the test moves; sleeping moves it too, so waits are observable without real time. */
  static final class ManualClock extends Clock {
    long millis = START;
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    void sleep(Duration d) {
      sleeps.add(d);
      millis += d.toMillis();
    }
  }

  final ManualClock clock = new ManualClock();

  TokenRateLimiter limiter(int concurrency, double perSecond, Duration maxWait, int slowDownBelow) {
    return new TokenRateLimiter(new RateLimitSettings(concurrency, perSecond, maxWait, slowDownBelow), clock, clock::sleep);
  }

  static RateLimitAdvice answer(int status, Map<String, String> headers) {
    return RateLimitAdvice.from(status, headers::get);
  }

  @Test
  void callsAreSpacedByTheConfiguredRate() {
    TokenRateLimiter limiter = limiter(10, 10, Duration.ofSeconds(5), 0);

    for (int i = 0; i < 4; i++) {
      limiter.acquire(ROUTE).close();
    }

    assertThat(clock.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100));
    assertThat(clock.millis - START).isEqualTo(300);
  }

  @Test
  void after429WithRetryAfterNothingGoesOutUntilThenOnAnyRoute() {
    TokenRateLimiter limiter = limiter(10, 1000, Duration.ofSeconds(60), 0);
    limiter.acquire(ROUTE).close();
    limiter.observe(ROUTE, answer(429, Map.of("Retry-After", "7")));

    limiter.acquire(OTHER_ROUTE).close();

    assertThat(clock.millis).isGreaterThanOrEqualTo(START + 7_000);
  }

  @Test
  void aRouteReportedSpentHoldsOnlyThatRouteUntilTheReset() {
    TokenRateLimiter limiter = limiter(10, 1000, Duration.ofSeconds(60), 0);
    long reset = START + 4_000;
    limiter.acquire(ROUTE).close();
    limiter.observe(ROUTE, answer(201, Map.of(
        "X-Ratelimit-Route-Remaining", "0", "X-Ratelimit-Global-Remaining", "50",
        "X-Ratelimit-Reset", Long.toString(reset))));

    limiter.acquire(OTHER_ROUTE).close();
    assertThat(clock.millis).isLessThan(START + 100);

    limiter.acquire(ROUTE).close();
    assertThat(clock.millis).isGreaterThanOrEqualTo(reset);
  }

  @Test
  void a429OnOneRoutePausesEveryRouteUntilTheAdvisedTime() {
    TokenRateLimiter limiter = limiter(10, 1000, Duration.ofSeconds(60), 0);
    long reset = START + 4_000;
    limiter.acquire(ROUTE).close();
    limiter.observe(ROUTE, answer(429, Map.of(
        "X-Ratelimit-Route-Remaining", "0", "X-Ratelimit-Global-Remaining", "50",
        "X-Ratelimit-Reset", Long.toString(reset))));

    limiter.acquire(OTHER_ROUTE).close();

    assertThat(clock.millis).isGreaterThanOrEqualTo(reset);
  }

  @Test
  void aRemainingCountOfZeroPausesBeforeAny429() {
    TokenRateLimiter limiter = limiter(10, 1000, Duration.ofSeconds(60), 0);
    long reset = START + 2_500;
    limiter.acquire(ROUTE).close();
    limiter.observe(ROUTE, answer(201, Map.of("X-Ratelimit-Global-Remaining", "0", "X-Ratelimit-Reset", Long.toString(reset))));

    limiter.acquire(OTHER_ROUTE).close();

    assertThat(clock.millis).isGreaterThanOrEqualTo(reset);
  }

  @Test
  void aLowRemainingBudgetIsSpreadOverTheRestOfTheWindow() {
    TokenRateLimiter limiter = limiter(10, 1000, Duration.ofSeconds(60), 10);
    long reset = START + 10_000;
    limiter.acquire(ROUTE).close();
    limiter.observe(ROUTE, answer(200, Map.of("X-Ratelimit-Global-Remaining", "4", "X-Ratelimit-Reset", Long.toString(reset))));

    List<Long> sentAt = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      limiter.acquire(ROUTE).close();
      sentAt.add(clock.millis);
    }

    // Four calls left for ten seconds: never all at once, and the last is not held past the reset.
    assertThat(sentAt.get(3) - sentAt.get(0)).isGreaterThanOrEqualTo(3_000);
    assertThat(sentAt.get(3)).isLessThanOrEqualTo(reset);
  }

  @Test
  void aWaitLongerThanAllowedIsRefusedWithTheTimeToWaitAndBooksNothing() {
    TokenRateLimiter limiter = limiter(10, 1000, Duration.ofSeconds(5), 0);
    limiter.observe(ROUTE, answer(429, Map.of("Retry-After", "30")));

    ThrottledException first = catchThrowableOfType(ThrottledException.class, () -> limiter.acquire(ROUTE));
    ThrottledException second = catchThrowableOfType(ThrottledException.class, () -> limiter.acquire(ROUTE));

    assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(second.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(first.getMessage()).contains("30s");
    assertThat(clock.sleeps).isEmpty();
  }

  @Test
  void headersOfAPastWindowAreIgnored() {
    TokenRateLimiter limiter = limiter(10, 1000, Duration.ofSeconds(1), 0);
    limiter.observe(ROUTE, answer(200, Map.of("X-Ratelimit-Global-Remaining", "0", "X-Ratelimit-Reset", Long.toString(START - 1))));

    limiter.acquire(ROUTE).close();

    assertThat(clock.sleeps).isEmpty();
  }

  @Test
  void theConcurrencyCapHoldsExtraCallersUntilASlotIsReleased() throws Exception {
    TokenRateLimiter limiter =
        new TokenRateLimiter(new RateLimitSettings(1, 1000, Duration.ofSeconds(5), 0), Clock.systemUTC(), d -> {});
    TokenRateLimiter.Permit held = limiter.acquire(ROUTE);
    CountDownLatch acquired = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread second = new Thread(() -> {
      try (TokenRateLimiter.Permit p = limiter.acquire(ROUTE)) {
        acquired.countDown();
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    second.start();

    assertThat(acquired.await(200, TimeUnit.MILLISECONDS)).isFalse();
    held.close();
    assertThat(acquired.await(5, TimeUnit.SECONDS)).isTrue();
    second.join();
    assertThat(failure.get()).isNull();
  }

  @Test
  void aCallerFindingNoSlotWithinTheAllowedWaitIsThrottled() {
    TokenRateLimiter limiter =
        new TokenRateLimiter(new RateLimitSettings(1, 1000, Duration.ofMillis(50), 0), Clock.systemUTC(), d -> {});
    try (TokenRateLimiter.Permit held = limiter.acquire(ROUTE)) {
      ThrottledException throttled = catchThrowableOfType(ThrottledException.class, () -> limiter.acquire(ROUTE));
      assertThat(throttled.retryAfter()).isEqualTo(Duration.ofMillis(50));
    }
    limiter.acquire(ROUTE).close();
  }
}
