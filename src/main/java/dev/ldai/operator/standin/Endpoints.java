package dev.ldai.operator.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Maps each route and method to the store, with the status codes LaunchDarkly answers them with. Request
 * bodies are checked against LaunchDarkly's request schemas ({@link RequestSchemas}) before the store sees them.
 */
final class Endpoints {

  /** A successful answer; a null body means none (204). */
  record Answer(int status, JsonNode body) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long SHUFFLE_SEED = 20240415L;
  private static final Pattern SEMANTIC_PATCH =
      Pattern.compile(";\\s*domain-model\\s*=\\s*\"?launchdarkly\\.semanticpatch\"?\\s*(;|$)", Pattern.CASE_INSENSITIVE);

  private final StandInStore store;
  private final StaleReads staleReads;
  private final Faults faults;
  private volatile VersionOrder versionOrder = VersionOrder.NEWEST_FIRST;
  private Random shuffle = new Random(SHUFFLE_SEED);

  Endpoints(StandInStore store, StaleReads staleReads, Faults faults) {
    this.store = store;
    this.staleReads = staleReads;
    this.faults = faults;
  }

  void versionOrder(VersionOrder order) {
    versionOrder = order;
  }

  /** Newest first again, and a reshuffle reproduces the first shuffles. */
  synchronized void reset() {
    versionOrder = VersionOrder.NEWEST_FIRST;
    shuffle = new Random(SHUFFLE_SEED);
  }

  Answer answer(String method, Route.Match m, Map<String, String> query, String contentType, String body) {
    String p = m.project();
    return switch (m.route()) {
      case CONFIGS -> switch (method) {
        case "GET" -> ok(store.listConfigs(p, ConfigListing.from(query)));
        case "POST" -> new Answer(201, store.createConfig(p, checked(body, RequestSchemas.AI_CONFIG_POST)));
        default -> throw notAllowed(method, m.route());
      };
      case CONFIG -> switch (method) {
        case "GET" -> ok(read(m, () -> store.getConfig(p, m.key())));
        case "PATCH" -> {
          JsonNode patch = checked(body, RequestSchemas.AI_CONFIG_PATCH);
          yield ok(patched(m, () -> store.getConfig(p, m.key()), () -> store.patchConfig(p, m.key(), patch)));
        }
        case "DELETE" -> {
          store.deleteConfig(p, m.key());
          yield noContent();
        }
        default -> throw notAllowed(method, m.route());
      };
      case VARIATIONS -> switch (method) {
        case "POST" -> new Answer(201,
            store.createVariation(p, m.key(), checked(body, RequestSchemas.AI_CONFIG_VARIATION_POST)));
        default -> throw notAllowed(method, m.route());
      };
      case VARIATION -> switch (method) {
        case "GET" -> ok(read(m, () -> ordered(store.getVariation(p, m.key(), m.variationKey()))));
        case "PATCH" -> {
          JsonNode patch = checked(body, RequestSchemas.AI_CONFIG_VARIATION_PATCH);
          yield ok(patched(m, () -> ordered(store.getVariation(p, m.key(), m.variationKey())),
              () -> store.patchVariation(p, m.key(), m.variationKey(), patch)));
        }
        case "DELETE" -> {
          store.deleteVariation(p, m.key(), m.variationKey());
          yield noContent();
        }
        default -> throw notAllowed(method, m.route());
      };
      case TARGETING -> switch (method) {
        case "GET" -> ok(store.getTargeting(p, m.key()));
        case "PATCH" -> {
          requireSemanticPatch(contentType);
          yield ok(store.patchTargeting(p, m.key(), checked(body, RequestSchemas.AI_CONFIG_TARGETING_PATCH)));
        }
        default -> throw notAllowed(method, m.route());
      };
      case MODEL_CONFIGS -> switch (method) {
        case "GET" -> ok(store.listModelConfigs(p, QueryParams.bool(query, "restricted")));
        // LaunchDarkly answers this create with 200, not 201.
        case "POST" -> ok(store.createModelConfig(p, checked(body, RequestSchemas.MODEL_CONFIG_POST)));
        default -> throw notAllowed(method, m.route());
      };
      case MODEL_CONFIG -> switch (method) {
        case "GET" -> ok(store.getModelConfig(p, m.key()));
        case "DELETE" -> {
          store.deleteModelConfig(p, m.key());
          yield noContent();
        }
        default -> throw notAllowed(method, m.route());
      };
      case TOOLS, PROMPT_SNIPPETS -> switch (method) {
        case "GET" -> ok(store.listVersioned(kindOf(m.route()), p, ConfigListing.from(query)));
        case "POST" -> {
          VersionedObjects.Kind kind = kindOf(m.route());
          yield new Answer(201, store.createVersioned(kind, p, checked(body, kind.post)));
        }
        default -> throw notAllowed(method, m.route());
      };
      case TOOL, PROMPT_SNIPPET -> switch (method) {
        case "GET" -> ok(read(m, () -> store.getVersioned(kindOf(m.route()), p, m.key())));
        case "PATCH" -> {
          VersionedObjects.Kind kind = kindOf(m.route());
          JsonNode patch = checked(body, kind.patch);
          yield ok(patched(m, () -> store.getVersioned(kind, p, m.key()),
              () -> store.patchVersioned(kind, p, m.key(), patch)));
        }
        case "DELETE" -> {
          store.deleteVersioned(kindOf(m.route()), p, m.key());
          yield noContent();
        }
        default -> throw notAllowed(method, m.route());
      };
      case TOOL_VERSIONS, PROMPT_SNIPPET_VERSIONS -> switch (method) {
        case "GET" -> ok(store.versionsOf(kindOf(m.route()), p, m.key(), ConfigListing.paging(query)));
        default -> throw notAllowed(method, m.route());
      };
      case TOOL_REFERENCES, PROMPT_SNIPPET_REFERENCES -> switch (method) {
        case "GET" -> ok(store.referencesTo(kindOf(m.route()), p, m.key(), ConfigListing.paging(query)));
        default -> throw notAllowed(method, m.route());
      };
      case AGENT_GRAPHS -> switch (method) {
        case "GET" -> ok(store.listAgentGraphs(p, ConfigListing.paging(query)));
        case "POST" -> new Answer(201, store.createAgentGraph(p, checked(body, RequestSchemas.AGENT_GRAPH_POST)));
        default -> throw notAllowed(method, m.route());
      };
      case AGENT_GRAPH -> switch (method) {
        case "GET" -> ok(read(m, () -> store.getAgentGraph(p, m.key())));
        case "PATCH" -> {
          JsonNode patch = checked(body, RequestSchemas.AGENT_GRAPH_PATCH);
          yield ok(patched(m, () -> store.getAgentGraph(p, m.key()), () -> store.patchAgentGraph(p, m.key(), patch)));
        }
        case "DELETE" -> {
          store.deleteAgentGraph(p, m.key());
          yield noContent();
        }
        default -> throw notAllowed(method, m.route());
      };
    };
  }

  private static VersionedObjects.Kind kindOf(Route route) {
    return switch (route) {
      case TOOLS, TOOL, TOOL_VERSIONS, TOOL_REFERENCES -> VersionedObjects.Kind.TOOL;
      case PROMPT_SNIPPETS, PROMPT_SNIPPET, PROMPT_SNIPPET_VERSIONS, PROMPT_SNIPPET_REFERENCES ->
          VersionedObjects.Kind.PROMPT_SNIPPET;
      default -> throw new IllegalArgumentException(route + " is not a route of AI tools or prompt snippets");
    };
  }

  private JsonNode read(Route.Match m, Supplier<JsonNode> current) {
    Optional<JsonNode> stale = staleReads.read(objectOf(m));
    stale.ifPresent(answer -> faults.count("stale-read"));
    return stale.orElseGet(current);
  }

  /** Applies a PATCH; with stale reads on, what a read answered before it is kept for the stale answers. */
  private JsonNode patched(Route.Match m, Supplier<JsonNode> before, Supplier<JsonNode> patch) {
    JsonNode previous = staleReads.on() ? before.get() : null;
    JsonNode answer = patch.get();
    if (previous != null) {
      staleReads.patched(objectOf(m), previous);
    }
    return answer;
  }

  private ObjectNode ordered(ObjectNode variation) {
    synchronized (this) {
      versionOrder.arrange((ArrayNode) variation.get("items"), shuffle);
    }
    return variation;
  }

  /**
   * The object a read or PATCH is about; the route tells apart a config, a tool, a snippet and a graph of
   * one key.
   */
  private static String objectOf(Route.Match m) {
    return m.route() + " " + m.project() + "/" + m.key() + (m.variationKey() == null ? "" : "/" + m.variationKey());
  }

  private static Answer ok(JsonNode body) {
    return new Answer(200, body);
  }

  private static Answer noContent() {
    return new Answer(204, null);
  }

  private static StandInError notAllowed(String method, Route route) {
    return new StandInError(405, "method_not_allowed", "Method " + method + " is not allowed on " + route.template());
  }

  /** LaunchDarkly reads a body sent without this media type parameter as a JSON patch, and refuses it. */
  private static void requireSemanticPatch(String contentType) {
    if (contentType == null || !SEMANTIC_PATCH.matcher(contentType).find()) {
      throw StandInError.invalid("A semantic patch needs Content-Type: application/json; "
          + "domain-model=launchdarkly.semanticpatch (got " + (contentType == null ? "none" : contentType) + ")");
    }
  }

  private static JsonNode checked(String body, ObjectSchema schema) {
    JsonNode parsed = object(body);
    schema.checkBody(parsed);
    return parsed;
  }

  private static JsonNode object(String body) {
    if (body.isBlank()) {
      throw StandInError.invalid("A JSON object body is required");
    }
    JsonNode parsed;
    try {
      parsed = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw StandInError.invalid("Malformed JSON body: " + e.getOriginalMessage());
    }
    if (!parsed.isObject()) {
      throw StandInError.invalid("A JSON object body is required");
    }
    return parsed;
  }
}
