package dev.ldai.operator.versioned;

import dev.ldai.operator.launchdarkly.api.LdVersioned;
import java.util.ArrayList;
import java.util.List;

/**
 * A versioned object as LaunchDarkly holds it, with its newest versions (newest first) and the variations
 * that pin it.
 */
public record Observed<O extends LdVersioned>(O object, List<VersionEntry> versions, List<Pin> references) {

  /** The object after a write that made {@code next} its new version: the versions gain it at the front. */
  public Observed<O> after(O next, int versionsShown) {
    List<VersionEntry> newer = new ArrayList<>();
    newer.add(VersionEntry.of(next));
    versions.stream().filter(entry -> !entry.getVersion().equals(next.version())).forEach(newer::add);
    return new Observed<>(next, List.copyOf(newer.subList(0, Math.min(versionsShown, newer.size()))), references);
  }
}
