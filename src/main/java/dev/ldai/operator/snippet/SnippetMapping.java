package dev.ldai.operator.snippet;

import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Maintainer;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.TagsPatch;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPatch;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPost;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps a PromptSnippet spec to LaunchDarkly's prompt snippet, and the patch between them. Every PATCH is a
 * new version of the snippet, so only what differs is sent; the text compares exactly, whitespace included.
 */
public final class SnippetMapping {

  private SnippetMapping() {}

  public static LdPromptSnippetPost toPost(String key, PromptSnippetSpec spec, String ownerTag) {
    return new LdPromptSnippetPost(key, spec.getName(), spec.getDescription(), spec.getText(),
        TagsPatch.forCreate(spec.getTags(), ownerTag), spec.getMaintainerId(), spec.getMaintainerTeamKey());
  }

  /**
   * The spec that describes the snippet's latest version as LaunchDarkly holds it, so that {@link #diff} finds
   * no field to send (the owner tag apart, which a resource adopting the snippet leaves for its next change).
   * An empty description and empty tags are left out, and so not managed.
   */
  public static PromptSnippetSpec toSpec(String projectKey, LdPromptSnippet snippet) {
    PromptSnippetSpec spec = new PromptSnippetSpec();
    spec.setKey(snippet.key());
    spec.setProjectKey(projectKey);
    spec.setName(snippet.name());
    spec.setText(snippet.text());
    spec.setDescription(snippet.description() == null || snippet.description().isEmpty() ? null : snippet.description());
    spec.setTags(OwnerTag.specTags(snippet.tags()));
    spec.setMaintainerId(Maintainer.memberIdOf(snippet.maintainer()));
    spec.setMaintainerTeamKey(Maintainer.teamKeyOf(snippet.maintainer()));
    return spec;
  }

  /** Fields the spec leaves out are not managed and never patched; tags as {@link TagsPatch} says. */
  public static Diff<LdPromptSnippetPatch> diff(PromptSnippetSpec spec, LdPromptSnippet actual, Optional<String> ownerTag) {
    List<String> fields = new ArrayList<>();
    String name = differing(fields, "name", spec.getName(), actual.name());
    String description = differing(fields, "description", spec.getDescription(), actual.description());
    String text = differing(fields, "text", spec.getText(), actual.text());
    TagsPatch tags = TagsPatch.between(spec.getTags(), actual.tags(), ownerTag);
    if (tags.field() != null) {
      fields.add(tags.field());
    }
    String maintainerId = Maintainer.memberToSend(spec, actual.maintainer());
    if (maintainerId != null) {
      fields.add("maintainerId");
    }
    String maintainerTeamKey = Maintainer.teamToSend(spec, actual.maintainer());
    if (maintainerTeamKey != null) {
      fields.add("maintainerTeamKey");
    }
    return new Diff<>(List.copyOf(fields),
        new LdPromptSnippetPatch(name, description, text, tags.send(), maintainerId, maintainerTeamKey));
  }

  /** The wanted value when the spec sets it and it differs from LaunchDarkly's, else null. */
  private static String differing(List<String> fields, String field, String wanted, String actual) {
    if (wanted == null || Objects.equals(wanted, actual)) {
      return null;
    }
    fields.add(field);
    return wanted;
  }
}
