package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link RealApiServer}'s audit log: one entry per request it answered, with the verb, the resource, who
 * sent it and, for the operator's own kinds ({@code ldai.dev}), the request body, so a test can tell a merge
 * patch from a JSON patch or a replace. Read with {@link #requests()}; {@link #size()} marks a point to read on
 * from ({@link #requestsSince(int)}).
 */
public final class AuditLog {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLICY =
      """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: [RequestReceived]
      rules:
      - level: Request
        resources: [{group: ldai.dev}]
      - level: Metadata
      """;

  private final Path policy;
  private final Path log;

  private AuditLog(Path policy, Path log) {
    this.policy = policy;
    this.log = log;
  }

  static AuditLog in(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path policy = directory.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    Path log = directory.resolve("audit.log");
    Files.deleteIfExists(log);
    return new AuditLog(policy, log);
  }

  List<String> apiServerFlags() {
    return List.of("--audit-policy-file", policy.toString(), "--audit-log-path", log.toString());
  }

  /**
   * One request the server answered. {@code body} is the request body for {@code ldai.dev} resources, else null;
   * {@code stage} is ResponseComplete, or ResponseStarted for the entry a watch gets when its answer begins.
   */
  public record Request(String verb, String user, String impersonatedUser, String userAgent, String group, String resource,
      String subresource, String namespace, String name, int code, JsonNode body, String stage) {

    /** The user the request acted as: the impersonated one if any, else the authenticated one. */
    public String actingUser() {
      return impersonatedUser != null ? impersonatedUser : user;
    }

    /** {@code resource} or {@code resource/subresource}, as RBAC names it. */
    public String resourcePath() {
      return subresource == null ? resource : resource + "/" + subresource;
    }
  }

  /** Every request answered so far. */
  public List<Request> requests() {
    return requestsSince(0);
  }

  /** How many requests were answered so far. */
  public int size() {
    return lines().size();
  }

  /** The requests answered after the first {@code mark} ones. */
  public List<Request> requestsSince(int mark) {
    List<String> lines = lines();
    List<Request> requests = new ArrayList<>();
    for (String line : lines.subList(Math.min(mark, lines.size()), lines.size())) {
      requests.add(parse(line));
    }
    return requests;
  }

  private List<String> lines() {
    try {
      if (!Files.exists(log)) {
        return List.of();
      }
      List<String> lines = Files.readAllLines(log);
      // The server may be writing the last line right now.
      if (!lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("}")) {
        lines = lines.subList(0, lines.size() - 1);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Request parse(String line) {
    try {
      JsonNode event = JSON.readTree(line);
      JsonNode object = event.path("objectRef");
      return new Request(event.path("verb").asText(), text(event.at("/user/username")),
          text(event.at("/impersonatedUser/username")), text(event.path("userAgent")), text(object.path("apiGroup")),
          text(object.path("resource")), text(object.path("subresource")), text(object.path("namespace")),
          text(object.path("name")), event.at("/responseStatus/code").asInt(),
          event.has("requestObject") ? event.get("requestObject") : null, event.path("stage").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  /**
   * The requests of the entries from {@code from} to {@code to}, each once: a watch has an entry when its answer
   * starts and another when it ends, and only the first is kept. For counting what a client sent.
   */
  public List<Request> requestsBegun(int from, int to) {
    List<String> lines = lines();
    return lines.subList(Math.min(from, lines.size()), Math.min(to, lines.size())).stream().map(AuditLog::parse)
        .filter(request -> !"watch".equals(request.verb()) || !"ResponseComplete".equals(request.stage()))
        .toList();
  }
}
