package dev.ldai.operator.versioned;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LaunchDarkly's snippet tags in prompt text: {@code {{snippet.KEY#VERSION}}} pins a version of snippet
 * KEY; {@code {{snippet.KEY}}} follows it, and the operator pins it to the current version before sending.
 * Spaces inside the braces are taken, as Mustache takes them.
 */
public final class SnippetTags {

  private static final Pattern TAG =
      Pattern.compile("\\{\\{\\s*snippet\\.([a-zA-Z0-9][a-zA-Z0-9._-]*?)(?:#(\\d{1,9}))?\\s*}}");

  /** A tag in a text: the snippet's key and the pinned version, null when the tag follows the snippet. */
  public record Tag(String key, Integer version) {
    public boolean follows() {
      return version == null;
    }
  }

  private SnippetTags() {}

  /** The tags in the text, in order; none for null. */
  public static List<Tag> in(String text) {
    List<Tag> tags = new ArrayList<>();
    if (text == null) {
      return tags;
    }
    Matcher tag = TAG.matcher(text);
    while (tag.find()) {
      tags.add(new Tag(tag.group(1), tag.group(2) == null ? null : Integer.valueOf(tag.group(2))));
    }
    return tags;
  }

  /**
   * The text with every following tag pinned to {@code currentVersion} of its key, as
   * {@code {{snippet.KEY#VERSION}}}; pinned tags and all other text are kept exactly.
   */
  public static String pinned(String text, Function<String, Integer> currentVersion) {
    if (text == null) {
      return null;
    }
    Matcher tag = TAG.matcher(text);
    StringBuilder pinned = new StringBuilder();
    while (tag.find()) {
      String replacement = tag.group(2) == null
          ? "{{snippet.%s#%d}}".formatted(tag.group(1), currentVersion.apply(tag.group(1)))
          : tag.group();
      tag.appendReplacement(pinned, Matcher.quoteReplacement(replacement));
    }
    tag.appendTail(pinned);
    return pinned.toString();
  }
}
