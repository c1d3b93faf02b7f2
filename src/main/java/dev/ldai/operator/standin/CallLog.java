package dev.ldai.operator.standin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The last {@code kept} calls the stand-in answered, in arrival order, counters by method and route of
 * every call, and listeners told of each call (they outlive {@link #clear()}).
 */
final class CallLog {

  private static final Set<String> WRITES = Set.of("POST", "PATCH", "DELETE");

  private record Key(String method, Route route) {}

  private final int kept;
  /** Guarded by itself. */
  private final Deque<Call> calls = new ArrayDeque<>();
  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
  private final LongAdder appliedWrites = new LongAdder();
  private final List<Consumer<Call>> listeners = new CopyOnWriteArrayList<>();

  CallLog(int kept) {
    if (kept < 1) {
      throw new IllegalArgumentException("kept must be at least 1");
    }
    this.kept = kept;
  }

  void record(Call call) {
    synchronized (calls) {
      calls.addLast(call);
      if (calls.size() > kept) {
        calls.removeFirst();
      }
    }
    counts.computeIfAbsent(new Key(call.method(), call.route()), k -> new LongAdder()).increment();
    if (WRITES.contains(call.method()) && call.status() / 100 == 2) {
      appliedWrites.increment();
    }
    listeners.forEach(listener -> listener.accept(call));
  }

  void listen(Consumer<Call> listener) {
    listeners.add(listener);
  }

  void unlisten(Consumer<Call> listener) {
    listeners.remove(listener);
  }

  /** The last {@code kept} calls. */
  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  long count(String method, Route route) {
    LongAdder count = counts.get(new Key(method, route));
    return count == null ? 0 : count.sum();
  }

  long count(String method) {
    return sum(key -> key.method().equals(method));
  }

  long writes() {
    return sum(key -> WRITES.contains(key.method()));
  }

  long appliedWrites() {
    return appliedWrites.sum();
  }

  void clear() {
    synchronized (calls) {
      calls.clear();
    }
    counts.clear();
    appliedWrites.reset();
  }

  private long sum(Predicate<Key> which) {
    return counts.entrySet().stream().filter(e -> which.test(e.getKey())).mapToLong(e -> e.getValue().sum()).sum();
  }
}
