package dev.ldai.operator.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes manifests one file per object, {@code <plural>/<name>.yaml}, and a {@code kustomization.yaml} listing
 * them in order, so that {@code kubectl apply -k DIR} applies them all. Files of the same names are replaced.
 * A file an earlier export listed in the kustomization and this one does not write (its object is gone from
 * LaunchDarkly, or was not asked for) is deleted, so that the directory holds this export; other files are left
 * alone, and not listed.
 */
final class ManifestDirectory {

  static final String KUSTOMIZATION = "kustomization.yaml";
  private static final Set<String> EXPORTED_PLURALS =
      DesiredResources.KINDS.stream().map(HasMetadata::getPlural).collect(Collectors.toSet());

  private ManifestDirectory() {}

  static void write(Path directory, List<? extends HasMetadata> manifests) throws IOException {
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new CommandException("%s exists and is not a directory".formatted(directory));
    }
    Map<Path, String> files = new LinkedHashMap<>();
    for (HasMetadata manifest : manifests) {
      Path file = Path.of(HasMetadata.getPlural(manifest.getClass()), manifest.getMetadata().getName() + ".yaml");
      files.put(file, ManifestYaml.document(manifest));
    }
    List<Path> earlier = listedIn(directory.resolve(KUSTOMIZATION));
    files.put(Path.of(KUSTOMIZATION), kustomization(new ArrayList<>(files.keySet())));
    for (Path stale : earlier) {
      if (!files.containsKey(stale)) {
        Files.deleteIfExists(directory.resolve(stale));
      }
    }
    for (Map.Entry<Path, String> file : files.entrySet()) {
      Path target = directory.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The files of the operator's kinds ({@code <plural>/<name>.yaml}) the kustomization lists; none when there is
   * none. Whatever else a user added to it is not the export's to delete.
   */
  private static List<Path> listedIn(Path kustomization) throws IOException {
    if (!Files.isRegularFile(kustomization)) {
      return List.of();
    }
    List<Path> listed = new ArrayList<>();
    for (String line : Files.readAllLines(kustomization, StandardCharsets.UTF_8)) {
      if (line.startsWith("- ")) {
        Path file = Path.of(line.substring(2).trim()).normalize();
        if (file.getNameCount() == 2 && EXPORTED_PLURALS.contains(file.getName(0).toString()) && file.toString().endsWith(".yaml")) {
          listed.add(file);
        }
      }
    }
    return listed;
  }

  private static String kustomization(List<Path> resources) {
    StringBuilder text = new StringBuilder("""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        """);
    resources.forEach(resource -> text.append("- ").append(resource.toString().replace('\\', '/')).append('\n'));
    return text.toString();
  }
}
