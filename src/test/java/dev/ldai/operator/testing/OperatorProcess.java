package dev.ldai.operator.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged operator ({@code target/quarkus-app/quarkus-run.jar}, as the image runs it, in the production
 * profile) in a JVM of its own: to be stopped as a container is, and to have its memory measured alone —
 * resident set from {@code /proc/<pid>/status}, heap from its own {@code /q/metrics}, both sampled while it
 * runs once {@link #sampleMemory()} is called. The jar exists after {@code package}: tests that use this
 * run in the {@code integration-test} phase.
 */
public final class OperatorProcess implements AutoCloseable {

  /** JVM options for a short-lived operator in tests: it starts faster, on a machine whose cores are shared. */
  public static final List<String> QUICK_START_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final Pattern HEAP_USED =
      Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+]+)$", Pattern.MULTILINE);

  private final Process process;
  private final URI metrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong peakRss = new AtomicLong();
  private final AtomicLong peakHeap = new AtomicLong();
  private final Thread sampler;

  private OperatorProcess(Process process, int port) {
    this.process = process;
    this.metrics = URI.create("http://localhost:" + port + "/q/metrics");
    this.sampler = new Thread(this::sample, "operator-sampler");
    sampler.setDaemon(true);
  }

  /**
   * Starts the operator with the JVM options given and the application properties as system properties,
   * and waits until it answers its readiness check.
   */
  public static OperatorProcess start(List<String> jvmOptions, Map<String, String> properties, Path log)
      throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run ./mvnw -B verify, which packages it first");
    }
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dquarkus.http.port=" + port);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(JAR.toString());
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.startsWith("LDAI_"));
    OperatorProcess operator = new OperatorProcess(builder.start(), port);
    operator.awaitReady(URI.create("http://localhost:" + port + "/q/health/ready"), log);
    return operator;
  }

  /** Sends SIGTERM, as Kubernetes does to stop a container, and returns at once. */
  public void terminate() {
    process.destroy();
  }

  /** Whether the process ended within {@code timeout}. */
  public boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int exitValue() {
    return process.exitValue();
  }

  /** Samples resident set and heap from now on, for the peaks below. */
  public void sampleMemory() {
    sampler.start();
  }

  /** Starts a new measuring window: the peaks below are those seen since. */
  public void resetPeaks() {
    peakRss.set(0);
    peakHeap.set(0);
  }

  public long peakRssMb() {
    return peakRss.get() / (1024 * 1024);
  }

  public long peakHeapMb() {
    return peakHeap.get() / (1024 * 1024);
  }

  /** The highest resident set the process ever had (VmHWM). */
  public long lifetimePeakRssMb() {
    return procStatus("VmHWM:") / (1024 * 1024);
  }

  private void awaitReady(URI ready, Path log) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The operator exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> response =
            http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      pause(Duration.ofMillis(200));
    }
    throw new IllegalStateException("The operator was not ready within 2 minutes; see " + log);
  }

  private void sample() {
    while (!Thread.currentThread().isInterrupted() && process.isAlive()) {
      peakRss.accumulateAndGet(procStatus("VmRSS:"), Math::max);
      peakHeap.accumulateAndGet(heapUsed(), Math::max);
      pause(Duration.ofMillis(250));
    }
  }

  private long heapUsed() {
    try {
      String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher matcher = HEAP_USED.matcher(text);
      double sum = 0;
      while (matcher.find()) {
        sum += Double.parseDouble(matcher.group(1));
      }
      return (long) sum;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** A {@code /proc/<pid>/status} line in bytes, or 0 where /proc is not available. */
  private long procStatus(String field) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
          .filter(line -> line.startsWith(field))
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
          .findFirst().orElse(0L);
    } catch (IOException e) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    sampler.interrupt();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
