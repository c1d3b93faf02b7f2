package dev.ldai.operator.standin;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every call the stand-in answered, in arrival order, with counters by method and route, and listeners
 * told of each call (they outlive {@link #clear()}).
 */
final class CallLog {

  private static final Set<String> WRITES = Set.of("POST", "PATCH", "DELETE");

  private record Key(String method, Route route) {}

  private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
  private final List<Consumer<Call>> listeners = new CopyOnWriteArrayList<>();

  void record(Call call) {
    calls.add(call);
    counts.computeIfAbsent(new Key(call.method(), call.route()), k -> new LongAdder()).increment();
    listeners.forEach(listener -> listener.accept(call));
  }

  void listen(Consumer<Call> listener) {
    listeners.add(listener);
  }

  void unlisten(Consumer<Call> listener) {
    listeners.remove(listener);
  }

  List<Call> calls() {
    return List.copyOf(calls);
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
    return calls.stream().filter(call -> WRITES.contains(call.method()) && call.status() / 100 == 2).count();
  }

  void clear() {
    calls.clear();
    counts.clear();
  }

  private long sum(Predicate<Key> which) {
    return counts.entrySet().stream().filter(e -> which.test(e.getKey())).mapToLong(e -> e.getValue().sum()).sum();
  }
}
