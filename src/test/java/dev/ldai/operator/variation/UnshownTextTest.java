package dev.ldai.operator.variation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.launchdarkly.api.LdVariation;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnshownTextTest {

  @Test
  void aPendingPatchIsSettledAsAppliedWhenLaunchDarklysVersionMovedOn() {
    AIConfigVariationStatus status = new AIConfigVariationStatus();
    UnshownText.recordPending(status, spec("Answer briefly.", "For support"), List.of("instructions"), 3);

    UnshownText.settlePending(status, atVersion(4));

    assertThat(status.getAppliedInstructionsHash()).isEqualTo(VariationMapping.sha256("Answer briefly."));
    assertThat(status.getAppliedDescriptionHash()).as("not sent by the PATCH").isNull();
    assertThat(status.getPendingUpdate()).isNull();
  }

  @Test
  void aPendingPatchIsDroppedWhenTheVersionDidNotMoveSoTheDiffSendsItAgain() {
    AIConfigVariationStatus status = new AIConfigVariationStatus();
    status.setAppliedInstructionsHash(VariationMapping.sha256("before"));
    UnshownText.recordPending(status, spec("after", null), List.of("instructions"), 3);

    UnshownText.settlePending(status, atVersion(3));

    assertThat(status.getAppliedInstructionsHash()).isEqualTo(VariationMapping.sha256("before"));
    assertThat(status.getPendingUpdate()).isNull();
  }

  @Test
  void onlyTheSentFieldsAreRecordedAsApplied() {
    AIConfigVariationStatus status = new AIConfigVariationStatus();

    UnshownText.recordSent(status, spec("Answer briefly.", "For support"), List.of("name", "description"));

    assertThat(status.getAppliedInstructionsHash()).isNull();
    assertThat(status.getAppliedDescriptionHash()).isEqualTo(VariationMapping.sha256("For support"));
    assertThat(UnshownText.sentBy(List.of("name", "messages"))).isFalse();
    assertThat(UnshownText.sentBy(List.of("name", "description"))).isTrue();
  }

  private static AIConfigVariationSpec spec(String instructions, String description) {
    AIConfigVariationSpec spec = new AIConfigVariationSpec();
    spec.setInstructions(instructions);
    spec.setDescription(description);
    return spec;
  }

  private static LdVariation atVersion(int version) {
    return new LdVariation("id", "friendly", "Friendly", version, 1L, List.of(), null, null, null, null, null, null,
        null, null, null, null);
  }
}
