package dev.ldai.operator.common;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every {@link PerResourceState} of the process, and the kinds' caches that say which resources still
 * exist. A resource is forgotten everywhere when its finalizer is removed ({@link #forget}), and, should it
 * go without a cleanup (its finalizer removed by hand, deleted while no operator ran), once no cache has it
 * ({@link #forgetGone}).
 */
final class ResourceStates {

  private final CopyOnWriteArrayList<PerResourceState> states = new CopyOnWriteArrayList<>();
  /** By kind, so that a controller registered again replaces its source. */
  private final Map<Class<?>, Supplier<Stream<String>>> liveResources = new ConcurrentHashMap<>();

  /** Registers the state once, however often its kind's controller registers it. */
  <T extends PerResourceState> T add(T state) {
    states.addIfAbsent(state);
    return state;
  }

  void addLiveResources(Class<?> kind, Supplier<Stream<String>> uids) {
    liveResources.put(kind, uids);
  }

  void forget(String uid) {
    states.forEach(state -> state.forget(uid));
  }

  /**
   * Forgets the resources that no kind's cache has. What each state holds is taken before the caches are
   * asked, so that a resource created meanwhile, which their answer may lack, is not forgotten.
   */
  void forgetGone() {
    Map<PerResourceState, Set<String>> held = new LinkedHashMap<>();
    states.forEach(state -> held.put(state, Set.copyOf(state.resources())));
    Set<String> live = liveResources.values().stream().flatMap(Supplier::get).collect(Collectors.toSet());
    held.forEach((state, uids) -> uids.stream().filter(uid -> !live.contains(uid)).forEach(state::forget));
  }

  /** Every resource some state keeps something for. */
  Set<String> resources() {
    Set<String> all = new HashSet<>();
    states.forEach(state -> all.addAll(state.resources()));
    return all;
  }
}
