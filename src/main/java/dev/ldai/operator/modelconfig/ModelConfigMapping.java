package dev.ldai.operator.modelconfig;

import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.Semantic;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Maps an AIModelConfig spec to LaunchDarkly's model config and compares the two. */
public final class ModelConfigMapping {

  private ModelConfigMapping() {}

  public static LdModelConfigPost toPost(String key, AIModelConfigSpec spec, String ownerTag) {
    List<String> tags = new ArrayList<>(OwnerTag.withoutOwnerTags(spec.getTags()));
    tags.add(ownerTag);
    return new LdModelConfigPost(
        key,
        spec.getName(),
        spec.getId(),
        spec.getIcon(),
        spec.getProvider(),
        spec.getParams(),
        spec.getCustomParams(),
        tags,
        spec.getCostPerInputToken(),
        spec.getCostPerOutputToken(),
        spec.getCostPerCachedInputToken());
  }

  /**
   * The spec that describes LaunchDarkly's model config as it is, so that {@link #differences} finds none.
   * Empty tags are left out, and so not managed.
   */
  public static AIModelConfigSpec toSpec(String projectKey, LdModelConfig modelConfig) {
    AIModelConfigSpec spec = new AIModelConfigSpec();
    spec.setKey(modelConfig.key());
    spec.setProjectKey(projectKey);
    spec.setName(modelConfig.name());
    spec.setId(modelConfig.id());
    spec.setProvider(modelConfig.provider());
    spec.setIcon(modelConfig.icon());
    spec.setParams(modelConfig.params());
    spec.setCustomParams(modelConfig.customParams());
    spec.setTags(OwnerTag.specTags(modelConfig.tags()));
    spec.setCostPerInputToken(modelConfig.costPerInputToken());
    spec.setCostPerOutputToken(modelConfig.costPerOutputToken());
    spec.setCostPerCachedInputToken(modelConfig.costPerCachedInputToken());
    return spec;
  }

  /**
   * The spec fields whose value differs from LaunchDarkly's, by name. Fields the spec leaves out are not
   * managed and never differ. Tags compare without owner tags: LaunchDarkly cannot patch a model config,
   * and deleting and creating one again only for its owner tag would be a change nobody asked for.
   */
  public static List<String> differences(AIModelConfigSpec spec, LdModelConfig actual) {
    List<String> fields = new ArrayList<>();
    if (!Objects.equals(spec.getName(), actual.name())) {
      fields.add("name");
    }
    if (!Objects.equals(spec.getId(), actual.id())) {
      fields.add("id");
    }
    if (spec.getProvider() != null && !spec.getProvider().equals(actual.provider())) {
      fields.add("provider");
    }
    if (spec.getIcon() != null && !spec.getIcon().equals(actual.icon())) {
      fields.add("icon");
    }
    if (spec.getParams() != null && !Semantic.sameJson(spec.getParams(), actual.params())) {
      fields.add("params");
    }
    if (spec.getCustomParams() != null
        && !Semantic.sameJson(spec.getCustomParams(), actual.customParams())) {
      fields.add("customParams");
    }
    if (spec.getTags() != null
        && !Semantic.sameTags(OwnerTag.withoutOwnerTags(spec.getTags()), OwnerTag.withoutOwnerTags(actual.tags()))) {
      fields.add("tags");
    }
    if (spec.getCostPerInputToken() != null
        && !Semantic.sameNumber(spec.getCostPerInputToken(), actual.costPerInputToken())) {
      fields.add("costPerInputToken");
    }
    if (spec.getCostPerOutputToken() != null
        && !Semantic.sameNumber(spec.getCostPerOutputToken(), actual.costPerOutputToken())) {
      fields.add("costPerOutputToken");
    }
    if (spec.getCostPerCachedInputToken() != null
        && !Semantic.sameNumber(spec.getCostPerCachedInputToken(), actual.costPerCachedInputToken())) {
      fields.add("costPerCachedInputToken");
    }
    return fields;
  }
}
