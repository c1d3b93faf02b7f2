package dev.ldai.operator.variation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariationPinsTest {

  @Test
  void theSentSpecPinsFollowingTagsAndNamesToolsByKeyWithoutTouchingTheSpec() {
    AIConfigVariationSpec spec = PinningTest.variation(s -> {
      s.setMessages(List.of(new Message("system", "Be {{snippet.tone}}; {{snippet.safety#1}}")));
      s.setInstructions("Follow {{ snippet.tone }}.");
      s.setTools(List.of(Tool.ref("web-search", null), new Tool("calculator", 2)));
    }).getSpec();
    VariationPins pins = VariationPins.of(spec,
        List.of(new ToolPin("search", 6, "web-search"), new ToolPin("calculator", 2, null)), Map.of("tone", 3));

    AIConfigVariationSpec sent = pins.sent(spec);

    assertThat(sent.getMessages().get(0).getContent()).isEqualTo("Be {{snippet.tone#3}}; {{snippet.safety#1}}");
    assertThat(sent.getInstructions()).isEqualTo("Follow {{snippet.tone#3}}.");
    assertThat(sent.getTools()).extracting(Tool::getKey, Tool::getVersion, Tool::getToolRef)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("search", 6, null),
            org.assertj.core.groups.Tuple.tuple("calculator", 2, null));
    assertThat(spec.getMessages().get(0).getContent()).isEqualTo("Be {{snippet.tone}}; {{snippet.safety#1}}");
    assertThat(spec.getTools().get(0).getToolRef().getName()).isEqualTo("web-search");
  }

  @Test
  void aSpecWithoutToolsIsSentWithoutTools() {
    AIConfigVariationSpec spec = PinningTest.variation(s -> {}).getSpec();

    assertThat(VariationPins.of(spec, List.of(), Map.of()).sent(spec).getTools()).isNull();
  }

  @Test
  void theSnippetPinsTellAFollowedVersionFromTheSameVersionPinnedAsWritten() {
    AIConfigVariationSpec spec = PinningTest.variation(s ->
        s.setMessages(List.of(new Message("system", "{{snippet.a#2}} {{snippet.a}} {{snippet.a#3}}")))).getSpec();

    List<SnippetPin> atTwo = VariationPins.snippetsIn(spec, Map.of("a", 2));
    List<SnippetPin> atThree = VariationPins.snippetsIn(spec, Map.of("a", 3));

    assertThat(atTwo).containsExactly(new SnippetPin("a", 2, false), new SnippetPin("a", 2, true), new SnippetPin("a", 3, false));
    assertThat(atThree).isNotEqualTo(atTwo);
  }

  @Test
  void recordingThePinsTellsWhetherTheyMoved() {
    AIConfigVariationSpec spec = PinningTest.variation(s -> s.setInstructions("{{snippet.tone}}")).getSpec();
    AIConfigVariationStatus status = new AIConfigVariationStatus();
    List<ToolPin> tools = List.of(new ToolPin("search", 1, "web-search"));

    assertThat(VariationPins.of(spec, tools, Map.of("tone", 1)).recordIn(status)).isTrue();
    assertThat(VariationPins.of(spec, tools, Map.of("tone", 1)).recordIn(status)).isFalse();
    assertThat(status.getSnippets()).containsExactly(new SnippetPin("tone", 1, true));
    assertThat(VariationPins.of(spec, tools, Map.of("tone", 2)).recordIn(status)).isTrue();
    assertThat(VariationPins.of(spec, List.of(new ToolPin("search", 2, "web-search")), Map.of("tone", 2)).recordIn(status))
        .isTrue();
    assertThat(VariationPins.of(PinningTest.variation(s -> {}).getSpec(), List.of(), Map.of()).recordIn(status)).isTrue();
    assertThat(status.getTools()).isNull();
    assertThat(status.getSnippets()).isNull();
  }
}
