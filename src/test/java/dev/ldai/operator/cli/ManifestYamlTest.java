package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.AIConfigVariationSpec;
import dev.ldai.operator.variation.Message;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
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
