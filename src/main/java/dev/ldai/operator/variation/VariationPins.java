package dev.ldai.operator.variation;

import dev.ldai.operator.versioned.SnippetTags;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tool and snippet versions a variation pins, as resolved for one reconcile ({@link Pinning}): what is sent
 * in place of the spec's {@code toolRef}s and following {@code {{snippet.KEY}}} tags, and what the status shows.
 *
 * @param tools each entry of {@code spec.tools}, in order, as sent
 * @param followedSnippets the current version of each snippet a tag follows, by key
 * @param snippets the snippet versions the sent text pins (see {@link #snippetsIn})
 */
public record VariationPins(List<ToolPin> tools, Map<String, Integer> followedSnippets, List<SnippetPin> snippets) {

  /** For a variation whose pins do not matter, as when it is deleted. */
  static final VariationPins NONE = new VariationPins(List.of(), Map.of(), List.of());

  static VariationPins of(AIConfigVariationSpec spec, List<ToolPin> tools, Map<String, Integer> followedSnippets) {
    return new VariationPins(List.copyOf(tools), Map.copyOf(followedSnippets), snippetsIn(spec, followedSnippets));
  }

  /** The spec as LaunchDarkly gets it: tools as {@code {key, version}}, following tags pinned; the spec is left as is. */
  public AIConfigVariationSpec sent(AIConfigVariationSpec spec) {
    AIConfigVariationSpec sent = Serialization.clone(spec);
    if (sent.getMessages() != null) {
      sent.getMessages().forEach(message -> message.setContent(pinned(message.getContent())));
    }
    sent.setInstructions(pinned(spec.getInstructions()));
    if (spec.getTools() != null) {
      sent.setTools(tools.stream().map(tool -> new Tool(tool.getKey(), tool.getVersion())).toList());
    }
    return sent;
  }

  /**
   * The snippet versions the sent text pins, each once, in the order they first appear (messages, then
   * instructions).
   */
  static List<SnippetPin> snippetsIn(AIConfigVariationSpec spec, Map<String, Integer> followedSnippets) {
    Set<SnippetPin> pins = new LinkedHashSet<>();
    tagsIn(spec).forEach(tag -> pins.add(tag.follows()
        ? new SnippetPin(tag.key(), followedSnippets.get(tag.key()), true)
        : new SnippetPin(tag.key(), tag.version(), false)));
    return List.copyOf(pins);
  }

  /** Records the pins in the status ({@code status.tools}, {@code status.snippets}); true when they changed. */
  boolean recordIn(AIConfigVariationStatus status) {
    List<ToolPin> shownTools = tools.isEmpty() ? null : tools;
    List<SnippetPin> shownSnippets = snippets.isEmpty() ? null : snippets;
    boolean same = Objects.equals(status.getTools(), shownTools) && Objects.equals(status.getSnippets(), shownSnippets);
    status.setTools(shownTools);
    status.setSnippets(shownSnippets);
    return !same;
  }

  private String pinned(String text) {
    return SnippetTags.pinned(text, followedSnippets::get);
  }

  /**
   * The snippet tags of the spec, in the order they appear in the texts they may appear in: each message's
   * content, then the instructions; none for a null spec.
   */
  static List<SnippetTags.Tag> tagsIn(AIConfigVariationSpec spec) {
    if (spec == null) {
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    if (spec.getMessages() != null) {
      spec.getMessages().forEach(message -> texts.add(message.getContent()));
    }
    texts.add(spec.getInstructions());
    return texts.stream().flatMap(text -> SnippetTags.in(text).stream()).toList();
  }
}
