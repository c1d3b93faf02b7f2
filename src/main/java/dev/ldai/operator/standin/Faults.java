package dev.ldai.operator.standin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Faults injected into the stand-in's answers, consumed in the order they were added. */
final class Faults {

  enum Kind {
    ERROR,
    RATE_LIMIT,
    LOSE_RESPONSE
  }

  /** One injected fault, for {@code remaining} more matching calls. */
  static final class Fault {
    final Route route;
    final String method;
    final Kind kind;
    final int status;
    final String code;
    final String message;
    final Duration retryAfter;
    int remaining;

    Fault(Route route, String method, Kind kind, int status, String code, String message, Duration retryAfter, int times) {
      this.route = route;
      this.method = method;
      this.kind = kind;
      this.status = status;
      this.code = code;
      this.message = message;
      this.retryAfter = retryAfter;
      this.remaining = times;
    }

    boolean matches(Route route, String method) {
      return (this.route == null || this.route == route) && (this.method == null || this.method.equals(method));
    }
  }

  private final List<Fault> faults = new ArrayList<>();
  private volatile Duration latency = Duration.ZERO;

  synchronized void add(Fault fault) {
    faults.add(fault);
  }

  /** The next fault for this call, if one applies; counts it as used. */
  synchronized Optional<Fault> take(Route route, String method) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.matches(route, method)) {
        if (--fault.remaining <= 0) {
          it.remove();
        }
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  Duration latency() {
    return latency;
  }

  void latency(Duration latency) {
    this.latency = latency;
  }

  synchronized void clear() {
    faults.clear();
    latency = Duration.ZERO;
  }
}
