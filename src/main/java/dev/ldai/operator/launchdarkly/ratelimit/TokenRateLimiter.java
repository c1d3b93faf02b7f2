package dev.ldai.operator.launchdarkly.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Paces the LaunchDarkly calls made with one token, across all controllers: at most
 * {@link RateLimitSettings#maxConcurrentRequests()} in flight, at most
 * {@link RateLimitSettings#requestsPerSecond()}, slower as LaunchDarkly's reported budgets run low, none
 * on a route whose reported budget is zero until its reset, and none at all after a 429 until the time
 * LaunchDarkly gave.
 *
 * <p>A caller that would wait longer than {@link RateLimitSettings#maxWait()} gets a
 * {@link ThrottledException} instead of blocking a reconciler thread.
 */
public final class TokenRateLimiter {

  /** Sleeps; replaced in tests so that time is the injected clock's. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** One of LaunchDarkly's budgets: the token's global one, or a route's. */
  private static final class Budget {
    long remaining = -1;
    long resetAt;
    long pausedUntil;
    long nextSlotAt;

    boolean known(long now) {
      return remaining >= 0 && resetAt > now;
    }
  }

  private final RateLimitSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Semaphore inFlight;
  private final Budget global = new Budget();
  private final Map<String, Budget> routes = new HashMap<>();
  private long nextSlotAt;

  public TokenRateLimiter(RateLimitSettings settings, Clock clock, Sleeper sleeper) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.inFlight = new Semaphore(settings.maxConcurrentRequests(), true);
  }

  public static TokenRateLimiter withSystemTime(RateLimitSettings settings, Clock clock) {
    return new TokenRateLimiter(settings, clock, d -> Thread.sleep(d.toMillis()));
  }

  /** A slot for one call on {@code route}; close it once the answer's headers were given to {@link #observe}. */
  public Permit acquire(String route) {
    Duration maxWait = settings.maxWait();
    try {
      if (!inFlight.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ThrottledException(maxWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ThrottledException(maxWait);
    }
    try {
      Duration wait;
      while (!(wait = reserve(route)).isZero()) {
        sleeper.sleep(wait);
        if (pausedAt(route, clock.millis()) == 0) {
          break;
        }
      }
      return inFlight::release;
    } catch (InterruptedException e) {
      inFlight.release();
      Thread.currentThread().interrupt();
      throw new ThrottledException(maxWait);
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
  }

  /**
   * Books the next free slot for {@code route} and says how long until it; books nothing and throws when
   * that is beyond the allowed wait.
   */
  synchronized Duration reserve(String route) {
    long now = clock.millis();
    Budget onRoute = routes.computeIfAbsent(route, r -> new Budget());
    long at = Math.max(now, Math.max(nextSlotAt, Math.max(global.nextSlotAt, onRoute.nextSlotAt)));
    at = Math.max(at, Math.max(global.pausedUntil, onRoute.pausedUntil));
    long wait = at - now;
    if (wait > settings.maxWait().toMillis()) {
      throw new ThrottledException(Duration.ofMillis(wait));
    }
    nextSlotAt = at + settings.spacingMillis();
    spend(global, at);
    spend(onRoute, at);
    return Duration.ofMillis(wait);
  }

  /** Counts a call against a known budget: pauses at zero, spreads the rest when it runs low. */
  private void spend(Budget budget, long at) {
    if (!budget.known(at)) {
      return;
    }
    budget.remaining--;
    if (budget.remaining <= 0) {
      budget.pausedUntil = Math.max(budget.pausedUntil, budget.resetAt);
    } else if (budget.remaining < settings.slowDownBelow()) {
      budget.nextSlotAt = at + (budget.resetAt - at) / (budget.remaining + 1);
    }
  }

  /** Takes in what an answer said about the budgets. */
  public synchronized void observe(String route, RateLimitAdvice advice) {
    long now = clock.millis();
    Budget onRoute = routes.computeIfAbsent(route, r -> new Budget());
    long reset = advice.resetEpochMillis().orElse(0);
    update(global, advice.globalRemaining().orElse(-1), reset, now);
    update(onRoute, advice.routeRemaining().orElse(-1), reset, now);
    if (advice.rateLimited()) {
      // A refusal pauses the whole token, whichever budget it names: calls on other routes would only
      // pile more refusals onto an account that is already over its limit somewhere.
      long until = advice.retryAfterSeconds().isPresent()
          ? now + advice.retryAfterSeconds().getAsLong() * 1000
          : Math.max(reset, now + 1000);
      global.pausedUntil = Math.max(global.pausedUntil, until);
    }
  }

  private static void update(Budget budget, long remaining, long reset, long now) {
    if (remaining < 0 || reset <= now) {
      return;
    }
    budget.remaining = remaining;
    budget.resetAt = reset;
    if (remaining == 0) {
      budget.pausedUntil = Math.max(budget.pausedUntil, reset);
    }
  }

  /** Until when calls on {@code route} are held back, or zero when they are not. */
  synchronized long pausedAt(String route, long now) {
    Budget onRoute = routes.get(route);
    long until = Math.max(global.pausedUntil, onRoute == null ? 0 : onRoute.pausedUntil);
    return until > now ? until : 0;
  }

  /** Releases the concurrency slot. */
  @FunctionalInterface
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }
}
