package dev.ldai.operator.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.helm.ChartIdentity;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.OnRealApiServer;
import dev.ldai.operator.testing.OperatorProcess;
import dev.ldai.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * How the packaged operator ends, run as the image runs it (production profile, leader election on a
 * Lease) against the real API server, as the chart's ServiceAccount: stopped by Kubernetes with SIGTERM, it
 * exits within seconds and hands its Lease over; losing its Lease while running, it exits by itself with a
 * non-zero code. Runs after {@code package} (surefire execution {@code packaged-operator}); the operator's log
 * is under {@code target/packaged-operator/}.
 */
@OnRealApiServer
class LeaderElectionTest {

  static final Duration EXIT_BOUND = Duration.ofSeconds(10);
  static final Duration LEADING_BOUND = Duration.ofSeconds(30);

  static RealApiServer server;
  static Cluster cluster;
  static ChartIdentity identity;

  LaunchDarklyStandIn launchDarkly;
  OperatorProcess operator;

  @BeforeAll
  static void installTheChartsServiceAccount() {
    server = RealApiServer.orSkip().withCrds();
    cluster = new Cluster(server.client(), LeaderElectionTest.class);
    identity = ChartIdentity.render(cluster.namespace());
    identity.apply(server.client());
  }

  @AfterAll
  static void removeTheChartsServiceAccount() {
    if (identity != null) {
      identity.delete(server.client());
    }
  }

  @BeforeEach
  void startLeadingOperator(TestInfo test) throws IOException {
    launchDarkly = LaunchDarklyStandIn.start();
    Path log = Path.of("target", "packaged-operator", test.getTestMethod().orElseThrow().getName() + ".log");
    Map<String, String> properties = new TreeMap<>(identity.operatorProperties(server, log.resolveSibling(
        "LeaderElectionTest.kubeconfig")));
    properties.put("ldai.launchdarkly.base-url", launchDarkly.baseUrl());
    properties.put("ldai.launchdarkly.api-token", LaunchDarklyStandIn.DEFAULT_TOKEN);
    operator = OperatorProcess.start(OperatorProcess.QUICK_START_JVM, properties, log);
    await().atMost(LEADING_BOUND).until(() -> holder().isPresent());
  }

  /** A real server keeps the Lease: each test's operator starts from none, as the mock server's did. */
  @AfterEach
  void stopAll() throws InterruptedException {
    operator.close();
    launchDarkly.close();
    server.client().leases().inNamespace(cluster.namespace()).withName(identity.leaseName()).delete();
  }

  @Test
  void sigtermEndsTheOperatorWithinSecondsAndReleasesItsLease() throws InterruptedException {
    operator.terminate();

    assertThat(operator.awaitExit(EXIT_BOUND)).as("exited within %s of SIGTERM", EXIT_BOUND).isTrue();
    assertThat(holder()).as("the Lease's holder after the operator stopped").isEmpty();
    assertThat(lease().getSpec().getLeaseDurationSeconds()).isEqualTo(1);
  }

  @Test
  void losingTheLeaseWhileRunningEndsTheOperatorWithANonZeroCode() throws InterruptedException {
    ZonedDateTime now = ZonedDateTime.now();
    server.client().resources(Lease.class).inNamespace(cluster.namespace()).withName(identity.leaseName()).edit(lease -> {
      lease.getSpec().setHolderIdentity("another-replica");
      lease.getSpec().setAcquireTime(now);
      lease.getSpec().setRenewTime(now);
      return lease;
    });

    assertThat(operator.awaitExit(EXIT_BOUND)).as("exited within %s of losing the Lease", EXIT_BOUND).isTrue();
    assertThat(operator.exitValue()).isNotZero();
    assertThat(holder()).contains("another-replica");
  }

  private Lease lease() {
    return server.client().resources(Lease.class).inNamespace(cluster.namespace()).withName(identity.leaseName()).get();
  }

  private Optional<String> holder() {
    return Optional.ofNullable(lease())
        .map(lease -> lease.getSpec().getHolderIdentity())
        .filter(holder -> !holder.isEmpty());
  }
}
