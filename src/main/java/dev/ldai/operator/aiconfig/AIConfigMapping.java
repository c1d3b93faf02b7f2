package dev.ldai.operator.aiconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.Semantic;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Maps an AIConfig spec to LaunchDarkly's AI Config, and computes the patch between the two. */
public final class AIConfigMapping {

  private AIConfigMapping() {}

  public static LdAIConfigPost toPost(String key, AIConfigSpec spec, String ownerTag) {
    return new LdAIConfigPost(
        key,
        spec.getName(),
        spec.getDescription(),
        spec.getMode() == null ? null : spec.getMode().wireValue(),
        withOwnerTag(OwnerTag.withoutOwnerTags(spec.getTags()), ownerTag),
        spec.getMaintainerId(),
        spec.getMaintainerTeamKey(),
        spec.getEvaluationMetricKey(),
        spec.getIsInverted());
  }

  /**
   * A patch holding exactly the spec fields whose value differs from LaunchDarkly's. Fields the spec
   * leaves out are not managed and never patched. Tags compare as a set without owner tags. With an owner
   * tag (policy Manage), a missing one or another resource's also needs the tags patched: reported as
   * field {@code ownerTag} when the spec's tags match, sent as the spec's tags (or, when the spec leaves
   * tags out, LaunchDarkly's) with this owner tag only. Without one (Observe), owner tags are ignored.
   */
  public static Diff<LdAIConfigPatch> patchFor(AIConfigSpec spec, LdAIConfig actual, Optional<String> ownerTag) {
    List<String> actualTags = OwnerTag.withoutOwnerTags(actual.tags());
    List<String> wantedTags = spec.getTags() == null ? actualTags : OwnerTag.withoutOwnerTags(spec.getTags());
    boolean tagsDiffer = !Semantic.sameTags(wantedTags, actualTags);
    boolean ownerTagDiffers = ownerTag.filter(own -> !ownedOnlyBy(actual.tags(), own)).isPresent();
    LdAIConfigPatch patch = new LdAIConfigPatch(
        Objects.equals(spec.getName(), actual.name()) ? null : spec.getName(),
        differs(spec.getDescription(), actual.description()) ? spec.getDescription() : null,
        tagsDiffer || ownerTagDiffers ? ownerTag.map(own -> withOwnerTag(wantedTags, own)).orElse(wantedTags) : null,
        maintainerDiffers(spec.getMaintainerId(), actual.maintainer(), "member", "_id")
            ? spec.getMaintainerId()
            : null,
        maintainerDiffers(spec.getMaintainerTeamKey(), actual.maintainer(), "team", "key")
            ? spec.getMaintainerTeamKey()
            : null,
        differs(spec.getEvaluationMetricKey(), actual.evaluationMetricKey())
            ? spec.getEvaluationMetricKey()
            : null,
        differs(spec.getIsInverted(), actual.isInverted()) ? spec.getIsInverted() : null);
    List<String> fields = patch.fields().stream()
        .map(field -> field.equals("tags") && !tagsDiffer ? OwnerTag.FIELD : field)
        .toList();
    return new Diff<>(fields, patch);
  }

  /** Whether the tags hold this owner tag and no other. */
  private static boolean ownedOnlyBy(List<String> tags, String ownerTag) {
    return OwnerTag.carries(tags, ownerTag)
        && tags.stream().filter(OwnerTag::isOwnerTag).allMatch(ownerTag::equals);
  }

  private static List<String> withOwnerTag(List<String> tags, String ownerTag) {
    List<String> all = new ArrayList<>(tags);
    all.add(ownerTag);
    return all;
  }

  private static boolean differs(Object wanted, Object actual) {
    return wanted != null && !wanted.equals(actual);
  }

  /**
   * LaunchDarkly reports the maintainer as {@code _maintainer: {kind, _id | key, ...}}. When it reports
   * none, there is nothing to compare with, and patching on every resync would be churn.
   */
  private static boolean maintainerDiffers(
      String wanted, JsonNode maintainer, String kind, String idField) {
    if (wanted == null || maintainer == null || maintainer.isNull() || maintainer.isEmpty()) {
      return false;
    }
    boolean sameKind = kind.equals(maintainer.path("kind").asText(kind));
    return !sameKind || !wanted.equals(maintainer.path(idField).asText(null));
  }

  /** The config's variations as the status lists them. */
  public static List<VariationSummary> variations(LdAIConfig config) {
    List<LdVariation> variations = config.variations() == null ? List.of() : config.variations();
    return variations.stream()
        .map(v -> new VariationSummary(v.key(), v.name(), v.version()))
        .sorted(Comparator.comparing(VariationSummary::getKey))
        .toList();
  }
}
