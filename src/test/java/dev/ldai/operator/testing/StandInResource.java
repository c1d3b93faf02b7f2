package dev.ldai.operator.testing;

import dev.ldai.operator.standin.LaunchDarklyStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Serves the in-memory LaunchDarkly stand-in over HTTP on loopback for the whole test run, points the
 * operator at it with an operator-wide token, and shortens the resync interval so drift tests are quick.
 * Every request it receives is validated against LaunchDarkly's API description ({@link OperatorRequestCheck}).
 */
public class StandInResource implements QuarkusTestResourceLifecycleManager {

  /** How often the operator re-reads LaunchDarkly in tests. */
  public static final String RESYNC_INTERVAL = "1s";

  private LaunchDarklyStandIn standIn;

  @Override
  public Map<String, String> start() {
    standIn = LaunchDarklyStandIn.start();
    OperatorRequestCheck.COMPONENT_TESTS.watch(standIn);
    return Map.of(
        "ldai.launchdarkly.base-url", standIn.baseUrl(),
        "ldai.launchdarkly.api-token", LaunchDarklyStandIn.DEFAULT_TOKEN,
        "ldai.resync-interval", RESYNC_INTERVAL);
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        standIn,
        new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, LaunchDarklyStandIn.class));
  }

  @Override
  public void stop() {
    if (standIn != null) {
      standIn.close();
    }
  }
}
