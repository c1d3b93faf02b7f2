package dev.ldai.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The operator's CRDs as committed: {@code crds/} and the chart's copy. */
public final class Crds {

  public static final Path COMMITTED = Path.of("crds");
  public static final Path CHART = Path.of("helm", "ldai-operator", "crds");

  private Crds() {}

  /** The CRDs of {@code crds/}. */
  public static List<CustomResourceDefinition> committed() {
    return files(COMMITTED).stream().map(Crds::read).toList();
  }

  /** The CRD files of a folder, by file name. */
  public static List<Path> files(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CustomResourceDefinition read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CustomResourceDefinition parse(String yaml) {
    return Serialization.unmarshal(yaml, CustomResourceDefinition.class);
  }

  /** Whether the server serves the CRD; right after a create or replace its status may have no conditions yet. */
  public static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
