package dev.ldai.operator.snippet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPatch;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnippetMappingTest {

  private static final String OWNER = OwnerTag.of("PromptSnippet", "team-a", "brand-voice");

  @Test
  void theTextComparesExactlyWhitespaceIncluded() {
    PromptSnippetSpec spec = spec("Be brief.\n");
    LdPromptSnippet actual = snippet("Be brief.");

    Diff<LdPromptSnippetPatch> diff = SnippetMapping.diff(spec, actual, Optional.of(OWNER));

    assertThat(diff.fields()).containsExactly("text");
    assertThat(diff.change()).isEqualTo(new LdPromptSnippetPatch(null, null, "Be brief.\n", null, null, null));
  }

  @Test
  void aSnippetAsTheSpecSaysIsNoChangeAndAnUnsetDescriptionIsNotManaged() {
    assertThat(SnippetMapping.diff(spec("Be brief."), snippet("Be brief."), Optional.of(OWNER)).isEmpty()).isTrue();
  }

  @Test
  void theSpecOfASnippetAsLaunchDarklyHoldsItDiffersOnlyByTheOwnerTagATakeOverAdds() {
    LdPromptSnippet held = new LdPromptSnippet("brand-voice", "Brand voice", "", "Sprich klar.\n  – kurz –\n", List.of(), 2, 0L,
        null, null);

    PromptSnippetSpec spec = SnippetMapping.toSpec("support", held);

    assertThat(spec.getKey()).isEqualTo("brand-voice");
    assertThat(spec.getText()).isEqualTo("Sprich klar.\n  – kurz –\n");
    assertThat(spec.getDescription()).isNull();
    assertThat(spec.getTags()).isNull();
    assertThat(SnippetMapping.diff(spec, held, Optional.empty()).isEmpty()).isTrue();
    assertThat(SnippetMapping.diff(spec, held, Optional.of(OWNER)).fields()).containsExactly(OwnerTag.FIELD);
    assertThat(SnippetMapping.toSpec("support", snippet("Be brief.")).getDescription()).isEqualTo("set in the UI");
  }

  private static PromptSnippetSpec spec(String text) {
    PromptSnippetSpec spec = new PromptSnippetSpec();
    spec.setProjectKey("default");
    spec.setName("Brand voice");
    spec.setText(text);
    return spec;
  }

  private static LdPromptSnippet snippet(String text) {
    return new LdPromptSnippet("brand-voice", "Brand voice", "set in the UI", text, List.of(OWNER), 1, 0L, null, null);
  }
}
