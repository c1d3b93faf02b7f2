package dev.ldai.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.testing.KubernetesMockServerResource;
import dev.ldai.operator.testing.StandInResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed CRDs ({@code crds/} and the Helm chart's copy) must equal what the build generates from
 * the Java model. Run with {@code -Dupdate-crds=true} to rewrite the committed copies.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesMockServerResource.class)
@QuarkusTestResource(StandInResource.class)
class CrdSyncTest {

  static final List<String> CRDS =
      List.of(
          "aiconfigs.ldai.dev-v1.yml",
          "aiconfigvariations.ldai.dev-v1.yml",
          "aimodelconfigs.ldai.dev-v1.yml",
          "aiconfigtargetings.ldai.dev-v1.yml",
          "aitools.ldai.dev-v1.yml",
          "promptsnippets.ldai.dev-v1.yml",
          "aiagentgraphs.ldai.dev-v1.yml");
  static final Path GENERATED = Path.of("target", "kubernetes");
  static final List<Path> COMMITTED = List.of(Path.of("crds"), Path.of("helm", "ldai-operator", "crds"));

  @Test
  void committedCrdsEqualTheGeneratedOnes() throws IOException {
    boolean update = Boolean.getBoolean("update-crds");
    for (String crd : CRDS) {
      String generated = Files.readString(GENERATED.resolve(crd));
      assertThat(generated).contains("ldai.dev");
      for (Path directory : COMMITTED) {
        Path committed = directory.resolve(crd);
        if (update) {
          Files.createDirectories(directory);
          Files.writeString(committed, generated);
        }
        assertThat(committed)
            .as("%s differs from the generated CRD; run ./mvnw verify -Dupdate-crds=true", committed)
            .exists()
            .hasContent(generated);
      }
    }
  }

  @Test
  void noUnexpectedCrdIsCommitted() throws IOException {
    for (Path directory : COMMITTED) {
      try (Stream<Path> files = Files.list(directory)) {
        assertThat(files.map(p -> p.getFileName().toString())).as(directory.toString())
            .containsExactlyInAnyOrderElementsOf(CRDS);
      }
    }
  }
}
