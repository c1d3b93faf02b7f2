package dev.ldai.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link Outcome} into a status as the Ready / Reconciling / Stalled conditions.
 * {@code lastTransitionTime} only moves when a condition's status flips.
 */
public final class Conditions {

  private Conditions() {}

  public static void apply(CommonStatus status, Outcome outcome, Long generation, Clock clock) {
    String now = Timestamps.now(clock);
    List<Condition> next = new ArrayList<>();
    next.add(
        condition(
            status,
            ConditionTypes.READY,
            outcome.isReady(),
            outcome.reason(),
            outcome.message(),
            generation,
            now));
    if (outcome.state() == Outcome.State.RECONCILING) {
      next.add(
          condition(
              status,
              ConditionTypes.RECONCILING,
              true,
              outcome.reason(),
              outcome.message(),
              generation,
              now));
    }
    if (outcome.state() == Outcome.State.STALLED) {
      next.add(
          condition(
              status,
              ConditionTypes.STALLED,
              true,
              outcome.reason(),
              outcome.message(),
              generation,
              now));
    }
    status.setConditions(next);
  }

  private static Condition condition(
      CommonStatus previous,
      String type,
      boolean isTrue,
      Reason reason,
      String message,
      Long generation,
      String now) {
    String statusValue = isTrue ? "True" : "False";
    String transitionTime =
        previous.condition(type)
            .filter(c -> statusValue.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now);
    return new ConditionBuilder()
        .withType(type)
        .withStatus(statusValue)
        .withReason(reason.name())
        .withMessage(message == null ? "" : message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transitionTime)
        .build();
  }
}
