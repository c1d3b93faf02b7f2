package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.drift.ProjectPoller;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPage;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The reconcilers' support forgets a resource in every per-resource state, the poller's included. */
class ForgetEverywhereTest {

  static final ApiToken TOKEN = ApiToken.of("api-token");

  final List<String> listed = new CopyOnWriteArrayList<>();
  final LdaiConfig config = new SmallRyeConfigBuilder()
      .withMapping(LdaiConfig.class)
      .withConverter(Duration.class, 200, new DurationConverter())
      .build()
      .getConfigMapping(LdaiConfig.class);
  final ProjectPoller poller = new ProjectPoller(this::client, config, Clock.systemUTC());
  final ReconcileSupport support = new ReconcileSupport(this::client, null, config, Clock.systemUTC(), null, poller);
  final Set<String> inTheCache = new HashSet<>(Set.of("a-1", "b-1"));

  /** Every project is empty; listing one is recorded. */
  LaunchDarklyClient client(ApiToken token) {
    return (LaunchDarklyClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {LaunchDarklyClient.class},
        (proxy, method, args) -> {
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          return switch (method.getName()) {
            case "listConfigs" -> {
              listed.add((String) args[0]);
              yield Serialization.unmarshal("{\"items\": [], \"totalCount\": 0}", LdAIConfigPage.class);
            }
            case "listModelConfigs" -> List.of();
            default -> throw new UnsupportedOperationException(method.getName());
          };
        });
  }

  @Test
  void aResourceWhoseFinalizerIsRemovedIsForgottenEverywhere() {
    support.addLiveResources(AIConfig.class, inTheCache::stream);
    Set<String> kindState = support.perResource(new ResourceStatesTest.Kept()).uids;
    poller.watch(TOKEN, "a", "a-1");
    poller.watch(TOKEN, "b", "b-1");
    support.backoff().nextDelay("a-1");
    kindState.add("a-1");

    support.forget("a-1");

    assertThat(support.resourcesRemembered()).containsExactly("b-1");
    poller.pollAll();
    assertThat(listed).containsExactly("b");
  }

  @Test
  void beforeEachPollResourcesNoCacheHasAreForgottenAndTheirProjectsNotListed() {
    support.addLiveResources(AIConfig.class, inTheCache::stream);
    poller.watch(TOKEN, "a", "a-1");
    poller.watch(TOKEN, "b", "b-1");
    support.backoff().nextDelay("b-1");
    poller.pollAll();
    assertThat(listed).containsExactlyInAnyOrder("a", "b");

    // Deleted without a cleanup: its finalizer was removed by hand.
    inTheCache.remove("b-1");
    listed.clear();
    poller.pollAll();

    assertThat(listed).containsExactly("a");
    assertThat(support.resourcesRemembered()).containsExactly("a-1");
    assertThat(support.backoff().resources()).isEmpty();
    assertThat(poller.latest(TOKEN, "b")).isEmpty();
  }
}
