package dev.ldai.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPage;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.testing.LogCapture;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProjectPollerTest {

  static final ApiToken GOOD = ApiToken.of("api-good");
  static final ApiToken REVOKED = ApiToken.of("api-revoked");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

  final List<String> calls = new ArrayList<>();
  final Set<ApiToken> revoked = new HashSet<>(Set.of(REVOKED));
  final List<ProjectSnapshot> published = new ArrayList<>();

  /** A project with 250 configs, listed 100 at a time; revoked tokens are refused. */
  LaunchDarklyClient client(ApiToken token) {
    return (LaunchDarklyClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {LaunchDarklyClient.class},
        (proxy, method, args) -> {
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          calls.add(method.getName() + (args.length > 2 ? " " + args[2] : ""));
          if (revoked.contains(token)) {
            throw new LaunchDarklyException(401, "unauthorized", "Invalid access token", ErrorKind.UNAUTHORIZED);
          }
          return switch (method.getName()) {
            case "listConfigs" -> page((int) args[1], (int) args[2]);
            case "listModelConfigs" -> List.of(Serialization.unmarshal("{\"key\": \"m\", \"version\": 4}", LdModelConfig.class));
            default -> throw new UnsupportedOperationException(method.getName());
          };
        });
  }

  static LdAIConfigPage page(int limit, int offset) {
    String items = IntStream.range(offset, Math.min(offset + limit, 250))
        .mapToObj(i -> "{\"key\": \"c" + i + "\", \"version\": 1}")
        .collect(Collectors.joining(","));
    return Serialization.unmarshal("{\"items\": [" + items + "], \"totalCount\": 250}", LdAIConfigPage.class);
  }

  ProjectPoller poller() {
    // start() is not used here: the tests poll by hand, so no resync interval is needed.
    ProjectPoller poller = new ProjectPoller(this::client, null, CLOCK);
    poller.addListener(published::add);
    return poller;
  }

  @Test
  void aProjectCostsOneListingPer100ConfigsAndOneForModelConfigs() {
    ProjectPoller poller = poller();
    poller.watch(GOOD, "proj");
    poller.watch(GOOD, "proj");

    poller.pollAll();

    assertThat(calls).containsExactly("listConfigs 0", "listConfigs 100", "listConfigs 200", "listModelConfigs");
    assertThat(published).singleElement().satisfies(snapshot -> {
      assertThat(snapshot.configs()).hasSize(250);
      assertThat(snapshot.model("m")).get().extracting(LdModelConfig::version).isEqualTo(4);
      assertThat(snapshot.takenAt()).isEqualTo(CLOCK.instant());
    });
    assertThat(poller.latest(GOOD, "proj")).containsSame(published.get(0));
    assertThat(poller.latest(REVOKED, "proj")).isEmpty();
  }

  @Test
  void aRefusedTokenIsForgottenUntilAReconcileUsesItAgain() {
    ProjectPoller poller = poller();
    poller.watch(REVOKED, "proj");

    poller.pollAll();
    poller.pollAll();

    assertThat(calls).containsExactly("listConfigs 0");
    assertThat(published).isEmpty();
    assertThat(poller.latest(REVOKED, "proj")).isEmpty();
  }

  @Test
  void aTokenRevokedAfterAListingLeavesNoListingToStandInForReads() {
    ProjectPoller poller = poller();
    poller.watch(GOOD, "proj");
    poller.pollAll();
    assertThat(poller.latest(GOOD, "proj")).isPresent();

    revoked.add(GOOD);
    poller.pollAll();

    assertThat(poller.latest(GOOD, "proj")).isEmpty();
  }

  @Test
  void aFailingListenerIsLoggedAndKeepsNeitherTheListingNorTheOtherListenersFromIt() {
    ProjectPoller poller = new ProjectPoller(this::client, null, CLOCK);
    poller.addListener(snapshot -> {
      throw new IllegalStateException("listener broke");
    });
    poller.addListener(published::add);
    poller.watch(GOOD, "proj");

    try (LogCapture logs = LogCapture.install()) {
      poller.pollAll();
      poller.pollAll();

      assertThat(published).hasSize(2);
      assertThat(poller.latest(GOOD, "proj")).isPresent();
      assertThat(logs.lines(Level.WARNING)).hasSize(2).allMatch(line -> line.contains("proj") && line.contains("listener broke"));
    }
  }
}
