package dev.ldai.operator.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.testing.OperatorApiServer;
import dev.ldai.operator.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * How the packaged operator ends, run as the image runs it (production profile, leader election on a
 * Lease) against the mock API server: stopped by Kubernetes with SIGTERM, it exits within seconds and hands
 * its Lease over; losing its Lease while running, it exits by itself with a non-zero code. Runs after
 * {@code package} (surefire execution {@code packaged-operator}); the operator's log is under
 * {@code target/packaged-operator/}.
 */
class LeaderElectionTest {

  static final String NAMESPACE = "ldai-system";
  static final String LEASE = "ldai-operator";
  static final Duration EXIT_BOUND = Duration.ofSeconds(10);
  static final Duration LEADING_BOUND = Duration.ofSeconds(30);

  OperatorApiServer apiServer;
  LaunchDarklyStandIn launchDarkly;
  OperatorProcess operator;

  @BeforeEach
  void startLeadingOperator(TestInfo test) throws IOException {
    apiServer = OperatorApiServer.start();
    launchDarkly = LaunchDarklyStandIn.start();
    Map<String, String> properties = apiServer.operatorProperties(NAMESPACE);
    properties.put("ldai.leader-election.lease-name", LEASE);
    properties.put("ldai.launchdarkly.base-url", launchDarkly.baseUrl());
    properties.put("ldai.launchdarkly.api-token", LaunchDarklyStandIn.DEFAULT_TOKEN);
    operator = OperatorProcess.start(OperatorProcess.QUICK_START_JVM, properties,
        Path.of("target", "packaged-operator", test.getTestMethod().orElseThrow().getName() + ".log"));
    await().atMost(LEADING_BOUND).until(() -> holder().isPresent());
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    operator.close();
    launchDarkly.close();
    apiServer.close();
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
    apiServer.client().resources(Lease.class).inNamespace(NAMESPACE).withName(LEASE).edit(lease -> {
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
    return apiServer.client().resources(Lease.class).inNamespace(NAMESPACE).withName(LEASE).get();
  }

  private Optional<String> holder() {
    return Optional.ofNullable(lease())
        .map(lease -> lease.getSpec().getHolderIdentity())
        .filter(holder -> !holder.isEmpty());
  }
}
