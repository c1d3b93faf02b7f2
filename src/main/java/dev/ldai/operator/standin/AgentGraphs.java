package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

/**
 * A project's agent graphs: AI Configs joined by edges from a root config. A graph has no version, only
 * {@code createdAt} and {@code updatedAt}; a root config and edges are given together or not at all, and
 * name configs of the project. Not thread-safe: the store guards it.
 */
final class AgentGraphs {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> EDGE_FIELDS = List.of("key", "sourceConfig", "targetConfig", "handoff");

  private final Clock clock;
  private final Map<String, ObjectNode> graphs = new LinkedHashMap<>();

  AgentGraphs(Clock clock) {
    this.clock = clock;
  }

  /** Every graph as a listing shows it: without its edges, in the order they were created. */
  List<ObjectNode> listed() {
    return graphs.values().stream().map(AgentGraphs::withoutEdges).toList();
  }

  /** The graph as get answers it, with its root config and edges. */
  ObjectNode get(String key) {
    return graph(key).deepCopy();
  }

  Optional<ObjectNode> find(String key) {
    return Optional.ofNullable(graphs.get(key)).map(ObjectNode::deepCopy);
  }

  ObjectNode create(JsonNode body, Set<String> configKeys) {
    String key = StandInStore.requiredKey(body);
    StandInStore.requiredText(body, "name");
    if (graphs.containsKey(key)) {
      throw StandInError.conflict("An agent graph with key " + key + " already exists");
    }
    checkRootAndEdges(body, configKeys);
    long now = clock.millis();
    ObjectNode graph = JSON.objectNode();
    graph.put("key", key);
    graph.put("name", body.get("name").asText());
    if (body.hasNonNull("description")) {
      graph.put("description", body.get("description").asText());
    }
    setRootAndEdges(graph, body);
    setMaintainer(graph, body);
    graph.put("createdAt", now);
    graph.put("updatedAt", now);
    graphs.put(key, graph);
    return graph.deepCopy();
  }

  /** Replaces the fields the body holds; edges replace all of the graph's edges. */
  ObjectNode patch(String key, JsonNode body, Set<String> configKeys) {
    ObjectNode graph = graph(key);
    if (body.has("name") && body.get("name").asText().isBlank()) {
      throw StandInError.invalid("name must not be empty");
    }
    checkRootAndEdges(body, configKeys);
    for (String field : List.of("name", "description")) {
      if (body.hasNonNull(field)) {
        graph.put(field, body.get(field).asText());
      }
    }
    setRootAndEdges(graph, body);
    setMaintainer(graph, body);
    touch(graph);
    return graph.deepCopy();
  }

  void delete(String key) {
    graph(key);
    graphs.remove(key);
  }

  /** Seeds (or replaces) a graph as written; missing edges and timestamps are filled in as a create would. */
  void put(ObjectNode seed) {
    ObjectNode graph = seed.deepCopy();
    long now = clock.millis();
    graph.putIfAbsent("edges", JSON.arrayNode());
    graph.putIfAbsent("createdAt", JSON.numberNode(now));
    graph.putIfAbsent("updatedAt", JSON.numberNode(now));
    graphs.put(graph.path("key").asText(), graph);
  }

  /** Edits a graph in place and moves its {@code updatedAt}, like an edit in the UI. */
  void edit(String key, Consumer<ObjectNode> edit) {
    ObjectNode graph = graph(key);
    edit.accept(graph);
    touch(graph);
  }

  /** The keys of the graphs that use the config, as their root or in an edge. */
  List<String> using(String configKey) {
    List<String> users = new ArrayList<>();
    graphs.forEach((key, graph) -> {
      if (configsOf(graph).contains(configKey)) {
        users.add(key);
      }
    });
    return users;
  }

  private ObjectNode graph(String key) {
    ObjectNode graph = graphs.get(key);
    if (graph == null) {
      throw StandInError.notFound("Agent graph " + key);
    }
    return graph;
  }

  /**
   * LaunchDarkly's description: if {@code rootConfigKey} or {@code edges} is present, both must be. The
   * configs they name must exist, and edge keys are unique within the graph.
   */
  private static void checkRootAndEdges(JsonNode body, Set<String> configKeys) {
    if (body.has("rootConfigKey") != body.has("edges")) {
      throw StandInError.invalid("rootConfigKey and edges must both be present, or neither");
    }
    if (!body.has("edges")) {
      return;
    }
    String root = StandInStore.requiredText(body, "rootConfigKey");
    requireConfig(root, configKeys, "rootConfigKey");
    Set<String> edgeKeys = new HashSet<>();
    for (JsonNode edge : body.get("edges")) {
      String edgeKey = edge.get("key").asText();
      if (!edgeKeys.add(edgeKey)) {
        throw StandInError.invalid("Edge key " + edgeKey + " is used twice in the graph");
      }
      requireConfig(edge.get("sourceConfig").asText(), configKeys, "edge " + edgeKey + " sourceConfig");
      requireConfig(edge.get("targetConfig").asText(), configKeys, "edge " + edgeKey + " targetConfig");
    }
  }

  private static void requireConfig(String configKey, Set<String> configKeys, String where) {
    if (!configKeys.contains(configKey)) {
      throw StandInError.invalid(where + ": AI Config " + configKey + " does not exist");
    }
  }

  /** A graph created without a root config and edges has its metadata only, and no edges. */
  private static void setRootAndEdges(ObjectNode graph, JsonNode body) {
    if (body.has("rootConfigKey")) {
      graph.put("rootConfigKey", body.get("rootConfigKey").asText());
    }
    if (body.has("edges")) {
      ArrayNode edges = JSON.arrayNode();
      body.get("edges").forEach(edge -> edges.add(edgeFrom(edge)));
      graph.set("edges", edges);
    } else {
      graph.putIfAbsent("edges", JSON.arrayNode());
    }
  }

  private static ObjectNode edgeFrom(JsonNode body) {
    ObjectNode edge = JSON.objectNode();
    EDGE_FIELDS.stream().filter(body::hasNonNull).forEach(field -> edge.set(field, body.get(field).deepCopy()));
    return edge;
  }

  /** The description: an empty maintainer ID or team key removes the maintainer. */
  private static void setMaintainer(ObjectNode graph, JsonNode body) {
    boolean emptied = List.of("maintainerId", "maintainerTeamKey").stream()
        .anyMatch(field -> body.hasNonNull(field) && body.get(field).asText().isEmpty());
    if (emptied) {
      graph.remove("_maintainer");
    } else {
      StandInStore.setMaintainer(graph, body);
    }
  }

  /** Moves {@code updatedAt}, by a millisecond at least, so that every change shows. */
  private void touch(ObjectNode graph) {
    graph.put("updatedAt", Math.max(clock.millis(), graph.path("updatedAt").asLong() + 1));
  }

  private static Set<String> configsOf(ObjectNode graph) {
    Set<String> configs = new HashSet<>();
    if (graph.hasNonNull("rootConfigKey")) {
      configs.add(graph.get("rootConfigKey").asText());
    }
    StreamSupport.stream(graph.path("edges").spliterator(), false).forEach(edge -> {
      configs.add(edge.path("sourceConfig").asText());
      configs.add(edge.path("targetConfig").asText());
    });
    return configs;
  }

  private static ObjectNode withoutEdges(ObjectNode graph) {
    ObjectNode listed = graph.deepCopy();
    listed.remove("edges");
    return listed;
  }
}
