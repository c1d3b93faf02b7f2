package dev.ldai.operator.standin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Faults injected into the stand-in's answers. A rule pairs a selector (route and method, null meaning
 * any) with a {@link Trigger} deciding which matching calls it hits and an {@link Effect} saying what
 * those calls get. Rules are tried in the order they were added; the first that fires wins, and a rule
 * is dropped once its trigger is spent. Latency applies to every call, on top of any rule.
 */
final class Faults {

  /** What a call hit by a fault gets instead of its normal answer. */
  sealed interface Effect permits Fail, LoseResponse {}

  /** Answer this error without handling the call; a {@code retryAfter} adds rate-limit headers. */
  record Fail(int status, String code, String message, Duration retryAfter) implements Effect {}

  /** Handle the call, then drop the connection without answering. */
  record LoseResponse() implements Effect {}

  /** Decides, call by call, whether a matching rule fires. */
  interface Trigger {
    boolean fire();

    boolean spent();

    /** Fires for the next {@code times} matching calls. */
    static Trigger times(int times) {
      if (times < 1) {
        throw new IllegalArgumentException("times must be at least 1");
      }
      return new Trigger() {
        private int remaining = times;

        @Override
        public boolean fire() {
          remaining--;
          return true;
        }

        @Override
        public boolean spent() {
          return remaining <= 0;
        }
      };
    }
  }

  private record Rule(Route route, String method, Trigger trigger, Effect effect) {
    boolean matches(Route route, String method) {
      return (this.route == null || this.route == route) && (this.method == null || this.method.equals(method));
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private volatile Duration latency = Duration.ZERO;

  synchronized void add(Route route, String method, Trigger trigger, Effect effect) {
    rules.add(new Rule(route, method, trigger, effect));
  }

  /** The effect of the first rule that fires for this call, if any. */
  synchronized Optional<Effect> take(Route route, String method) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if (rule.matches(route, method) && rule.trigger().fire()) {
        if (rule.trigger().spent()) {
          it.remove();
        }
        return Optional.of(rule.effect());
      }
    }
    return Optional.empty();
  }

  Duration latency() {
    return latency;
  }

  void latency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    this.latency = latency;
  }

  synchronized void clear() {
    rules.clear();
    latency = Duration.ZERO;
  }
}
