package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestFilesTest {

  private static final String CONFIG = "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata:\n  name: %s\nspec:\n  projectKey: p\n  name: N\n";
  private static final InputStream NO_INPUT = new ByteArrayInputStream(new byte[0]);

  @TempDir Path directory;

  @Test
  void aDirectoryIsReadRecursivelyInPathOrderWithoutItsKustomization() throws IOException {
    write("b/two.yaml", CONFIG.formatted("two"));
    write("a/one.yml", CONFIG.formatted("one"));
    write("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n");
    write("notes.txt", "not a manifest");

    List<ManifestFiles.Document> documents = ManifestFiles.read(List.of(directory.toString()), NO_INPUT);

    assertThat(documents).extracting(document -> document.manifest().path("metadata").path("name").asText()).containsExactly("one", "two");
    assertThat(documents.get(0).origin()).isEqualTo(directory.resolve("a/one.yml").toString());
  }

  @Test
  void aStreamOfDocumentsSkipsEmptyOnesUnwrapsListsAndNamesEachByPosition() {
    String stream = "---\n" + CONFIG.formatted("one") + "---\n---\n" + "apiVersion: v1\nkind: List\nitems:\n- "
        + CONFIG.formatted("two").replace("\n", "\n  ").stripTrailing() + "\n";

    List<ManifestFiles.Document> documents = ManifestFiles.read(List.of("-"), new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));

    assertThat(documents).extracting(document -> document.manifest().path("metadata").path("name").asText()).containsExactly("one", "two");
    assertThat(documents).extracting(ManifestFiles.Document::origin)
        .containsExactly("standard input", "standard input (document 3)");
  }

  @Test
  void invalidYamlAMissingPathAndNoManifestAtAllAreOneLineErrors() throws IOException {
    write("broken.yaml", "kind: [unclosed\n");
    write("empty.yaml", "---\n");

    assertThatThrownBy(() -> ManifestFiles.read(List.of(directory.resolve("broken.yaml").toString()), NO_INPUT))
        .isInstanceOf(CommandException.class).hasMessageStartingWith(directory.resolve("broken.yaml") + ": is not valid YAML: ");
    assertThatThrownBy(() -> ManifestFiles.read(List.of(directory.resolve("gone.yaml").toString()), NO_INPUT))
        .hasMessage(directory.resolve("gone.yaml") + ": no such file or directory");
    assertThatThrownBy(() -> ManifestFiles.read(List.of(directory.resolve("empty.yaml").toString()), NO_INPUT))
        .hasMessage("no manifests in " + directory.resolve("empty.yaml"));
  }

  private void write(String file, String text) throws IOException {
    Path path = directory.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }
}
