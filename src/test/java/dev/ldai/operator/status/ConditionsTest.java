package dev.ldai.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.aiconfig.AIConfigStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  static final Clock T0 = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  static final Clock T1 = Clock.fixed(Instant.parse("2026-11-22T10:05:00Z"), ZoneOffset.UTC);

  @Test
  void readyHasOnlyTheReadyCondition() {
    AIConfigStatus status = new AIConfigStatus();

    Conditions.apply(status, Outcome.ready("in sync"), 3L, T0);

    assertThat(status.getConditions()).hasSize(1);
    Condition ready = status.getConditions().get(0);
    assertThat(ready.getType()).isEqualTo("Ready");
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("Synced");
    assertThat(ready.getObservedGeneration()).isEqualTo(3L);
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-11-22T10:00:00Z");
  }

  @Test
  void reconcilingAndStalledAppearWithReadyFalse() {
    AIConfigStatus reconciling = new AIConfigStatus();
    Conditions.apply(reconciling, Outcome.reconciling(Reason.DependencyNotReady, "waiting"), 1L, T0);
    assertThat(reconciling.getConditions())
        .extracting(Condition::getType, Condition::getStatus, Condition::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ready", "False", "DependencyNotReady"),
            org.assertj.core.groups.Tuple.tuple("Reconciling", "True", "DependencyNotReady"));

    AIConfigStatus stalled = new AIConfigStatus();
    Conditions.apply(stalled, Outcome.stalled(Reason.InvalidSpec, "spec.key: bad"), 1L, T0);
    assertThat(stalled.getConditions())
        .extracting(Condition::getType, Condition::getStatus, Condition::getMessage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ready", "False", "spec.key: bad"),
            org.assertj.core.groups.Tuple.tuple("Stalled", "True", "spec.key: bad"));
  }

  @Test
  void theTransitionTimeMovesOnlyWhenTheStatusFlips() {
    AIConfigStatus status = new AIConfigStatus();
    Conditions.apply(status, Outcome.reconciling(Reason.Creating, "creating"), 1L, T0);
    Conditions.apply(status, Outcome.reconciling(Reason.Updating, "still false"), 1L, T1);
    assertThat(status.condition("Ready").orElseThrow().getLastTransitionTime()).isEqualTo("2026-11-22T10:00:00Z");

    Conditions.apply(status, Outcome.ready("done"), 1L, T1);
    assertThat(status.condition("Ready").orElseThrow().getLastTransitionTime()).isEqualTo("2026-11-22T10:05:00Z");
    assertThat(status.condition("Reconciling")).isEmpty();
  }
}
