package dev.ldai.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Fails a component test (every {@code @QuarkusTest}; registered as a service, so no test has to opt in)
 * when the operator sent the stand-in a request LaunchDarkly's API description refuses.
 */
public class OperatorRequestsConform implements QuarkusTestAfterEachCallback, QuarkusTestAfterAllCallback {

  @Override
  public void afterEach(QuarkusTestMethodContext context) {
    assertNoneRefused(context.getTestMethod().getName());
  }

  /** Catches what arrived after the last test's check, from the operator still running in the background. */
  @Override
  public void afterAll(QuarkusTestContext context) {
    assertNoneRefused(context.getTestInstance() == null ? "the class" : context.getTestInstance().getClass().getSimpleName());
  }

  private static void assertNoneRefused(String during) {
    assertThat(OperatorRequestCheck.COMPONENT_TESTS.refusals())
        .as("requests the operator sent during %s that LaunchDarkly's API description refuses", during)
        .isEmpty();
  }
}
