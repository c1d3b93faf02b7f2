package dev.ldai.operator.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Maps each route and method to the store, with the status codes LaunchDarkly answers them with. */
final class Endpoints {

  /** A successful answer; a null body means none (204). */
  record Answer(int status, JsonNode body) {}

  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final StandInStore store;

  Endpoints(StandInStore store) {
    this.store = store;
  }

  Answer answer(String method, Route.Match m, Map<String, String> query, String body) {
    String p = m.project();
    return switch (m.route()) {
      case CONFIGS -> switch (method) {
        case "GET" -> ok(store.listConfigs(p, pageSize(query), intParam(query, "offset", 0)));
        case "POST" -> new Answer(201, store.createConfig(p, object(body)));
        default -> throw notAllowed(method, m.route());
      };
      case CONFIG -> switch (method) {
        case "GET" -> ok(store.getConfig(p, m.key()));
        case "PATCH" -> ok(store.patchConfig(p, m.key(), object(body)));
        case "DELETE" -> {
          store.deleteConfig(p, m.key());
          yield noContent();
        }
        default -> throw notAllowed(method, m.route());
      };
      case VARIATIONS -> switch (method) {
        case "POST" -> new Answer(201, store.createVariation(p, m.key(), object(body)));
        default -> throw notAllowed(method, m.route());
      };
      case VARIATION -> switch (method) {
        case "GET" -> ok(store.getVariation(p, m.key(), m.variationKey()));
        case "PATCH" -> ok(store.patchVariation(p, m.key(), m.variationKey(), object(body)));
        case "DELETE" -> {
          store.deleteVariation(p, m.key(), m.variationKey());
          yield noContent();
        }
        default -> throw notAllowed(method, m.route());
      };
      case MODEL_CONFIGS -> switch (method) {
        case "GET" -> ok(store.listModelConfigs(p, booleanParam(query, "restricted")));
        // LaunchDarkly answers this create with 200, not 201.
        case "POST" -> ok(store.createModelConfig(p, object(body)));
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
    };
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
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw StandInError.invalid(name + " must be an integer");
    }
    if (parsed < 0) {
      throw StandInError.invalid(name + " must not be negative");
    }
    return parsed;
  }

  private static boolean booleanParam(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw StandInError.invalid(name + " must be true or false");
  }
}
