package dev.ldai.operator.tool;

import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Maintainer;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.Semantic;
import dev.ldai.operator.common.TagsPatch;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAIToolPatch;
import dev.ldai.operator.launchdarkly.api.LdAIToolPost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps an AITool spec to LaunchDarkly's AI tool, and the patch between them. Every PATCH is a new version
 * of the tool, so only what differs is sent, and nothing when nothing does. {@code schema} and
 * {@code customParameters} compare as JSON values (key order and {@code 1} vs {@code 1.0} do not count).
 */
public final class ToolMapping {

  private ToolMapping() {}

  public static LdAIToolPost toPost(String key, AIToolSpec spec, String ownerTag) {
    return new LdAIToolPost(key, spec.getDescription(), spec.getSchema(), spec.getCustomParameters(),
        TagsPatch.forCreate(spec.getTags(), ownerTag), spec.getMaintainerId(), spec.getMaintainerTeamKey());
  }

  /**
   * The spec that describes the tool's latest version as LaunchDarkly holds it, so that {@link #diff} finds no
   * field to send (the owner tag apart, which a resource adopting the tool leaves for its next change). An
   * empty description and empty tags are left out, and so not managed.
   */
  public static AIToolSpec toSpec(String projectKey, LdAITool tool) {
    AIToolSpec spec = new AIToolSpec();
    spec.setKey(tool.key());
    spec.setProjectKey(projectKey);
    spec.setDescription(tool.description() == null || tool.description().isEmpty() ? null : tool.description());
    spec.setSchema(tool.schema());
    spec.setCustomParameters(tool.customParameters());
    spec.setTags(OwnerTag.specTags(tool.tags()));
    spec.setMaintainerId(Maintainer.memberIdOf(tool.maintainer()));
    spec.setMaintainerTeamKey(Maintainer.teamKeyOf(tool.maintainer()));
    return spec;
  }

  /** Fields the spec leaves out are not managed and never patched; tags as {@link TagsPatch} says. */
  public static Diff<LdAIToolPatch> diff(AIToolSpec spec, LdAITool actual, Optional<String> ownerTag) {
    List<String> fields = new ArrayList<>();
    boolean description = spec.getDescription() != null && !spec.getDescription().equals(actual.description());
    boolean schema = !Semantic.sameJson(spec.getSchema(), actual.schema());
    boolean customParameters =
        spec.getCustomParameters() != null && !Semantic.sameJson(spec.getCustomParameters(), actual.customParameters());
    TagsPatch tags = TagsPatch.between(spec.getTags(), actual.tags(), ownerTag);
    String maintainerId = Maintainer.memberToSend(spec, actual.maintainer());
    String maintainerTeamKey = Maintainer.teamToSend(spec, actual.maintainer());
    addIf(fields, description, "description");
    addIf(fields, schema, "schema");
    addIf(fields, customParameters, "customParameters");
    addIf(fields, tags.field() != null, tags.field());
    addIf(fields, maintainerId != null, "maintainerId");
    addIf(fields, maintainerTeamKey != null, "maintainerTeamKey");
    return new Diff<>(List.copyOf(fields), new LdAIToolPatch(
        description ? spec.getDescription() : null,
        schema ? spec.getSchema() : null,
        customParameters ? spec.getCustomParameters() : null,
        tags.send(),
        maintainerId,
        maintainerTeamKey));
  }

  private static void addIf(List<String> fields, boolean differs, String field) {
    if (differs) {
      fields.add(field);
    }
  }
}
