package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The HTTP side of the stand-in. Each call goes through: latency, authorization (401), API version
 * (400; the routes of agent graphs take {@code beta} only, once), rate limits (429), routing (404), injected faults, then {@link Endpoints}; it is logged before it
 * is answered, so a client that got its answer always finds its call in the log.
 */
final class StandInServer {

  static {
    // The JDK server writes response headers and body separately; with Nagle's algorithm on, the
    // client's delayed ACK makes each call take ~40 ms. Read once, when the JDK server classes load.
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern API_VERSION = Pattern.compile("beta|\\d{8}");
  private static final int THREADS = 16;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Clock clock;
  private final Endpoints endpoints;
  private final Faults faults;
  private final RateLimits rateLimits;
  private final CallLog calls;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();

  StandInServer(int port, Clock clock, Endpoints endpoints, Faults faults, RateLimits rateLimits, CallLog calls) {
    this.clock = clock;
    this.endpoints = endpoints;
    this.faults = faults;
    this.rateLimits = rateLimits;
    this.calls = calls;
    try {
      this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not bind the LaunchDarkly stand-in to port " + port, e);
    }
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread thread = new Thread(r, "launchdarkly-standin-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  Set<String> tokens() {
    return tokens;
  }

  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, List<String>> requestHeaders = loggedHeaders(exchange.getRequestHeaders());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String apiVersion = exchange.getRequestHeaders().getFirst("LD-API-Version");
    Optional<Route.Match> match = Route.match(path);
    Route route = match.map(Route.Match::route).orElse(null);
    long receivedAt = clock.millis();
    sleep(faults.latency());

    Headers headers = exchange.getResponseHeaders();
    Optional<Faults.Effect> fault = Optional.empty();
    int status;
    JsonNode answer;
    try {
      admit(exchange.getRequestHeaders().getFirst("Authorization"), apiVersions(exchange.getRequestHeaders()), route,
          method, headers);
      if (match.isEmpty()) {
        throw StandInError.notFound("Route " + path);
      }
      fault = faults.take(route, method);
      fault.map(Faults.Effect::kind).ifPresent(faults::count);
      if (fault.isPresent() && fault.get() instanceof Faults.Fail fail) {
        throw injected(fail, headers);
      }
      if (fault.isPresent() && fault.get() instanceof Faults.DropConnection) {
        calls.record(new Call(method, path, rawQuery, route, 0, body, requestHeaders, apiVersion, receivedAt, 0));
        exchange.close();
        return;
      }
      Endpoints.Answer handled = endpoints.answer(
          method, match.get(), query(exchange), exchange.getRequestHeaders().getFirst("Content-Type"), body);
      status = handled.status();
      answer = handled.body();
    } catch (StandInError e) {
      status = e.status;
      answer = error(e.code, e.getMessage());
    } catch (RuntimeException e) {
      // A defect of the stand-in: answered like LaunchDarkly's own 500 so the client does not hang.
      status = 500;
      answer = error("internal_server_error", "Stand-in failure: " + e);
    }

    if (fault.isPresent() && fault.get() instanceof Faults.LoseResponse) {
      calls.record(new Call(method, path, rawQuery, route, 0, body, requestHeaders, apiVersion, receivedAt, 0));
      // No headers were sent, so closing the exchange closes the connection: the client sees a reset.
      exchange.close();
      return;
    }
    calls.record(new Call(method, path, rawQuery, route, status, body, requestHeaders, apiVersion, receivedAt,
        status == 429 ? retryAt(headers) : 0));
    send(exchange, status, answer);
  }

  private void admit(String token, List<String> apiVersions, Route route, String method, Headers headers) {
    if (token == null || !tokens.contains(token)) {
      throw new StandInError(401, "unauthorized", "Invalid access token");
    }
    if (route != null && route.betaOnly()) {
      requireBeta(apiVersions);
    }
    String apiVersion = apiVersions.isEmpty() ? null : apiVersions.get(0);
    if (apiVersion != null && !API_VERSION.matcher(apiVersion).matches()) {
      throw StandInError.invalid("Invalid LD-API-Version " + apiVersion + ": use beta or a date such as 20240415");
    }
    RateLimits.Budget budget = rateLimits.take(route, method);
    budget.headers().forEach(headers::set);
    if (budget.exhausted()) {
      faults.count("429");
      headers.set("Retry-After", Long.toString(budget.retryAfterSeconds()));
      throw new StandInError(429, "rate_limited", "Rate limit exceeded, retry after " + budget.retryAfterSeconds() + "s");
    }
  }

  /**
   * A route that declares {@code LD-API-Version} as a parameter takes it once, and {@code beta}: the first
   * two messages are LaunchDarkly's own.
   */
  private static void requireBeta(List<String> apiVersions) {
    if (apiVersions.isEmpty()) {
      throw StandInError.invalid("lDAPIVersion is required");
    }
    if (apiVersions.size() > 1) {
      throw StandInError.invalid("Too many values for parameter LD-API-Version");
    }
    if (!apiVersions.get(0).equals("beta")) {
      throw StandInError.invalid("Invalid LD-API-Version " + apiVersions.get(0) + ": this route is served in beta only");
    }
  }

  /** Every value of {@code LD-API-Version}, whether sent on header lines of their own or joined by commas. */
  private static List<String> apiVersions(Headers headers) {
    return headers.getOrDefault("LD-API-Version", List.of()).stream()
        .flatMap(line -> Arrays.stream(line.split(",")))
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .toList();
  }

  /** The later of what {@code Retry-After} and {@code X-Ratelimit-Reset} allow. */
  private long retryAt(Headers headers) {
    long retryAt = 0;
    String retryAfter = headers.getFirst("Retry-After");
    if (retryAfter != null) {
      retryAt = clock.millis() + Long.parseLong(retryAfter) * 1000;
    }
    String reset = headers.getFirst("X-Ratelimit-Reset");
    if (reset != null && headers.getFirst("Retry-After") == null) {
      retryAt = Math.max(retryAt, Long.parseLong(reset));
    }
    return retryAt;
  }

  private StandInError injected(Faults.Fail fail, Headers headers) {
    if (fail.retryAfter() != null) {
      long seconds = Math.max(1, (fail.retryAfter().toMillis() + 999) / 1000);
      headers.set("Retry-After", Long.toString(seconds));
      headers.set("X-Ratelimit-Reset", Long.toString(clock.millis() + fail.retryAfter().toMillis()));
      headers.set("X-Ratelimit-Route-Remaining", "0");
    }
    return new StandInError(fail.status(), fail.code(), fail.message());
  }

  /** The request headers by lower-case name, with the token masked: the log must not hold it. */
  private static Map<String, List<String>> loggedHeaders(Headers headers) {
    Map<String, List<String>> logged = new TreeMap<>();
    headers.forEach((name, values) -> logged.put(name.toLowerCase(Locale.ROOT),
        name.equalsIgnoreCase("Authorization") ? List.of(Call.MASKED) : List.copyOf(values)));
    return Collections.unmodifiableMap(logged);
  }

  private static JsonNode error(String code, String message) {
    return JsonNodeFactory.instance.objectNode().put("code", code).put("message", message);
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
