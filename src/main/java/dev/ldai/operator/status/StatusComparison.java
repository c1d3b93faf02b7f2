package dev.ldai.operator.status;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

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

  /**
   * Sets every field of {@code target} to its value in {@code source} (a status of the same class), nulls
   * included: a reconcile undoes what it recorded for a step that did not happen.
   */
  @SuppressWarnings("unchecked")
  public static <T> void overwrite(T target, T source) {
    T values = copy(source, (Class<T>) target.getClass());
    for (Class<?> type = target.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        try {
          field.setAccessible(true);
          field.set(target, field.get(values));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("Status fields are plain fields", e);
        }
      }
    }
  }

  /** A deep copy, so a reconcile can build the next status without touching the cached resource. */
  public static <T> T copy(T status, Class<T> type) {
    return status == null ? null : MAPPER.convertValue(status, type);
  }
}
