package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** YAML documents as JSON trees, e.g. the manifests of {@code examples/}. */
public final class Yaml {

  static final YAMLMapper MAPPER = new YAMLMapper();

  private Yaml() {}

  /** The documents of a (multi-document) YAML or JSON text; empty documents are left out. */
  public static List<JsonNode> documents(String yaml) {
    try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
      List<JsonNode> result = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          result.add(doc);
        }
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("Not YAML", e);
    }
  }

  /** The documents of a YAML file. */
  public static List<JsonNode> documents(Path file) {
    try {
      return documents(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
