package dev.ldai.operator.aiconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.common.Semantic;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import java.util.List;
import java.util.Objects;

/** Maps an AIConfig spec to LaunchDarkly's AI Config, and computes the patch between the two. */
public final class AIConfigMapping {

  private AIConfigMapping() {}

  public static LdAIConfigPost toPost(String key, AIConfigSpec spec) {
    return new LdAIConfigPost(
        key,
        spec.getName(),
        spec.getDescription(),
        spec.getMode() == null ? null : spec.getMode().wireValue(),
        spec.getTags(),
        spec.getMaintainerId(),
        spec.getMaintainerTeamKey(),
        spec.getEvaluationMetricKey(),
        spec.getIsInverted());
  }

  /**
   * A patch holding exactly the spec fields whose value differs from LaunchDarkly's. Fields the spec
   * leaves out are not managed and never patched.
   */
  public static LdAIConfigPatch patchFor(AIConfigSpec spec, LdAIConfig actual) {
    return new LdAIConfigPatch(
        Objects.equals(spec.getName(), actual.name()) ? null : spec.getName(),
        differs(spec.getDescription(), actual.description()) ? spec.getDescription() : null,
        spec.getTags() == null || Semantic.sameTags(spec.getTags(), actual.tags()) ? null : spec.getTags(),
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
        .sorted(java.util.Comparator.comparing(VariationSummary::getKey))
        .toList();
  }
}
