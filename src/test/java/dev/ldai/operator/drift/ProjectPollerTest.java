package dev.ldai.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.drift.ProjectSnapshot.Part;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPage;
import dev.ldai.operator.launchdarkly.api.LdAIToolPage;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPage;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPage;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.testing.LogCapture;
import dev.ldai.operator.testing.ManualClock;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProjectPollerTest {

  static final ApiToken GOOD = ApiToken.of("api-good");
  static final ApiToken GOOD_TOO = ApiToken.of("api-good-too");
  static final ApiToken REVOKED = ApiToken.of("api-revoked");
  static final ApiToken FAILING = ApiToken.of("api-failing");
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  final List<String> calls = new CopyOnWriteArrayList<>();
  /** Each listing's project, by token, in the order the listings began. */
  final List<String> listings = new CopyOnWriteArrayList<>();
  /** The threads that began a listing, in order. */
  final List<String> listingThreads = new CopyOnWriteArrayList<>();
  /** Threads whose listing waits at its first page until the latch opens. */
  final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
  final Set<ApiToken> revoked = new HashSet<>(Set.of(REVOKED));
  final List<ProjectSnapshot> published = new CopyOnWriteArrayList<>();
  /** How many more times each call (method and offset, as {@link #calls} names it) is refused with a 429. */
  final Map<String, Integer> rateLimited = new ConcurrentHashMap<>();

  /**
   * A project with 250 configs, listed 100 at a time; revoked tokens are refused, and the failing one gets
   * a 503 once its first page was asked for.
   */
  LaunchDarklyClient client(ApiToken token) {
    return (LaunchDarklyClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {LaunchDarklyClient.class},
        (proxy, method, args) -> {
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          calls.add(method.getName() + (args.length > 2 ? " " + args[2] : ""));
          if (method.getName().equals("listConfigs") && (int) args[2] == 0) {
            listings.add((token.equals(GOOD) ? "" : token.reveal() + ":") + args[0]);
            listingThreads.add(Thread.currentThread().getName());
            CountDownLatch hold = held.get(Thread.currentThread().getName());
            if (hold != null) {
              hold.await();
            }
          }
          if (rateLimited.merge(calls.get(calls.size() - 1), -1, Integer::sum) >= 0) {
            throw new LaunchDarklyException(429, "rate_limited", "Rate limit exceeded", ErrorKind.RATE_LIMITED);
          }
          if (revoked.contains(token)) {
            throw new LaunchDarklyException(401, "unauthorized", "Invalid access token", ErrorKind.UNAUTHORIZED);
          }
          if (token.equals(FAILING)) {
            throw new LaunchDarklyException(503, "service_unavailable", "Try again", ErrorKind.TRANSIENT);
          }
          return switch (method.getName()) {
            case "listConfigs" -> page((int) args[1], (int) args[2]);
            case "listModelConfigs" -> List.of(Serialization.unmarshal("{\"key\": \"m\", \"version\": 4}", LdModelConfig.class));
            case "listTools" -> Serialization.unmarshal("{\"items\": [{\"key\": \"t\", \"version\": 2}], \"totalCount\": 1}",
                LdAIToolPage.class);
            case "listPromptSnippets" -> Serialization.unmarshal("{\"items\": [], \"totalCount\": 0}", LdPromptSnippetPage.class);
            case "listAgentGraphs" -> Serialization.unmarshal(
                "{\"items\": [{\"key\": \"g\", \"name\": \"G\", \"updatedAt\": 7}], \"totalCount\": 1}", LdAgentGraphPage.class);
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
    poller.watch(GOOD, "proj", "uid-1");
    poller.watch(GOOD, "proj", "uid-2");

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
  void toolsAreListedOnlyWhileAResourceNeedsThemAndALackingListingIsNotGivenToOne() {
    ProjectPoller poller = poller();
    poller.watch(GOOD, "proj", "uid-config");
    poller.pollAll();
    assertThat(calls).doesNotContain("listTools 0", "listPromptSnippets 0");

    poller.watch(GOOD, "proj", "uid-tool", Set.of(Part.TOOLS));
    calls.clear();
    ProjectSnapshot listing = poller.listing(GOOD, "proj");

    assertThat(calls).contains("listTools 0").doesNotContain("listPromptSnippets 0");
    assertThat(listing.lists(Part.TOOLS)).isTrue();
    assertThat(listing.tool("t")).isPresent();

    poller.forget("uid-tool");
    calls.clear();
    poller.pollAll();
    assertThat(calls).doesNotContain("listTools 0");
    assertThat(poller.latest(GOOD, "proj")).get().extracting(snapshot -> snapshot.lists(Part.TOOLS)).isEqualTo(false);
  }

  @Test
  void aPageOrTheModelConfigsRefusedWithA429AreAskedAgainAndTheListingIsKept() {
    ProjectPoller poller = poller();
    poller.watch(GOOD, "proj", "uid-1");
    rateLimited.put("listConfigs 100", 2);
    rateLimited.put("listModelConfigs", 1);

    ProjectSnapshot listing = poller.listing(GOOD, "proj");

    assertThat(listing.configs()).hasSize(250);
    assertThat(calls).containsExactly("listConfigs 0", "listConfigs 100", "listConfigs 100", "listConfigs 100",
        "listConfigs 200", "listModelConfigs", "listModelConfigs");
  }

  @Test
  void aPageRefusedAtEveryAttemptFailsTheListing() {
    ProjectPoller poller = poller();
    poller.watch(GOOD, "proj", "uid-1");
    rateLimited.put("listConfigs 100", LaunchDarklyClient.READ_ATTEMPTS);

    LaunchDarklyException refused = catchThrowableOfType(LaunchDarklyException.class, () -> poller.listing(GOOD, "proj"));

    assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(calls).filteredOn("listConfigs 100"::equals).hasSize(LaunchDarklyClient.READ_ATTEMPTS);
    assertThat(poller.latest(GOOD, "proj")).isEmpty();
  }

  @Test
  void agentGraphsAreListedOnlyForAProjectWhereAResourceNeedsThem() {
    ProjectPoller poller = poller();
    poller.watch(GOOD, "proj", "uid-config");
    poller.watch(GOOD, "other", "uid-graph", Set.of(Part.AGENT_GRAPHS));

    poller.pollAll();

    assertThat(calls).containsOnlyOnce("listAgentGraphs 0");
    assertThat(poller.latest(GOOD, "other")).get().satisfies(listing -> {
      assertThat(listing.lists(Part.AGENT_GRAPHS)).isTrue();
      assertThat(listing.agentGraph("g")).get().extracting(LdAgentGraph::updatedAt).isEqualTo(7L);
      assertThat(listing.lists(Part.TOOLS)).isFalse();
    });
    assertThat(poller.latest(GOOD, "proj")).get().extracting(listing -> listing.lists(Part.AGENT_GRAPHS)).isEqualTo(false);
  }

  @Test
  void aRefusedTokenIsForgottenUntilAReconcileUsesItAgain() {
    ProjectPoller poller = poller();
    poller.watch(REVOKED, "proj", "uid-1");

    poller.pollAll();
    poller.pollAll();

    assertThat(calls).containsExactly("listConfigs 0");
    assertThat(published).isEmpty();
    assertThat(poller.latest(REVOKED, "proj")).isEmpty();
    assertThat(poller.resources()).isEmpty();
  }

  @Test
  void aTokenRevokedAfterAListingLeavesNoListingToStandInForReads() {
    ProjectPoller poller = poller();
    poller.watch(GOOD, "proj", "uid-1");
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
    poller.watch(GOOD, "proj", "uid-1");

    try (LogCapture logs = LogCapture.install()) {
      poller.pollAll();
      poller.pollAll();

      assertThat(published).hasSize(2);
      assertThat(poller.latest(GOOD, "proj")).isPresent();
      assertThat(logs.lines(Level.WARNING)).hasSize(2).allMatch(line -> line.contains("proj") && line.contains("listener broke"));
    }
  }

  @Test
  void onlyProjectsThatSomeResourceStillNeedsAreListed() {
    ProjectPoller poller = poller();
    poller.watch(GOOD, "a", "uid-1");
    poller.watch(GOOD, "b", "uid-2");
    poller.watch(GOOD, "b", "uid-3");
    poller.pollAll();
    assertThat(listings).containsExactlyInAnyOrder("a", "b");

    poller.forget("uid-1");
    poller.forget("uid-2");
    listings.clear();
    poller.pollAll();

    assertThat(listings).containsExactly("b");
    assertThat(poller.latest(GOOD, "a")).as("dropped with its last resource").isEmpty();
    assertThat(poller.latest(GOOD, "b")).isPresent();
    assertThat(poller.resources()).containsExactly("uid-3");

    poller.forget("uid-3");
    listings.clear();
    poller.pollAll();

    assertThat(listings).isEmpty();
    assertThat(poller.latest(GOOD, "b")).isEmpty();
  }

  @Test
  void aResourceThatUsesAnotherProjectOrTokenLeavesTheOldOne() {
    ProjectPoller poller = poller();
    poller.watch(GOOD, "a", "uid-1");
    poller.pollAll();

    poller.watch(GOOD, "b", "uid-1");
    assertThat(poller.latest(GOOD, "a")).isEmpty();
    poller.pollAll();
    poller.watch(GOOD_TOO, "b", "uid-1");
    poller.pollAll();

    assertThat(listings).containsExactly("a", "b", "api-good-too:b");
    assertThat(poller.latest(GOOD, "b")).isEmpty();
    assertThat(poller.latest(GOOD_TOO, "b")).isPresent();
  }

  @Test
  void aListingAskedForIsTheLatestOrOneMadeNowAndIsAnnouncedAsAPollsIs() {
    ProjectPoller poller = poller();

    ProjectSnapshot listed = poller.listing(GOOD, "proj");

    assertThat(listings).containsExactly("proj");
    assertThat(listingThreads).containsExactly(Thread.currentThread().getName());
    assertThat(published).containsExactly(listed);
    assertThat(poller.latest(GOOD, "proj")).containsSame(listed);
    assertThat(poller.listing(GOOD, "proj")).isSameAs(listed);
    assertThat(listings).hasSize(1);

    poller.pollAll();
    assertThat(poller.latest(GOOD, "proj")).as("no resource needs it: kept until the next poll").isEmpty();
    assertThat(listings).hasSize(1);
  }

  @Test
  void concurrentCallersShareTheListingInFlight() throws Exception {
    ProjectPoller poller = poller();
    CountDownLatch release = hold("first");
    Caller first = call("first", () -> poller.listing(GOOD, "proj"));
    await().until(() -> listingThreads.contains("first"));

    Caller second = call("second", () -> poller.listing(GOOD, "proj"));
    await().until(() -> second.thread().getState() == Thread.State.WAITING);
    assertThat(listingThreads).containsExactly("first");
    release.countDown();

    assertThat(second.result().get()).isSameAs(first.result().get());
    assertThat(listings).hasSize(1);
    assertThat(published).containsExactly(first.result().get());
  }

  @Test
  void aListingInFlightWithoutAPartACallerNowNeedsIsFollowedByOneWithIt() throws Exception {
    ProjectPoller poller = poller();
    poller.watch(GOOD, "proj", "uid-config");
    CountDownLatch release = hold("first");
    Caller first = call("first", () -> poller.listing(GOOD, "proj"));
    await().until(() -> listingThreads.contains("first"));
    poller.watch(GOOD, "proj", "uid-tool", Set.of(Part.TOOLS));

    Caller second = call("second", () -> poller.listing(GOOD, "proj"));
    await().until(() -> second.thread().getState() == Thread.State.WAITING);
    release.countDown();

    assertThat(second.result().get().lists(Part.TOOLS)).isTrue();
    assertThat(second.result().get().tool("t")).isPresent();
    assertThat(first.result().get().lists(Part.TOOLS)).as("its caller's project now needs them too").isTrue();
  }

  @Test
  void aFailedListingIsThrownToEveryCallerThatWaitedForIt() {
    ProjectPoller poller = poller();
    CountDownLatch release = hold("first");
    Caller first = call("first", () -> poller.listing(FAILING, "proj"));
    await().until(() -> listingThreads.contains("first"));
    Caller second = call("second", () -> poller.listing(FAILING, "proj"));
    await().until(() -> second.thread().getState() == Thread.State.WAITING);

    release.countDown();

    for (Caller caller : List.of(first, second)) {
      assertThatThrownBy(() -> caller.result().get()).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(LaunchDarklyException.class).hasMessageContaining("503");
    }
    assertThat(listings).hasSize(1);
    assertThat(poller.latest(FAILING, "proj")).isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void aRelistBeginsAfterTheCallAndTheLaterListingStaysTheLatest() throws Exception {
    ManualClock clock = new ManualClock(T0);
    ProjectPoller poller = new ProjectPoller(this::client, null, clock);
    poller.addListener(published::add);
    CountDownLatch release = hold("earlier");
    Caller earlier = call("earlier", () -> poller.listing(GOOD, "proj"));
    await().until(() -> listingThreads.contains("earlier"));
    clock.advance(Duration.ofSeconds(1));

    ProjectSnapshot relisted = poller.relist(GOOD, "proj");

    assertThat(listingThreads).containsExactly("earlier", Thread.currentThread().getName());
    assertThat(relisted.takenAt()).isEqualTo(T0.plusSeconds(1));
    release.countDown();
    assertThat(earlier.result().get().takenAt()).isEqualTo(T0);
    assertThat(poller.latest(GOOD, "proj")).containsSame(relisted);
    assertThat(published).as("the earlier listing, finished last, is not news").containsExactly(relisted);
    assertThat(poller.relist(GOOD, "proj")).isNotSameAs(relisted);
    assertThat(listings).hasSize(3);
  }

  /** A caller in a thread of its own, named so that {@link #hold} can stop its listing. */
  record Caller(Thread thread, FutureTask<ProjectSnapshot> result) {}

  static Caller call(String name, Callable<ProjectSnapshot> call) {
    FutureTask<ProjectSnapshot> result = new FutureTask<>(call);
    Thread thread = new Thread(result, name);
    thread.setDaemon(true);
    thread.start();
    return new Caller(thread, result);
  }

  /** The listing the named thread begins waits at its first page until the latch is counted down. */
  CountDownLatch hold(String threadName) {
    CountDownLatch release = new CountDownLatch(1);
    held.put(threadName, release);
    return release;
  }
}
