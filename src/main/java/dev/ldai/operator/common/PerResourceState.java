package dev.ldai.operator.common;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Something this process keeps per resource (by uid), to be forgotten when the resource goes. */
public interface PerResourceState {

  /** The resources it keeps something for. */
  Set<String> resources();

  /** Forgets what it keeps for the resource. */
  void forget(String uid);

  static PerResourceState of(Supplier<Set<String>> resources, Consumer<String> forget) {
    return new PerResourceState() {
      @Override
      public Set<String> resources() {
        return resources.get();
      }

      @Override
      public void forget(String uid) {
        forget.accept(uid);
      }
    };
  }
}
