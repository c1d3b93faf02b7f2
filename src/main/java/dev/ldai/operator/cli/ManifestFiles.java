package dev.ldai.operator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads manifests as {@code kubectl apply -f} takes them: a file holding one or more YAML (or JSON) documents,
 * a directory of such files (searched recursively, so an export's {@code <plural>/<name>.yaml} layout reads as
 * it is; its {@code kustomization.yaml} is not a manifest), or {@code -} for standard input, such as the output
 * of {@code kubectl kustomize}. Empty documents are skipped; a {@code List}'s items are its manifests.
 */
final class ManifestFiles {

  static final String STANDARD_INPUT = "-";
  private static final Set<String> KUSTOMIZATIONS = Set.of(ManifestDirectory.KUSTOMIZATION, "kustomization.yml", "Kustomization");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** One document: the file it came from and its position there, for messages. */
  record Document(String file, int index, JsonNode manifest) {

    /** Where the document is, e.g. {@code configs.yaml} or {@code configs.yaml (document 3)}. */
    String origin() {
      return index == 0 ? file : "%s (document %d)".formatted(file, index + 1);
    }
  }

  private ManifestFiles() {}

  static List<Document> read(List<String> paths, InputStream standardInput) {
    List<Document> documents = new ArrayList<>();
    for (String path : paths) {
      if (path.equals(STANDARD_INPUT)) {
        documents.addAll(parse("standard input", readAll(standardInput)));
        continue;
      }
      Path file = Path.of(path);
      if (Files.isDirectory(file)) {
        manifestsUnder(file).forEach(found -> documents.addAll(parse(found.toString(), readFile(found))));
      } else if (Files.isRegularFile(file)) {
        documents.addAll(parse(path, readFile(file)));
      } else {
        throw new CommandException("%s: no such file or directory".formatted(path));
      }
    }
    if (documents.isEmpty()) {
      throw new CommandException("no manifests in " + String.join(", ", paths));
    }
    return documents;
  }

  private static List<Path> manifestsUnder(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> isManifestName(file.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CommandException("%s: cannot be read: %s".formatted(directory, e.getMessage()), e);
    }
  }

  private static boolean isManifestName(String name) {
    return !KUSTOMIZATIONS.contains(name) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  private static List<Document> parse(String file, String text) {
    List<Document> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> parsed = YAML.readerFor(JsonNode.class).readValues(text)) {
      int index = 0;
      while (parsed.hasNextValue()) {
        JsonNode document = parsed.nextValue();
        if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
          index++;
          continue;
        }
        if (!document.isObject()) {
          throw new CommandException("%s: is not a manifest (a YAML mapping)".formatted(new Document(file, index, document).origin()));
        }
        if (document.path("kind").asText().equals("List") && document.path("items").isArray()) {
          for (JsonNode item : document.path("items")) {
            documents.add(new Document(file, index, item));
          }
        } else {
          documents.add(new Document(file, index, document));
        }
        index++;
      }
      return documents;
    } catch (JsonProcessingException e) {
      throw new CommandException("%s: is not valid YAML: %s".formatted(file, e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new CommandException("%s: cannot be read: %s".formatted(file, e.getMessage()), e);
    }
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandException("%s: cannot be read: %s".formatted(file, e.getMessage()), e);
    }
  }

  private static String readAll(InputStream input) {
    try {
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
