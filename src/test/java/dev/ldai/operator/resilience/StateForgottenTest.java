package dev.ldai.operator.resilience;

import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.targeting;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.DeletionPolicy;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.drift.ProjectPoller;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.targeting.AIConfigTargetingReconciler;
import dev.ldai.operator.targeting.KnownTargetings;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.testing.Convergence;
import dev.ldai.operator.variation.AIConfigVariation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * 1,000 resources over 50 projects are created and deleted through the operator; afterwards nothing the
 * process kept for them is left, and no project is listed any more. Each project gets: two model configs
 * whose creates LaunchDarkly keeps refusing with 503 (they are in backoff when deleted), four AI Configs
 * deleted in LaunchDarkly, one retained, one observing another's key, one paused, one claiming the retained
 * one's key (the younger of the two is refused as a conflict), eight variations, and the targeting of one
 * config in both environments.
 */
@QuarkusTest
class StateForgottenTest extends ComponentTest {

  static final int PROJECTS = 50;
  static final ApiToken TOKEN = ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN);
  /** Per project: every resource but the paused config and the conflicting one of a pair. */
  static final int READY_PER_PROJECT = 16;
  static final Duration CONVERGENCE = Duration.ofSeconds(90);

  @Inject ProjectPoller poller;
  @Inject ReconcileSupport support;
  @Inject AIConfigTargetingReconciler targetingReconciler;

  @Test
  void createdAndDeletedResourcesLeaveNoStateAndNoProjectListed() {
    List<String> projects = IntStream.range(0, PROJECTS).mapToObj(i -> "forget-%02d".formatted(i)).toList();
    projects.forEach(launchDarkly::addProject);
    launchDarkly.failRandomly(Route.MODEL_CONFIGS, "POST", 1.0, 503);
    List<HasMetadata> manifests = projects.stream().flatMap(project -> manifests(project).stream()).toList();
    assertThat(manifests).hasSize(1_000);

    Set<String> ours = manifests.stream().map(cluster::create).map(r -> r.getMetadata().getUid()).collect(Collectors.toSet());
    await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).until(() -> ready() == PROJECTS * READY_PER_PROJECT);
    await().atMost(CONVERGENCE).until(() -> projects.stream().allMatch(project -> poller.latest(TOKEN, project).isPresent()));
    Set<String> failingModelConfigs = uids(AIModelConfig.class);
    assertThat(failingModelConfigs).hasSize(2 * PROJECTS);
    assertThat(poller.resources()).as("every resource that got as far as LaunchDarkly")
        .containsAll(readyUids()).containsAll(failingModelConfigs).doesNotContainAnyElementsOf(pausedUids());
    assertThat(support.backoff().resources()).containsAll(failingModelConfigs);
    await().atMost(CONVERGENCE).until(() -> KnownTargetings.of(targetingReconciler) > 0);

    // No poll while they are deleted: what is forgotten, their cleanups forgot.
    poller.stop();
    try {
      cluster.deleteAllAndAwait();
      assertThat(only(ours, poller.resources())).isEmpty();
      assertThat(only(ours, support.backoff().resources())).isEmpty();
      assertThat(only(ours, support.resourcesRemembered())).isEmpty();
    } finally {
      poller.start();
    }

    long listingsBefore = launchDarkly.count("GET", Route.CONFIGS);
    AtomicInteger pollsBegun = new AtomicInteger();
    poller.beforeEachPoll(pollsBegun::incrementAndGet);
    await().atMost(CONVERGENCE).until(() -> pollsBegun.get() >= 2);
    assertThat(launchDarkly.count("GET", Route.CONFIGS)).as("listings in a whole poll").isEqualTo(listingsBefore);
    assertThat(projects).allSatisfy(project -> assertThat(poller.latest(TOKEN, project)).isEmpty());
    assertThat(poller.resources()).isEmpty();
    assertThat(support.resourcesRemembered()).isEmpty();
    await().atMost(CONVERGENCE).until(() -> KnownTargetings.of(targetingReconciler) == 0);
  }

  private static List<HasMetadata> manifests(String project) {
    List<HasMetadata> manifests = new ArrayList<>();
    for (int m = 0; m < 2; m++) {
      manifests.add(modelConfig(project + "-m" + m, spec -> spec.setProjectKey(project)));
    }
    for (int c = 0; c < 4; c++) {
      manifests.add(aiConfig(project + "-c" + c, spec -> spec.setProjectKey(project)));
    }
    manifests.add(aiConfig(project + "-retained", spec -> {
      spec.setProjectKey(project);
      spec.setDeletionPolicy(DeletionPolicy.Retain);
    }));
    manifests.add(aiConfig(project + "-observer", spec -> {
      spec.setProjectKey(project);
      spec.setKey(project + "-c0");
      spec.setManagementPolicy(ManagementPolicy.Observe);
    }));
    AIConfig paused = aiConfig(project + "-paused", spec -> spec.setProjectKey(project));
    paused.getMetadata().setAnnotations(Map.of(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED));
    manifests.add(paused);
    manifests.add(aiConfig(project + "-claimant", spec -> {
      spec.setProjectKey(project);
      spec.setKey(project + "-retained");
    }));
    for (int v = 0; v < 8; v++) {
      String parent = project + "-c" + (v % 3);
      manifests.add(variation(project + "-v" + v, parent, spec -> {}));
    }
    manifests.add(targeting(project + "-production", project + "-c0", "production", spec -> {}));
    manifests.add(targeting(project + "-test", project + "-c0", "test", spec -> {}));
    return manifests;
  }

  private long ready() {
    return readyUids().size();
  }

  private Set<String> readyUids() {
    return Stream.of(AIModelConfig.class, AIConfig.class, AIConfigVariation.class, AIConfigTargeting.class)
        .flatMap(kind -> kubernetes.resources(kind).inNamespace(cluster.namespace()).list().getItems().stream())
        .filter(Convergence::readyAtItsGeneration)
        .map(resource -> resource.getMetadata().getUid())
        .collect(Collectors.toSet());
  }

  private Set<String> pausedUids() {
    return kubernetes.resources(AIConfig.class).inNamespace(cluster.namespace()).list().getItems().stream()
        .filter(ManagementPolicy::isPaused).map(config -> config.getMetadata().getUid()).collect(Collectors.toSet());
  }

  private Set<String> uids(Class<? extends HasMetadata> kind) {
    return kubernetes.resources(kind).inNamespace(cluster.namespace()).list().getItems().stream()
        .map(r -> r.getMetadata().getUid()).collect(Collectors.toSet());
  }

  private static Set<String> only(Set<String> ours, Set<String> uids) {
    Set<String> both = new HashSet<>(uids);
    both.retainAll(ours);
    return both;
  }
}
