package dev.ldai.operator.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver (with etcd) through Fabric8's kube-api-test, started once per test JVM on first use
 * and stopped when the JVM ends. It runs what the mock API server does not: CRD schemas and CEL rules with
 * their cost estimation, admission, field formats, RBAC. Every request it serves is written to an audit log
 * ({@link #audit()}), so tests can see what a client sent.
 *
 * <p>Binaries: from {@code ../shared/kube-api-test} when that folder exists (offline, through symbolic links
 * in {@code target/kube-api-test}, since the shared folder may be read-only); otherwise kube-api-test
 * downloads them as it normally does. Where neither works, {@link #orSkip()} skips the test with one line;
 * with the shared folder present a failure to start is a test failure, never a skip (CI relies on it).
 */
public final class RealApiServer {

  public static final String VERSION = "1.28.7";
  static final Path SHARED_BINARIES = Path.of("..", "shared", "kube-api-test", "k8s", VERSION + "-linux-amd64");
  static final Path TEST_DIR = Path.of("target", "kube-api-test").toAbsolutePath();
  /** Tests that ran on the real server, one line each; {@code .ci/run} fails when it is missing. */
  static final Path RAN = TEST_DIR.resolve("tests-ran.txt");
  private static final List<String> BINARIES = List.of("etcd", "kube-apiserver", "kubectl");

  private static RealApiServer shared;
  private static String unavailable;

  private final KubeAPIServer server;
  private final KubernetesClient client;
  private final AuditLog audit;
  private boolean crdsInstalled;

  private RealApiServer(KubeAPIServer server, AuditLog audit) {
    this.server = server;
    this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
    this.audit = audit;
  }

  /** The server of this JVM, started on first use; a test that cannot have one is skipped (or, in CI, fails). */
  public static synchronized RealApiServer orSkip() {
    if (shared == null && unavailable == null) {
      start();
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(shared != null, () -> "No real API server: " + unavailable);
    return shared;
  }

  /** Whether this machine has the binaries of {@code ../shared}, so that the real-server tests must run. */
  private static boolean required() {
    return Files.isDirectory(SHARED_BINARIES);
  }

  private static void start() {
    boolean offline = required();
    try {
      Files.createDirectories(TEST_DIR);
      if (offline) {
        linkSharedBinaries();
      }
      AuditLog audit = AuditLog.in(TEST_DIR.resolve("audit"));
      KubeAPIServerConfigBuilder builder = KubeAPIServerConfigBuilder.anAPIServerConfig()
          .withApiServerVersion(VERSION)
          .withOfflineMode(offline)
          .withUpdateKubeConfig(false)
          .withApiServerFlags(audit.apiServerFlags());
      if (offline) {
        builder.withTestDir(TEST_DIR.toString());
      }
      KubeAPIServer server = new KubeAPIServer(builder.build());
      server.start();
      shared = new RealApiServer(server, audit);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "real-api-server-stop"));
    } catch (RuntimeException | IOException e) {
      if (offline) {
        throw new IllegalStateException("The real API server of " + SHARED_BINARIES + " did not start", e);
      }
      unavailable = "kube-api-test could not start kube-apiserver " + VERSION + " (" + e.getMessage() + ")";
      System.err.println("[real API server] " + unavailable + "; the tests that need it are skipped");
    }
  }

  private static void linkSharedBinaries() throws IOException {
    Path binaries = TEST_DIR.resolve("k8s").resolve(VERSION + "-linux-amd64");
    Files.createDirectories(binaries);
    for (String binary : BINARIES) {
      Path link = binaries.resolve(binary);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, SHARED_BINARIES.resolve(binary).toAbsolutePath());
    }
  }

  private void stop() {
    client.close();
    server.stop();
  }

  /** A client with the server's administrator credentials (group system:masters). */
  public KubernetesClient client() {
    return client;
  }

  /** A kubeconfig for the administrator, as a process outside this JVM needs it. */
  public String kubeConfigYaml() {
    return server.getKubeConfigYaml();
  }

  /**
   * Installs (or replaces) the committed CRDs of {@code crds/} once per JVM and waits until they are
   * established, for tests that create the operator's resources.
   */
  public synchronized RealApiServer withCrds() {
    if (!crdsInstalled) {
      List<CustomResourceDefinition> crds = Crds.committed();
      for (CustomResourceDefinition crd : crds) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(NonDeletingOperation::update);
      }
      for (CustomResourceDefinition crd : crds) {
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(Crds::established, 30, TimeUnit.SECONDS);
      }
      crdsInstalled = true;
    }
    return this;
  }

  public AuditLog audit() {
    return audit;
  }

  /** Records that {@code test} ran here, for {@code .ci/run}'s check that the real-server tests did run. */
  static void recordRan(String test) {
    try {
      Files.createDirectories(TEST_DIR);
      Files.writeString(RAN, test + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
