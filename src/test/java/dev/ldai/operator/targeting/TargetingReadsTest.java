package dev.ldai.operator.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TargetingReadsTest {

  static final TargetingReads.Config CONFIG = new TargetingReads.Config(ApiToken.of("api-a"), "default", "assistant");
  static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  static final Duration SERVES_FOR = Duration.ofSeconds(60);
  static final Predicate<LdTargeting> SHOWS_ANYTHING = targeting -> true;

  final TargetingReads reads = new TargetingReads(SERVES_FOR);
  final AtomicInteger calls = new AtomicInteger();

  @Test
  void aReadThatBeganAfterTheLastReconcileIsShared() {
    LdTargeting first = targeting(1);
    assertThat(reads.since(CONFIG, T0, T0.plusSeconds(10), SHOWS_ANYTHING, answering(first))).contains(first);

    assertThat(reads.since(CONFIG, T0.plusSeconds(5), T0.plusSeconds(20), SHOWS_ANYTHING, answering(targeting(2)))).contains(first);
    assertThat(calls).hasValue(1);
  }

  @Test
  void aKnownTargetingThatLacksWhatTheResourceWaitsForIsReadAgain() {
    reads.since(CONFIG, T0, T0.plusSeconds(10), SHOWS_ANYTHING, answering(targeting(1)));
    LdTargeting withTheNewVariation = targeting(2);

    assertThat(reads.since(CONFIG, T0.plusSeconds(5), T0.plusSeconds(20), known -> known.version() == 2,
        answering(withTheNewVariation))).contains(withTheNewVariation);
    assertThat(calls).hasValue(2);
    assertThat(reads.since(CONFIG, T0.plusSeconds(5), T0.plusSeconds(21), SHOWS_ANYTHING, answering(targeting(3))))
        .as("the newer answer is the one shared").contains(withTheNewVariation);
  }

  @Test
  void anOlderReadOrNoLastReconcileMeansReadingAgain() {
    reads.since(CONFIG, T0, T0.plusSeconds(10), SHOWS_ANYTHING, answering(targeting(1)));
    LdTargeting second = targeting(2);

    assertThat(reads.since(CONFIG, T0.plusSeconds(11), T0.plusSeconds(20), SHOWS_ANYTHING, answering(second))).contains(second);
    assertThat(reads.since(CONFIG, null, T0.plusSeconds(21), SHOWS_ANYTHING, answering(targeting(3)))).contains(targeting(3));
    assertThat(calls).hasValue(3);
  }

  @Test
  void aPatchAnswerIsKnownUnlessACallThatBeganLaterIs() {
    LdTargeting patched = targeting(5);
    reads.remember(CONFIG, T0.plusSeconds(30), patched);
    reads.remember(CONFIG, T0.plusSeconds(20), targeting(4));

    assertThat(reads.since(CONFIG, T0.plusSeconds(25), T0.plusSeconds(40), SHOWS_ANYTHING, answering(targeting(6)))).contains(patched);
    assertThat(calls).hasValue(0);
  }

  @Test
  void anotherTokenOrConfigIsNotShared() {
    reads.since(CONFIG, T0, T0.plusSeconds(10), SHOWS_ANYTHING, answering(targeting(1)));

    reads.since(new TargetingReads.Config(ApiToken.of("api-b"), "default", "assistant"), T0, T0.plusSeconds(11), SHOWS_ANYTHING, answering(targeting(1)));
    reads.since(new TargetingReads.Config(ApiToken.of("api-a"), "default", "other"), T0, T0.plusSeconds(12), SHOWS_ANYTHING, answering(targeting(1)));
    assertThat(calls).hasValue(3);
  }

  @Test
  void aConfigFoundGoneIsForgotten() {
    reads.since(CONFIG, T0, T0.plusSeconds(10), SHOWS_ANYTHING, answering(targeting(1)));
    reads.since(CONFIG, T0.plusSeconds(11), T0.plusSeconds(12), SHOWS_ANYTHING, Optional::empty);

    assertThat(reads.since(CONFIG, T0, T0.plusSeconds(13), SHOWS_ANYTHING, answering(targeting(2)))).contains(targeting(2));
  }

  @Test
  void aTargetingServesReconcilesUntilItIsOlderThanTheLongestWaitBetweenThem() {
    LdTargeting first = targeting(1);
    reads.since(CONFIG, T0, T0, SHOWS_ANYTHING, answering(first));

    assertThat(reads.since(CONFIG, T0, T0.plus(SERVES_FOR), SHOWS_ANYTHING, answering(targeting(2)))).contains(first);
    assertThat(reads.since(CONFIG, T0, T0.plus(SERVES_FOR).plusMillis(1), SHOWS_ANYTHING, answering(targeting(3)))).contains(targeting(3));
    assertThat(calls).hasValue(2);
  }

  @Test
  void eachCallForgetsTheTargetingsThatCanServeNoReconcile() {
    TargetingReads.Config deleted = new TargetingReads.Config(ApiToken.of("api-a"), "default", "deleted");
    reads.since(deleted, null, T0, SHOWS_ANYTHING, answering(targeting(1)));
    reads.remember(CONFIG, T0.plusSeconds(30), targeting(2));
    assertThat(reads.size()).isEqualTo(2);

    reads.remember(CONFIG, T0.plus(SERVES_FOR).plusSeconds(1), targeting(3));

    assertThat(reads.size()).as("the deleted config's targeting is gone").isEqualTo(1);
    reads.forgetExpired(T0.plus(SERVES_FOR).plusSeconds(62));
    assertThat(reads.size()).isZero();
  }

  private Supplier<Optional<LdTargeting>> answering(LdTargeting targeting) {
    return () -> {
      calls.incrementAndGet();
      return Optional.of(targeting);
    };
  }

  private static LdTargeting targeting(int version) {
    return new LdTargeting("assistant", Map.of(), List.of(), version);
  }
}
