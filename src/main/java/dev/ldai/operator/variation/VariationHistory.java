package dev.ldai.operator.variation;

import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationVersions;
import dev.ldai.operator.status.Timestamps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The latest version of a variation and its history (newest first) with the count LaunchDarkly holds. */
record VariationHistory(LdVariation latest, List<VersionSummary> history, int totalCount) {

  static VariationHistory of(LdVariationVersions read) {
    List<LdVariation> versions = newestFirst(read.items());
    return new VariationHistory(versions.get(0), versions.stream().map(VariationHistory::summary).toList(),
        Optional.ofNullable(read.totalCount()).orElse(versions.size()));
  }

  static VariationHistory created(LdVariation created) {
    return new VariationHistory(created, List.of(summary(created)), 1);
  }

  /** Whether the latest version is {@code version} or a later one (null: nothing to compare). */
  boolean shows(Integer version) {
    return version == null || latest.version() == null || latest.version() >= version;
  }

  /** Whether {@code next} is the version right after the latest: nobody else wrote in between. */
  boolean isFollowedBy(LdVariation next) {
    return latest.version() != null && next.version() != null && next.version() == latest.version() + 1;
  }

  VariationHistory after(LdVariation next) {
    List<VersionSummary> versions = new ArrayList<>();
    versions.add(summary(next));
    versions.addAll(history);
    return new VariationHistory(next, versions, totalCount + 1);
  }

  private static VersionSummary summary(LdVariation version) {
    return new VersionSummary(version.version(), version.id(), Timestamps.fromEpochMillis(version.createdAt()));
  }

  private static List<LdVariation> newestFirst(List<LdVariation> versions) {
    List<LdVariation> sorted = new ArrayList<>(versions == null ? List.of() : versions);
    sorted.sort(Comparator.comparing((LdVariation v) -> v.version() == null ? 0 : v.version()).reversed());
    return sorted;
  }
}
