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

/**
 * Writes manifests one file per object, {@code <plural>/<name>.yaml}, and a {@code kustomization.yaml} listing
 * them in order, so that {@code kubectl apply -k DIR} applies them all. Files of the same names are replaced;
 * other files in the directory are left alone, and not listed.
 */
final class ManifestDirectory {

  static final String KUSTOMIZATION = "kustomization.yaml";

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
    files.put(Path.of(KUSTOMIZATION), kustomization(new ArrayList<>(files.keySet())));
    for (Map.Entry<Path, String> file : files.entrySet()) {
      Path target = directory.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
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
