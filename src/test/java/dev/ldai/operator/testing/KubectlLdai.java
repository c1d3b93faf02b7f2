package dev.ldai.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run through the {@code bin/kubectl-ldai} wrapper, as a user runs it: with no cluster configured
 * (none is needed), no HTTP server (the port it would listen on is held meanwhile, so listening would fail its
 * start), and LaunchDarkly's base URL and token from the environment. Needs {@code package} first.
 */
public final class KubectlLdai {

  private static final Path WRAPPER = Path.of("bin", "kubectl-ldai");
  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  /** What a run printed, and its exit code. */
  public record Result(int exitCode, String out, String err) {}

  private final Path work;
  private final String baseUrl;

  /** @param work a directory of the test's own, for the run's output */
  public KubectlLdai(Path work, String baseUrl) {
    this.work = work;
    this.baseUrl = baseUrl;
  }

  public Result run(String token, String... args) throws IOException, InterruptedException {
    return run(token, null, args);
  }

  /** Runs with LaunchDarkly's token, if any, as the user's environment holds it, and standard input from a file, if any. */
  public Result run(String token, Path input, String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("run ./mvnw package first").exists();
    try (ServerSocket heldPort = new ServerSocket(0)) {
      List<String> command = new ArrayList<>(List.of(WRAPPER.toString()));
      command.addAll(List.of(args));
      Files.createDirectories(work);
      Path out = work.resolve("stdout");
      Path err = work.resolve("stderr");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.startsWith("LDAI_")
          || name.startsWith("QUARKUS_"));
      builder.environment().put("KUBECONFIG", work.resolve("no-kubeconfig").toString());
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().put("LDAI_LAUNCHDARKLY_BASE_URL", baseUrl);
      if (token != null) {
        builder.environment().put("LDAI_LAUNCHDARKLY_API_TOKEN", token);
      }
      if (input != null) {
        builder.redirectInput(input.toFile());
      }
      builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(heldPort.getLocalPort()));
      Process process = builder.start();
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ends").isTrue();
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
  }
}
