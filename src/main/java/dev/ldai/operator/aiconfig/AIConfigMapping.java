package dev.ldai.operator.aiconfig;

import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Maintainer;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.TagsPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdVariation;
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
        TagsPatch.forCreate(spec.getTags(), ownerTag),
        spec.getMaintainerId(),
        spec.getMaintainerTeamKey(),
        spec.getEvaluationMetricKey(),
        spec.getIsInverted());
  }

  /**
   * A patch holding exactly the spec fields whose value differs from LaunchDarkly's. Fields the spec
   * leaves out are not managed and never patched; tags as {@link TagsPatch} says.
   */
  public static Diff<LdAIConfigPatch> patchFor(AIConfigSpec spec, LdAIConfig actual, Optional<String> ownerTag) {
    TagsPatch tags = TagsPatch.between(spec.getTags(), actual.tags(), ownerTag);
    LdAIConfigPatch patch = new LdAIConfigPatch(
        Objects.equals(spec.getName(), actual.name()) ? null : spec.getName(),
        differs(spec.getDescription(), actual.description()) ? spec.getDescription() : null,
        tags.send(),
        Maintainer.memberToSend(spec, actual.maintainer()),
        Maintainer.teamToSend(spec, actual.maintainer()),
        differs(spec.getEvaluationMetricKey(), actual.evaluationMetricKey())
            ? spec.getEvaluationMetricKey()
            : null,
        differs(spec.getIsInverted(), actual.isInverted()) ? spec.getIsInverted() : null);
    List<String> fields = patch.fields().stream()
        .map(field -> field.equals("tags") ? tags.field() : field)
        .toList();
    return new Diff<>(fields, patch);
  }

  /**
   * The spec that describes LaunchDarkly's config as it is, so that {@link #patchFor} finds no field to send
   * (the owner tag apart, which a resource adopting the config leaves for its next change). Empty texts and
   * tags are left out, and so not managed.
   */
  public static AIConfigSpec toSpec(String projectKey, LdAIConfig config) {
    AIConfigSpec spec = new AIConfigSpec();
    spec.setKey(config.key());
    spec.setProjectKey(projectKey);
    spec.setName(config.name());
    spec.setDescription(config.description() == null || config.description().isEmpty() ? null : config.description());
    spec.setMode(config.mode() == null ? AIConfigMode.completion : AIConfigMode.valueOf(config.mode()));
    spec.setTags(OwnerTag.specTags(config.tags()));
    spec.setMaintainerId(Maintainer.memberIdOf(config.maintainer()));
    spec.setMaintainerTeamKey(Maintainer.teamKeyOf(config.maintainer()));
    spec.setEvaluationMetricKey(config.evaluationMetricKey());
    spec.setIsInverted(config.isInverted());
    return spec;
  }

  private static boolean differs(Object wanted, Object actual) {
    return wanted != null && !wanted.equals(actual);
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
