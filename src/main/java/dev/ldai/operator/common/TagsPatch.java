package dev.ldai.operator.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tags a patch sends, if any, for a kind whose object carries its owner tag among its tags. Tags
 * compare as a set without owner tags, and a spec without tags leaves LaunchDarkly's. With an owner tag
 * (policy Manage), a missing one or another resource's also needs the tags patched: reported as field
 * {@link OwnerTag#FIELD} when the spec's tags match, sent as the wanted tags with this owner tag only.
 * Without one (Observe), owner tags are ignored.
 *
 * @param send the tags to send; null when they need no patch
 * @param field {@code tags} or {@link OwnerTag#FIELD}; null when they need no patch
 */
public record TagsPatch(List<String> send, String field) {

  public static TagsPatch between(List<String> specTags, List<String> actualTags, Optional<String> ownerTag) {
    List<String> actual = OwnerTag.withoutOwnerTags(actualTags);
    List<String> wanted = specTags == null ? actual : OwnerTag.withoutOwnerTags(specTags);
    boolean tagsDiffer = !Semantic.sameTags(wanted, actual);
    boolean ownerTagDiffers = ownerTag.filter(own -> !ownedOnlyBy(actualTags, own)).isPresent();
    if (!tagsDiffer && !ownerTagDiffers) {
      return new TagsPatch(null, null);
    }
    return new TagsPatch(ownerTag.map(own -> withOwnerTag(wanted, own)).orElse(wanted), tagsDiffer ? "tags" : OwnerTag.FIELD);
  }

  /** The tags a create sends: the spec's, without owner tags, and this resource's owner tag. */
  public static List<String> forCreate(List<String> specTags, String ownerTag) {
    return withOwnerTag(OwnerTag.withoutOwnerTags(specTags), ownerTag);
  }

  /** Whether the tags hold this owner tag and no other. */
  private static boolean ownedOnlyBy(List<String> tags, String ownerTag) {
    return OwnerTag.carries(tags, ownerTag) && tags.stream().filter(OwnerTag::isOwnerTag).allMatch(ownerTag::equals);
  }

  private static List<String> withOwnerTag(List<String> tags, String ownerTag) {
    List<String> all = new ArrayList<>(tags);
    all.add(ownerTag);
    return all;
  }
}
