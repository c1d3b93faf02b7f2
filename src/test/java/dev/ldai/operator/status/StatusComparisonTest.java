package dev.ldai.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.aiconfig.AIConfigStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusComparisonTest {

  @Test
  void onlyTimestampsChangingIsNoDifference() {
    AIConfigStatus before = status(Instant.parse("2026-11-22T10:00:00Z"));
    before.setError(new LaunchDarklyErrorStatus(500, "internal", "boom", "2026-11-22T10:00:00Z"));
    AIConfigStatus after = StatusComparison.copy(before, AIConfigStatus.class);
    after.setLastSyncTime("2026-11-22T11:00:00Z");
    after.getError().setTime("2026-11-22T11:00:00Z");

    assertThat(StatusComparison.differsBeyondTimestamps(before, after)).isFalse();
  }

  @Test
  void anyOtherChangeIsADifference() {
    AIConfigStatus before = status(Instant.parse("2026-11-22T10:00:00Z"));
    AIConfigStatus after = StatusComparison.copy(before, AIConfigStatus.class);
    after.setVersion(8);

    assertThat(StatusComparison.differsBeyondTimestamps(before, after)).isTrue();
    assertThat(StatusComparison.differsBeyondTimestamps(null, after)).isTrue();
  }

  @Test
  void aCopyIsIndependentOfTheOriginal() {
    AIConfigStatus original = status(Instant.parse("2026-11-22T10:00:00Z"));
    AIConfigStatus copy = StatusComparison.copy(original, AIConfigStatus.class);
    copy.getConditions().clear();

    assertThat(original.getConditions()).hasSize(1);
  }

  private static AIConfigStatus status(Instant now) {
    AIConfigStatus status = new AIConfigStatus();
    status.setVersion(7);
    status.setLastSyncTime(now.toString());
    Conditions.apply(status, Outcome.ready("ok"), 2L, Clock.fixed(now, ZoneOffset.UTC));
    return status;
  }
}
