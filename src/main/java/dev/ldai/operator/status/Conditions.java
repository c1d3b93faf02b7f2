package dev.ldai.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes an {@link Outcome} into a status as the Ready / Reconciling / Stalled conditions.
 * {@code lastTransitionTime} only moves when a condition's status flips.
 */
public final class Conditions {

  private Conditions() {}

  public static void apply(CommonStatus status, Outcome outcome, Long generation, Clock clock) {
    String now = Timestamps.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    List<Condition> previous = status.getConditions();
    List<Condition> next = new ArrayList<>();
    next.add(
        condition(
            previous,
            ConditionTypes.READY,
            outcome.isReady(),
            outcome.reason(),
            outcome.message(),
            generation,
            now));
    if (outcome.state() == Outcome.State.RECONCILING) {
      next.add(
          condition(
              previous,
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
              previous,
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
      List<Condition> previous,
      String type,
      boolean isTrue,
      Reason reason,
      String message,
      Long generation,
      String now) {
    String statusValue = isTrue ? "True" : "False";
    String transitionTime =
        find(previous, type)
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

  private static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
