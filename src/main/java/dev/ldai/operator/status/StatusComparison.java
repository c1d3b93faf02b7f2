package dev.ldai.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Decides whether a new status is worth a patch: it is not when nothing but timestamps would change.
 */
public final class StatusComparison {

  private static final ObjectMapper MAPPER = Serialization.jsonMapper();

  private StatusComparison() {}

  public static boolean differsBeyondTimestamps(Object previous, Object next) {
    if (previous == null || next == null) {
      return previous != next;
    }
    return !withoutTimestamps(previous).equals(withoutTimestamps(next));
  }

  private static JsonNode withoutTimestamps(Object status) {
    JsonNode tree = MAPPER.valueToTree(status);
    if (tree instanceof ObjectNode object) {
      object.remove("lastSyncTime");
      if (object.get("error") instanceof ObjectNode error) {
        error.remove("time");
      }
      JsonNode conditions = object.get("conditions");
      if (conditions != null) {
        conditions.forEach(c -> ((ObjectNode) c).remove("lastTransitionTime"));
      }
    }
    return tree;
  }

  /** A deep copy, so a reconcile can build the next status without touching the cached resource. */
  public static <T> T copy(T status, Class<T> type) {
    return status == null ? null : MAPPER.convertValue(status, type);
  }
}
