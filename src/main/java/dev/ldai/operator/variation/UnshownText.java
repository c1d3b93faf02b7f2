package dev.ldai.operator.variation;

import dev.ldai.operator.launchdarkly.api.LdVariation;
import java.util.List;

/**
 * Instructions and description: LaunchDarkly takes them but get-variation does not answer them, so they are
 * compared with what this resource last sent, recorded in the status as hashes. A PATCH of them is recorded
 * as pending first, and settled by the version LaunchDarkly shows next: moved on, it was applied.
 */
final class UnshownText {

  static final List<String> FIELDS = List.of("instructions", "description");

  private UnshownText() {}

  /** Whether a diff sends any of them, and so needs a pending update recorded before the PATCH. */
  static boolean sentBy(List<String> fields) {
    return fields.stream().anyMatch(FIELDS::contains);
  }

  /** Records what the fields sent as applied. */
  static void recordSent(AIConfigVariationStatus status, AIConfigVariationSpec spec, List<String> fields) {
    if (fields.contains("instructions") && spec.getInstructions() != null) {
      status.setAppliedInstructionsHash(VariationMapping.sha256(spec.getInstructions()));
    }
    if (fields.contains("description") && spec.getDescription() != null) {
      status.setAppliedDescriptionHash(VariationMapping.sha256(spec.getDescription()));
    }
  }

  /**
   * Records as applied the text LaunchDarkly shows where it equals the spec's (a listing shows it), so that
   * reads that do not show it (get-variation) do not send it again.
   */
  static void recordShown(AIConfigVariationStatus status, AIConfigVariationSpec spec, LdVariation shown) {
    if (spec.getInstructions() != null && spec.getInstructions().equals(shown.instructions())) {
      status.setAppliedInstructionsHash(VariationMapping.sha256(spec.getInstructions()));
    }
    if (spec.getDescription() != null && spec.getDescription().equals(shown.description())) {
      status.setAppliedDescriptionHash(VariationMapping.sha256(spec.getDescription()));
    }
  }

  /** Records a PATCH of the fields about to be sent over {@code fromVersion}, should its answer be lost. */
  static void recordPending(AIConfigVariationStatus status, AIConfigVariationSpec spec, List<String> fields, Integer fromVersion) {
    status.setPendingUpdate(new PendingUpdate(fromVersion,
        hashIf(fields.contains("instructions"), spec.getInstructions()),
        hashIf(fields.contains("description"), spec.getDescription())));
  }

  /**
   * Settles a PATCH whose answer never came: LaunchDarkly's version moved on, so it was applied; otherwise it
   * was not and the diff will send it again.
   */
  static void settlePending(AIConfigVariationStatus status, LdVariation latest) {
    PendingUpdate pending = status.getPendingUpdate();
    if (pending == null) {
      return;
    }
    boolean applied = latest.version() != null && pending.getFromVersion() != null
        && latest.version() > pending.getFromVersion();
    if (applied) {
      if (pending.getInstructionsHash() != null) {
        status.setAppliedInstructionsHash(pending.getInstructionsHash());
      }
      if (pending.getDescriptionHash() != null) {
        status.setAppliedDescriptionHash(pending.getDescriptionHash());
      }
    }
    status.setPendingUpdate(null);
  }

  private static String hashIf(boolean sent, String text) {
    return sent && text != null ? VariationMapping.sha256(text) : null;
  }
}
