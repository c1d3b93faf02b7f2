package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.variation.AIConfigVariation;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ResourceStatesTest {

  final ResourceStates states = new ResourceStates();
  final Set<String> first = states.add(new Kept()).uids;
  final Set<String> second = states.add(new Kept()).uids;

  /** A state that keeps a set of uids. */
  static final class Kept implements PerResourceState {
    final Set<String> uids = ConcurrentHashMap.newKeySet();

    @Override
    public Set<String> resources() {
      return Set.copyOf(uids);
    }

    @Override
    public void forget(String uid) {
      uids.remove(uid);
    }
  }

  @Test
  void aResourceIsForgottenInEveryState() {
    first.addAll(Set.of("a", "b"));
    second.add("a");

    states.forget("a");

    assertThat(first).containsExactly("b");
    assertThat(second).isEmpty();
    assertThat(states.resources()).containsExactly("b");
  }

  @Test
  void resourcesThatNoKindsCacheHasAreForgotten() {
    first.addAll(Set.of("config", "variation", "gone"));
    second.add("gone-too");
    states.addLiveResources(AIConfig.class, () -> Stream.of("config"));
    states.addLiveResources(AIConfigVariation.class, () -> Stream.of("variation", "not-kept"));

    states.forgetGone();

    assertThat(first).containsExactlyInAnyOrder("config", "variation");
    assertThat(second).isEmpty();
  }

  @Test
  void aKindRegisteredAgainReplacesItsCache() {
    first.addAll(Set.of("old", "new"));
    states.addLiveResources(AIConfig.class, () -> Stream.of("old"));
    states.addLiveResources(AIConfig.class, () -> Stream.of("new"));

    states.forgetGone();

    assertThat(first).containsExactly("new");
  }

  @Test
  void aResourceRememberedWhileTheCachesAreAskedIsKept() {
    Set<String> live = new HashSet<>(Set.of("old"));
    first.add("old");
    states.addLiveResources(AIConfig.class, () -> {
      // Created and reconciled after this cache answered.
      first.add("new");
      return live.stream();
    });

    states.forgetGone();

    assertThat(first).containsExactlyInAnyOrder("old", "new");
  }
}
