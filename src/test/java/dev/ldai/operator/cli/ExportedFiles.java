package dev.ldai.operator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What an export wrote under a directory: each file's text by its path relative to the directory. */
final class ExportedFiles {

  private ExportedFiles() {}

  static Map<Path, String> under(Path directory) throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        files.put(directory.relativize(file), Files.readString(file));
      }
    }
    return files;
  }
}
