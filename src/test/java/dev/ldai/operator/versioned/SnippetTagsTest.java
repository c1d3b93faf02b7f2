package dev.ldai.operator.versioned;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.versioned.SnippetTags.Tag;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnippetTagsTest {

  @Test
  void tagsAreFoundInOrderAsFollowingOrPinned() {
    assertThat(SnippetTags.in("Be {{snippet.tone}}. {{ snippet.safety-v2#3 }} and {{snippet.tone#12}}"))
        .containsExactly(new Tag("tone", null), new Tag("safety-v2", 3), new Tag("tone", 12));
    assertThat(SnippetTags.in("{{snippet.tone}}").get(0).follows()).isTrue();
    assertThat(SnippetTags.in("{{snippet.tone#1}}").get(0).follows()).isFalse();
  }

  @Test
  void otherTemplatesAndMalformedTagsAreNotSnippets() {
    assertThat(SnippetTags.in("Hello {{ldctx.name}}, {{snippet.}} {{snippet.-bad}} {snippet.single} {{snippet.x#}}"))
        .isEmpty();
    assertThat(SnippetTags.in(null)).isEmpty();
  }

  @Test
  void pinningRewritesFollowingTagsOnlyAndKeepsEverythingElseExactly() {
    String text = "A {{ snippet.tone }} B {{snippet.safety#2}} C $1 \\\\ {{snippet.tone}}";

    String pinned = SnippetTags.pinned(text, Map.of("tone", 7)::get);

    assertThat(pinned).isEqualTo("A {{snippet.tone#7}} B {{snippet.safety#2}} C $1 \\\\ {{snippet.tone#7}}");
    assertThat(SnippetTags.pinned("no tags here", key -> 1)).isEqualTo("no tags here");
    assertThat(SnippetTags.pinned(null, key -> 1)).isNull();
  }
}
