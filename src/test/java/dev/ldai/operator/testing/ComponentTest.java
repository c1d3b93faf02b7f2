package dev.ldai.operator.testing;

import static org.awaitility.Awaitility.await;

import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.Route;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.QuarkusTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A component test: the application's operator against the mock Kubernetes API and the LaunchDarkly
 * stand-in over HTTP. Each test starts from an empty stand-in, works in its class's own namespace
 * ({@link #cluster}) and ends by deleting what it made there; a subclass's own clean-up runs first.
 */
@QuarkusTestResource(KubernetesMockServerResource.class)
@QuarkusTestResource(StandInResource.class)
public abstract class ComponentTest {

  @InjectStandIn protected LaunchDarklyStandIn launchDarkly;
  @Inject protected KubernetesClient kubernetes;
  @Inject protected Operator applicationOperator;
  protected Cluster cluster;

  @BeforeEach
  void startFromAnEmptyStandIn() {
    cluster = new Cluster(kubernetes, getClass());
    launchDarkly.reset();
    if (applicationOperator.getRuntimeInfo().isStarted()) {
      await().atMost(Cluster.TIMEOUT).until(() -> InformersWatching.of(applicationOperator));
    }
  }

  @AfterEach
  void deleteWhatTheTestMade() {
    launchDarkly.reset();
    cluster.deleteAllAndAwait();
  }

  /** Waits for {@code polls} more listings of the project by the project poller. */
  protected void awaitPolls(int polls) {
    awaitCalls("GET", Route.CONFIGS, polls);
  }

  /** Waits until the stand-in has received {@code calls} more calls of {@code method} on {@code route}. */
  protected void awaitCalls(String method, Route route, int calls) {
    long before = launchDarkly.count(method, route);
    await().atMost(Duration.ofSeconds(15)).until(() -> launchDarkly.count(method, route) >= before + calls);
  }
}
