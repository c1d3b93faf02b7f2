package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.AIConfigVariationSpec;
import dev.ldai.operator.variation.Message;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ManifestYamlTest {

  @Test
  void multiLineTextsAreLiteralBlocksAndEveryTextReadsBackAsWritten() {
    AIConfigVariation variation = variation(
        new Message("system", "Du bist hilfreich.\nAntworte kurz — 短く。🙂\n"),
        new Message("user", "true"),
        new Message("user", "0.10"),
        new Message("user", "  leading spaces\nand: a colon #not a comment\n\n"));

    String yaml = ManifestYaml.document(variation);

    assertThat(yaml).contains("content: |\n      Du bist hilfreich.\n      Antworte kurz — 短く。🙂\n");
    assertThat(yaml).doesNotContain("\\u");
    AIConfigVariation read = Serialization.unmarshal(yaml, AIConfigVariation.class);
    assertThat(read.getSpec().getMessages()).extracting(Message::getContent)
        .containsExactlyElementsOf(variation.getSpec().getMessages().stream().map(Message::getContent).toList());
  }

  @Test
  void textsThatReadersOfYaml11TakeForNumbersOrBooleansAreQuoted() {
    List<String> texts = List.of("1e3", "0x1A", "1_000", "12:30", "2001-12-14", ".5", "-.inf", "+1", "yes", "off", "~", "=", "<<");
    AIConfigVariation variation = variation(texts.stream().map(text -> new Message("user", text)).toArray(Message[]::new));

    String yaml = ManifestYaml.document(variation);

    assertThat(texts).allSatisfy(text -> assertThat(yaml).containsPattern("content: [\"']" + Pattern.quote(text) + "[\"']\n"));
    assertThat(yaml).contains("name: Friendly\n");
  }

  @Test
  void aStreamStartsEachDocumentWithItsMarkerAndLeavesOutWhatIsNotSet() {
    String stream = ManifestYaml.stream(List.of(variation(new Message("system", "a")), variation(new Message("system", "b"))));

    assertThat(stream).startsWith("---\napiVersion: ldai.dev/v1alpha1\nkind: AIConfigVariation\n");
    assertThat(stream.split("(?m)^---$")).hasSize(3);
    assertThat(stream).doesNotContain("status").doesNotContain("null").doesNotContain("{}").doesNotContain("[]");
  }

  private static AIConfigVariation variation(Message... messages) {
    AIConfigVariationSpec spec = new AIConfigVariationSpec();
    spec.setConfigRef(new LocalReference("assistant"));
    spec.setName("Friendly");
    spec.setMessages(List.of(messages));
    AIConfigVariation variation = new AIConfigVariation();
    variation.setMetadata(new ObjectMetaBuilder().withName("assistant-friendly").build());
    variation.setSpec(spec);
    return variation;
  }
}
