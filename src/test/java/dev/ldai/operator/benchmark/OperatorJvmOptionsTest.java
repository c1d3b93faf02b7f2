package dev.ldai.operator.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark measures the operator with the JVM options the image ships, not others. */
class OperatorJvmOptionsTest {

  @Test
  void theBenchmarkRunsTheOperatorWithTheImagesJvmOptions() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile")).replace("\\\n", " ");
    Matcher entrypoint = Pattern.compile("^ENTRYPOINT \\[(.*)]$", Pattern.MULTILINE).matcher(dockerfile);
    assertThat(entrypoint.find()).as("an ENTRYPOINT in exec form").isTrue();
    List<String> imageOptions = Arrays.stream(entrypoint.group(1).split(","))
        .map(part -> part.trim().replace("\"", ""))
        .filter(part -> part.startsWith("-XX:"))
        .toList();
    List<String> benchmarkOptions = Arrays.stream(OperatorBenchmark.OPERATOR_JVM_DEFAULT.split("\\s+"))
        .filter(option -> !option.startsWith("-XX:MaxRAM="))
        .toList();

    assertThat(imageOptions).isNotEmpty().containsExactlyElementsOf(benchmarkOptions);
  }

  @Test
  void theBenchmarkGivesTheOperatorTheChartsDefaultMemoryLimit() throws IOException {
    String values = Files.readString(Path.of("helm", "ldai-operator", "values.yaml"));
    Matcher limit = Pattern.compile("limits:\\s*\\n\\s*memory: (\\d+)Mi").matcher(values);
    assertThat(limit.find()).as("a memory limit in values.yaml").isTrue();

    assertThat(OperatorBenchmark.OPERATOR_JVM_DEFAULT).contains("-XX:MaxRAM=" + limit.group(1) + "m");
  }
}
