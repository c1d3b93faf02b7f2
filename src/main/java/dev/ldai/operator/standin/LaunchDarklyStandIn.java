package dev.ldai.operator.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * An in-memory LaunchDarkly AI Configs API served over HTTP on loopback, for tests, benchmarks and dev
 * mode. Faithful to LaunchDarkly's API description: status codes, {@code {code, message}} errors, raw
 * token authorization, version history, refusals, pagination and rate-limit headers. Test hooks: a call
 * log with counters, direct edits "behind the operator's back", injected faults, and {@link #reset()}.
 */
public final class LaunchDarklyStandIn implements AutoCloseable {

  /** The token accepted after every {@link #reset()}. */
  public static final String DEFAULT_TOKEN = "api-standin-token";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> WRITES = Set.of("POST", "PATCH", "DELETE");
  private static final int DEFAULT_PAGE_SIZE = 20;
  private static final int MAX_PAGE_SIZE = 100;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Clock clock;
  private final StandInStore store;
  private final Faults faults = new Faults();
  private final RateLimits rateLimits;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private LaunchDarklyStandIn(int port, Clock clock) throws IOException {
    this.clock = clock;
    this.store = new StandInStore(clock);
    this.rateLimits = new RateLimits(clock);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    this.executor = Executors.newFixedThreadPool(16, r -> {
      Thread thread = new Thread(r, "launchdarkly-standin");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    tokens.add(DEFAULT_TOKEN);
    server.start();
  }

  /** Starts on an ephemeral loopback port. */
  public static LaunchDarklyStandIn start() {
    return start(0, Clock.systemUTC());
  }

  public static LaunchDarklyStandIn start(int port, Clock clock) {
    try {
      return new LaunchDarklyStandIn(port, clock);
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the LaunchDarkly stand-in", e);
    }
  }

  public String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Forgets all data, calls, faults and extra tokens: a fresh LaunchDarkly with project {@code default}. */
  public void reset() {
    store.reset();
    faults.clear();
    rateLimits.reset();
    calls.clear();
    tokens.clear();
    tokens.add(DEFAULT_TOKEN);
  }

  public void addToken(String token) {
    tokens.add(token);
  }

  public void addProject(String projectKey) {
    store.addProject(projectKey);
  }

  // ---- state, read and edited directly (as a person in LaunchDarkly's UI would)

  public Optional<ObjectNode> config(String project, String key) {
    return store.findConfig(project, key);
  }

  public Optional<ObjectNode> modelConfig(String project, String key) {
    return store.findModelConfig(project, key);
  }

  /** Every version of a variation, oldest first. */
  public List<ObjectNode> variationVersions(String project, String configKey, String variationKey) {
    return store.variationVersions(project, configKey, variationKey);
  }

  /** Edits a config in place and bumps its version, like an edit in the UI. */
  public void editConfig(String project, String key, Consumer<ObjectNode> edit) {
    store.editConfig(project, key, edit);
  }

  /** Adds a version to a variation, like an edit in the UI. */
  public void editVariation(String project, String configKey, String variationKey, Consumer<ObjectNode> edit) {
    store.editVariation(project, configKey, variationKey, edit);
  }

  /** Seeds a config (optionally with {@code variations}) that the operator did not create. */
  public void putConfig(String project, ObjectNode config) {
    store.putConfig(project, config);
  }

  public void putModelConfig(String project, ObjectNode modelConfig) {
    store.putModelConfig(project, modelConfig);
  }

  public void deleteConfigDirectly(String project, String key) {
    store.deleteConfig(project, key);
  }

  public void deleteVariationDirectly(String project, String configKey, String variationKey) {
    store.deleteVariationDirectly(project, configKey, variationKey);
  }

  public void deleteModelConfigDirectly(String project, String key) {
    store.deleteModelConfigDirectly(project, key);
  }

  // ---- call log

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public long count(String method, Route route) {
    return calls.stream().filter(c -> c.method().equals(method) && c.route() == route).count();
  }

  public long count(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).count();
  }

  /** POST, PATCH and DELETE calls received, whatever their answer. */
  public long writes() {
    return calls.stream().filter(c -> WRITES.contains(c.method())).count();
  }

  // ---- faults

  /** Answers the next {@code times} matching calls with this error instead of handling them. */
  public void failNext(Route route, String method, int status, String code, String message, int times) {
    faults.add(new Faults.Fault(route, method, Faults.Kind.ERROR, status, code, message, null, times));
  }

  /** Answers the next {@code times} matching calls with 429 and a {@code Retry-After}. */
  public void rateLimitNext(Route route, String method, int times, Duration retryAfter) {
    faults.add(new Faults.Fault(route, method, Faults.Kind.RATE_LIMIT, 429, "rate_limited",
        "Rate limit exceeded", retryAfter, times));
  }

  /** Applies the next {@code times} matching writes, then drops the connection without an answer. */
  public void applyButLoseResponse(Route route, String method, int times) {
    faults.add(new Faults.Fault(route, method, Faults.Kind.LOSE_RESPONSE, 0, null, null, null, times));
  }

  /** Delay added before every answer. */
  public void latency(Duration latency) {
    faults.latency(latency);
  }

  /** The per-token request budget per window (LaunchDarkly's global limit). */
  public void rateLimit(int requestsPerWindow, Duration window) {
    rateLimits.configure(requestsPerWindow, window);
  }

  // ---- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String body = read(exchange.getRequestBody());
    Optional<Route.Match> match = Route.match(path);
    Route route = match.map(Route.Match::route).orElse(null);
    String apiVersion = exchange.getRequestHeaders().getFirst("LD-API-Version");
    sleep(faults.latency());
    String token = exchange.getRequestHeaders().getFirst("Authorization");
    try {
      if (token == null || !tokens.contains(token)) {
        throw new StandInError(401, "unauthorized", "Invalid access token");
      }
      RateLimits.Budget budget = rateLimits.take(token);
      budget.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      if (budget.exhausted()) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(budget.retryAfterSeconds()));
        throw new StandInError(429, "rate_limited", "Rate limit exceeded");
      }
      if (match.isEmpty()) {
        throw new StandInError(404, "not_found", "Unknown route " + path);
      }
      Optional<Faults.Fault> fault = faults.take(route, method);
      if (fault.isPresent() && fault.get().kind != Faults.Kind.LOSE_RESPONSE) {
        throw injected(exchange, fault.get());
      }
      Answer answer = dispatch(method, match.get(), query(exchange), parse(body));
      if (fault.isPresent()) {
        calls.add(new Call(method, path, route, 0, body, apiVersion));
        exchange.close();
        return;
      }
      send(exchange, answer.status(), answer.body());
      calls.add(new Call(method, path, route, answer.status(), body, apiVersion));
    } catch (StandInError e) {
      ObjectNode error = JsonNodeFactory.instance.objectNode().put("code", e.code).put("message", e.getMessage());
      send(exchange, e.status, error);
      calls.add(new Call(method, path, route, e.status, body, apiVersion));
    }
  }

  private record Answer(int status, JsonNode body) {}

  private Answer dispatch(String method, Route.Match m, Map<String, String> query, JsonNode body) {
    String p = m.project();
    return switch (m.route()) {
      case CONFIGS -> switch (method) {
        case "GET" -> new Answer(200, store.listConfigs(p, pageSize(query), intParam(query, "offset", 0)));
        case "POST" -> new Answer(201, store.createConfig(p, required(body)));
        default -> throw notAllowed(method);
      };
      case CONFIG -> switch (method) {
        case "GET" -> new Answer(200, store.getConfig(p, m.key()));
        case "PATCH" -> new Answer(200, store.patchConfig(p, m.key(), required(body)));
        case "DELETE" -> {
          store.deleteConfig(p, m.key());
          yield new Answer(204, null);
        }
        default -> throw notAllowed(method);
      };
      case VARIATIONS -> switch (method) {
        case "POST" -> new Answer(201, store.createVariation(p, m.key(), required(body)));
        default -> throw notAllowed(method);
      };
      case VARIATION -> switch (method) {
        case "GET" -> new Answer(200, store.getVariation(p, m.key(), m.variationKey()));
        case "PATCH" -> new Answer(200, store.patchVariation(p, m.key(), m.variationKey(), required(body)));
        case "DELETE" -> {
          store.deleteVariation(p, m.key(), m.variationKey());
          yield new Answer(204, null);
        }
        default -> throw notAllowed(method);
      };
      case MODEL_CONFIGS -> switch (method) {
        case "GET" -> new Answer(200, store.listModelConfigs(p, Boolean.parseBoolean(query.get("restricted"))));
        case "POST" -> new Answer(200, store.createModelConfig(p, required(body)));
        default -> throw notAllowed(method);
      };
      case MODEL_CONFIG -> switch (method) {
        case "GET" -> new Answer(200, store.getModelConfig(p, m.key()));
        case "DELETE" -> {
          store.deleteModelConfig(p, m.key());
          yield new Answer(204, null);
        }
        default -> throw notAllowed(method);
      };
    };
  }

  private StandInError injected(HttpExchange exchange, Faults.Fault fault) {
    if (fault.kind == Faults.Kind.RATE_LIMIT) {
      long seconds = Math.max(1, fault.retryAfter.toSeconds());
      exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
      exchange.getResponseHeaders().set("X-Ratelimit-Reset", Long.toString(clock.millis() + fault.retryAfter.toMillis()));
    }
    return new StandInError(fault.status, fault.code, fault.message);
  }

  private static StandInError notAllowed(String method) {
    return new StandInError(405, "method_not_allowed", "Method " + method + " is not allowed on this route");
  }

  private static JsonNode required(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw StandInError.invalid("A JSON object body is required");
    }
    return body;
  }

  private static int pageSize(Map<String, String> query) {
    int limit = intParam(query, "limit", DEFAULT_PAGE_SIZE);
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw StandInError.invalid("limit must be between 1 and " + MAX_PAGE_SIZE);
    }
    return limit;
  }

  private static int intParam(Map<String, String> query, String name, int fallback) {
    String value = query.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 0) {
        throw StandInError.invalid(name + " must not be negative");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw StandInError.invalid(name + " must be an integer");
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw StandInError.invalid("Malformed JSON body");
    }
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(Duration latency) {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
