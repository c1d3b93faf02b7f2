package dev.ldai.operator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Manifests as YAML a reviewer reads: multi-line texts (prompts, instructions, snippets) as literal block
 * scalars, quotes only where a string would otherwise read as another type, fields in the kinds' own order.
 */
final class ManifestYaml {

  private static final String DOCUMENT_START = "---\n";
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .stringQuotingChecker(new QuotedUnlessPlainlyText())
      .build());

  /**
   * Quotes, besides what Jackson quotes, every string that starts like a number or is a YAML 1.1 merge or value
   * key: readers of YAML 1.1 (kubectl's among them) take {@code 1e3}, {@code 0x1A}, {@code 1_000} or
   * {@code 12:30} for numbers, and a key or message may be any of them.
   */
  private static final class QuotedUnlessPlainlyText extends StringQuotingChecker.Default {

    private static final Pattern STARTS_LIKE_A_NUMBER = Pattern.compile("^[-+.0-9].*", Pattern.DOTALL);

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || STARTS_LIKE_A_NUMBER.matcher(value).matches()
          || value.equals("=") || value.equals("<<");
    }
  }

  private ManifestYaml() {}

  /** One manifest, as a file holds it. */
  static String document(Object manifest) {
    JsonNode tree = Serialization.jsonMapper().valueToTree(manifest);
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree is always YAML", e);
    }
  }

  /** The manifests as one multi-document stream, each document starting with {@code ---}. */
  static String stream(List<? extends HasMetadata> manifests) {
    return manifests.stream().map(manifest -> DOCUMENT_START + document(manifest)).collect(Collectors.joining());
  }
}
