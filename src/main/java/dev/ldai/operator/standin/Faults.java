package dev.ldai.operator.standin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Faults injected into the stand-in's answers. A rule pairs a selector (route and method, null meaning
 * any) with a {@link Trigger} deciding which matching calls it hits and an {@link Effect} saying what
 * those calls get. Rules are tried in the order they were added; the first that fires wins, and a rule
 * is dropped once its trigger is spent. Latency applies to every call, on top of any rule.
 */
final class Faults {

  /** What a call hit by a fault gets instead of its normal answer. */
  sealed interface Effect permits Fail, LoseResponse, DropConnection {
    /** How the effect is counted in {@link Faults#injected()}. */
    String kind();
  }

  /** Answer this error without handling the call; a {@code retryAfter} adds rate-limit headers. */
  record Fail(int status, String code, String message, Duration retryAfter) implements Effect {
    @Override
    public String kind() {
      return status == 429 ? "429" : status >= 500 ? "5xx" : Integer.toString(status);
    }
  }

  /** Handle the call, then drop the connection without answering. */
  record LoseResponse() implements Effect {
    @Override
    public String kind() {
      return "lost-response";
    }
  }

  /** Drop the connection without handling the call. */
  record DropConnection() implements Effect {
    @Override
    public String kind() {
      return "dropped-connection";
    }
  }

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

    /** Fires for every matching call until the clock reaches {@code untilEpochMillis}; spent from then on. */
    static Trigger until(Clock clock, long untilEpochMillis) {
      return new Trigger() {
        @Override
        public boolean fire() {
          return clock.millis() < untilEpochMillis;
        }

        @Override
        public boolean spent() {
          return clock.millis() >= untilEpochMillis;
        }
      };
    }

    /** Fires for each matching call with probability {@code rate}, drawn from {@code random}; never spent. */
    static Trigger rate(double rate, RandomGenerator random) {
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("rate must be within 0..1");
      }
      return new Trigger() {
        @Override
        public boolean fire() {
          return random.nextDouble() < rate;
        }

        @Override
        public boolean spent() {
          return false;
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
  private final Map<String, Long> injected = new TreeMap<>();
  private volatile Duration latency = Duration.ZERO;

  synchronized void add(Route route, String method, Trigger trigger, Effect effect) {
    rules.add(new Rule(route, method, trigger, effect));
  }

  /** The effect of the first rule that fires for this call, if any. */
  synchronized Optional<Effect> take(Route route, String method) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if (rule.trigger().spent()) {
        it.remove();
        continue;
      }
      if (rule.matches(route, method) && rule.trigger().fire()) {
        if (rule.trigger().spent()) {
          it.remove();
        }
        return Optional.of(rule.effect());
      }
    }
    return Optional.empty();
  }

  /** Counts a fault that reached a client, by kind (5xx, 429, lost-response, dropped-connection). */
  synchronized void count(String kind) {
    injected.merge(kind, 1L, Long::sum);
  }

  synchronized Map<String, Long> injected() {
    return Map.copyOf(injected);
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
    injected.clear();
    latency = Duration.ZERO;
  }
}
