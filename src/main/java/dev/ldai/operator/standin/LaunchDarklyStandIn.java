package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * An in-memory LaunchDarkly AI Configs API, AI tools, prompt snippets and agent graphs included, served over
 * HTTP on loopback, for tests, benchmarks and dev mode. Faithful to LaunchDarkly's API description: status codes,
 * {@code {code, message}} errors, raw token authorization, request bodies checked by its request schemas,
 * version history, refusals, pagination with sort and filter, targeting per environment changed by
 * semantic patches, the variations pinning each tool and snippet version, and rate-limit headers. Test
 * hooks: a call log with counters and listeners, seeds and direct edits "behind the operator's back",
 * injected faults (including stale reads), the order of versions, and {@link #reset()}. Thread-safe.
 */
public final class LaunchDarklyStandIn implements AutoCloseable {

  /** The token accepted after every {@link #reset()}. */
  public static final String DEFAULT_TOKEN = "api-standin-token";
  private static final long DEFAULT_FAULT_SEED = 20240415L;
  /** Calls kept in the log for tests and the benchmark, which read the calls of a whole test or scenario. */
  public static final int CALLS_KEPT = 100_000;
  /** In dev mode nothing reads the log, and the operator may run for days: only the last calls are kept. */
  public static final int CALLS_KEPT_IN_DEV_MODE = 1_000;

  private final Clock clock;
  private final StandInStore store;
  private final Faults faults = new Faults();
  private final RateLimits rateLimits;
  private final CallLog calls;
  private final StaleReads staleReads;
  private final Endpoints endpoints;
  private final StandInServer server;
  private volatile SplittableRandom random = new SplittableRandom(DEFAULT_FAULT_SEED);

  private LaunchDarklyStandIn(int port, Clock clock, int callsKept) {
    this.clock = clock;
    this.calls = new CallLog(callsKept);
    this.store = new StandInStore(clock);
    this.rateLimits = new RateLimits(clock);
    this.staleReads = new StaleReads(clock);
    this.endpoints = new Endpoints(store, staleReads, faults);
    this.server = new StandInServer(port, clock, endpoints, faults, rateLimits, calls);
    server.tokens().add(DEFAULT_TOKEN);
  }

  /** Starts on an ephemeral loopback port. */
  public static LaunchDarklyStandIn start() {
    return start(0);
  }

  /** Starts on this loopback port (0: an ephemeral one). */
  public static LaunchDarklyStandIn start(int port) {
    return start(port, Clock.systemUTC());
  }

  /** Starts with this clock for every timestamp and rate-limit window. */
  public static LaunchDarklyStandIn start(int port, Clock clock) {
    return new LaunchDarklyStandIn(port, clock, CALLS_KEPT);
  }

  /** For dev mode: on an ephemeral loopback port, keeping the last {@value #CALLS_KEPT_IN_DEV_MODE} calls. */
  public static LaunchDarklyStandIn startForDevMode() {
    return new LaunchDarklyStandIn(0, Clock.systemUTC(), CALLS_KEPT_IN_DEV_MODE);
  }

  /** For example {@code http://127.0.0.1:43127}; the API lives under {@code /api/v2}. */
  public String baseUrl() {
    return server.baseUrl();
  }

  @Override
  public void close() {
    server.stop();
  }

  /**
   * Back to a fresh LaunchDarkly: project {@code default} with the environments {@code production} and
   * {@code test} and no configs, tools or snippets, the global model configs, only {@link #DEFAULT_TOKEN},
   * default rate limits, no faults, stale reads or latency, the default fault seed, versions newest first, an
   * empty call log.
   */
  public void reset() {
    store.reset();
    faults.clear();
    staleReads.clear();
    endpoints.reset();
    random = new SplittableRandom(DEFAULT_FAULT_SEED);
    rateLimits.reset();
    calls.clear();
    server.tokens().clear();
    server.tokens().add(DEFAULT_TOKEN);
  }

  /** Accepts this token in {@code Authorization} too (raw, as LaunchDarkly takes it: no {@code Bearer}). */
  public void addToken(String token) {
    server.tokens().add(token);
  }

  /** Adds a project with the environments a new LaunchDarkly project has: {@code production} and {@code test}. */
  public void addProject(String projectKey) {
    store.addProject(projectKey);
  }

  /** Adds an environment to a project; every config of the project gets targeting for it. */
  public void addEnvironment(String project, String key, String name) {
    store.addEnvironment(project, key, name);
  }

  // ---- state, read and edited directly (as a person in LaunchDarkly's UI would)

  /** The config as GET would answer it (with its variations' latest versions); empty when absent. */
  public Optional<ObjectNode> config(String project, String key) {
    return store.findConfig(project, key);
  }

  /** A model config of the project, or a global one; empty when neither exists. */
  public Optional<ObjectNode> modelConfig(String project, String key) {
    return store.findModelConfig(project, key);
  }

  /** The config's targeting as GET would answer it ({@code AIConfigTargeting}); empty when the config is absent. */
  public Optional<ObjectNode> targeting(String project, String configKey) {
    return store.findTargeting(project, configKey);
  }

  /** Every version of a variation, oldest first, with all fields (GET omits some); empty when absent. */
  public List<ObjectNode> variationVersions(String project, String configKey, String variationKey) {
    return store.variationVersions(project, configKey, variationKey);
  }

  /** The AI tool as GET would answer it (its latest version); empty when absent. */
  public Optional<ObjectNode> tool(String project, String key) {
    return store.findVersioned(VersionedObjects.Kind.TOOL, project, key);
  }

  /** The prompt snippet as GET would answer it (its latest version); empty when absent. */
  public Optional<ObjectNode> promptSnippet(String project, String key) {
    return store.findVersioned(VersionedObjects.Kind.PROMPT_SNIPPET, project, key);
  }

  /** The agent graph as GET would answer it, with its edges; empty when absent. */
  public Optional<ObjectNode> agentGraph(String project, String key) {
    return store.findAgentGraph(project, key);
  }

  /** Edits a config in place and bumps its version and {@code updatedAt}, like an edit in the UI. */
  public void editConfig(String project, String key, Consumer<ObjectNode> edit) {
    store.editConfig(project, key, edit);
  }

  /** Adds a version to a variation, edited from a copy of the latest, like an edit in the UI. */
  public void editVariation(String project, String configKey, String variationKey, Consumer<ObjectNode> edit) {
    store.editVariation(project, configKey, variationKey, edit);
  }

  /**
   * Edits one environment's targeting in place and bumps its {@code _version} (and the targeting's) and
   * {@code lastModified}, like an edit in the UI.
   */
  public void editTargeting(String project, String configKey, String environmentKey, Consumer<ObjectNode> edit) {
    store.editTargeting(project, configKey, environmentKey, edit);
  }

  /**
   * Seeds (or replaces) a config the operator did not create; an optional {@code variations} array
   * seeds their first versions. Missing defaults are filled in as a create would.
   */
  public void putConfig(String project, ObjectNode config) {
    store.putConfig(project, config);
  }

  /**
   * Seeds (or replaces) an AI tool the operator did not create, at its {@code version} (1 when absent):
   * versions 1 to that one exist, all alike, so a variation may pin any of them.
   */
  public void putTool(String project, ObjectNode tool) {
    store.putVersioned(VersionedObjects.Kind.TOOL, project, tool);
  }

  /** Seeds (or replaces) a prompt snippet as {@link #putTool} seeds a tool. */
  public void putPromptSnippet(String project, ObjectNode snippet) {
    store.putVersioned(VersionedObjects.Kind.PROMPT_SNIPPET, project, snippet);
  }

  /** Adds a version to an AI tool, edited from a copy of the latest, like an edit in the UI. */
  public void editTool(String project, String key, Consumer<ObjectNode> edit) {
    store.editVersioned(VersionedObjects.Kind.TOOL, project, key, edit);
  }

  /** Adds a version to a prompt snippet, edited from a copy of the latest, like an edit in the UI. */
  public void editPromptSnippet(String project, String key, Consumer<ObjectNode> edit) {
    store.editVersioned(VersionedObjects.Kind.PROMPT_SNIPPET, project, key, edit);
  }

  /**
   * Seeds (or replaces) an agent graph the operator did not create, as written (its configs are not
   * checked); missing {@code edges}, {@code createdAt} and {@code updatedAt} are filled in as a create would.
   */
  public void putAgentGraph(String project, ObjectNode graph) {
    store.putAgentGraph(project, graph);
  }

  /** Edits an agent graph in place and moves its {@code updatedAt}, like an edit in the UI. */
  public void editAgentGraph(String project, String key, Consumer<ObjectNode> edit) {
    store.editAgentGraph(project, key, edit);
  }

  /** Deletes an agent graph, as a user of the UI would. */
  public void deleteAgentGraphDirectly(String project, String key) {
    store.deleteAgentGraph(project, key);
  }

  /** Seeds (or replaces) a project model config; {@code isRestricted: true} makes it restricted. */
  public void putModelConfig(String project, ObjectNode modelConfig) {
    store.putModelConfig(project, modelConfig);
  }

  /** Deletes a config as the API would: refused while an agent graph uses it. */
  public void deleteConfigDirectly(String project, String key) {
    store.deleteConfig(project, key);
  }

  /** Deletes a variation, even the last one of its config (which the API refuses). */
  public void deleteVariationDirectly(String project, String configKey, String variationKey) {
    store.deleteVariationDirectly(project, configKey, variationKey);
  }

  /** Deletes an AI tool, even one a variation pins (which the API refuses). */
  public void deleteToolDirectly(String project, String key) {
    store.deleteVersionedDirectly(VersionedObjects.Kind.TOOL, project, key);
  }

  /** Deletes a project model config, even one in use (which the API refuses). */
  public void deleteModelConfigDirectly(String project, String key) {
    store.deleteModelConfigDirectly(project, key);
  }

  // ---- call log

  /** Every call received since the last reset, in arrival order; the last {@value #CALLS_KEPT} at most. */
  public List<Call> calls() {
    return calls.calls();
  }

  /**
   * Tells {@code listener} of every call from now on, including after {@link #reset()}: after the call was
   * handled, before its answer is sent. It must be quick.
   */
  public void onEachCall(Consumer<Call> listener) {
    calls.listen(listener);
  }

  public void removeCallListener(Consumer<Call> listener) {
    calls.unlisten(listener);
  }

  public long count(String method, Route route) {
    return calls.count(method, route);
  }

  public long count(String method) {
    return calls.count(method);
  }

  /** POST, PATCH and DELETE calls received, whatever their answer. Direct edits are not calls. */
  public long writes() {
    return calls.writes();
  }

  /** Writes answered with success, i.e. that changed something (a refused create does not count). */
  public long appliedWrites() {
    return calls.appliedWrites();
  }

  // ---- faults and limits; a null route or method matches any

  /** Answers the next {@code times} matching calls with this error instead of handling them. */
  public void failNext(Route route, String method, int status, String code, String message, int times) {
    faults.add(route, method, Faults.Trigger.times(times), new Faults.Fail(status, code, message, null));
  }

  /**
   * Answers the next {@code times} matching calls with 429, {@code Retry-After} (whole seconds, rounded
   * up) and {@code X-Ratelimit-Reset} (now + {@code retryAfter}, epoch milliseconds).
   */
  public void rateLimitNext(Route route, String method, int times, Duration retryAfter) {
    faults.add(route, method, Faults.Trigger.times(times),
        new Faults.Fail(429, "rate_limited", "Rate limit exceeded", retryAfter));
  }

  /**
   * Answers every matching call of the next {@code window} with 429 and a {@code Retry-After} of the window,
   * as LaunchDarkly does while a budget is spent: a burst in time, however many calls come.
   */
  public void rateLimitFor(Route route, String method, Duration window) {
    faults.add(route, method, Faults.Trigger.until(clock, clock.millis() + window.toMillis()),
        new Faults.Fail(429, "rate_limited", "Rate limit exceeded", window));
  }

  /** Applies the next {@code times} matching calls, then drops the connection without an answer. */
  public void applyButLoseResponse(Route route, String method, int times) {
    faults.add(route, method, Faults.Trigger.times(times), new Faults.LoseResponse());
  }

  /**
   * Answers each matching call with probability {@code rate} with {@code status} (e.g. 500 or 503)
   * instead of handling it. Draws come from the stand-in's seeded generator.
   */
  public void failRandomly(Route route, String method, double rate, int status) {
    faults.add(route, method, Faults.Trigger.rate(rate, random),
        new Faults.Fail(status, "internal_server_error", "Injected failure", null));
  }

  /** With probability {@code rate}, applies a matching call and then drops the connection unanswered. */
  public void loseResponsesRandomly(Route route, String method, double rate) {
    faults.add(route, method, Faults.Trigger.rate(rate, random), new Faults.LoseResponse());
  }

  /** With probability {@code rate}, drops the connection of a matching call without handling it. */
  public void dropConnectionsRandomly(Route route, String method, double rate) {
    faults.add(route, method, Faults.Trigger.rate(rate, random), new Faults.DropConnection());
  }

  /**
   * After each PATCH of a config, variation, AI tool or prompt snippet, the next {@code reads} GETs of that
   * object answer its state from before the PATCH (counted as {@code stale-read} in {@link #faultsInjected()}).
   */
  public void staleReadsAfterPatch(int reads) {
    staleReads.forReads(reads);
  }

  /**
   * After each PATCH of a config, variation, AI tool or prompt snippet, GETs of that object answer its earlier
   * state for {@code duration}.
   */
  public void staleReadsAfterPatch(Duration duration) {
    staleReads.forDuration(duration);
  }

  /** The order in which get-variation lists versions (LaunchDarkly does not promise one). */
  public void versionOrder(VersionOrder order) {
    endpoints.versionOrder(order);
  }

  /**
   * Faults that reached a client since the last reset, by kind: 5xx, 429, lost-response, dropped-connection,
   * stale-read.
   */
  public Map<String, Long> faultsInjected() {
    return faults.injected();
  }

  /** Delay added before every answer. */
  public void latency(Duration latency) {
    faults.latency(latency);
  }

  /** The account-wide budget of calls per window, shared by all tokens (LaunchDarkly's global limit). */
  public void rateLimit(int callsPerWindow, Duration window) {
    rateLimits.global(callsPerWindow, window);
  }
}
