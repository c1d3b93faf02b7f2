package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An object of one of LaunchDarkly's request schemas: its fields' types and which are required. Fields
 * it does not declare are let through, as the description allows them (none of these schemas sets
 * {@code additionalProperties: false}); the store ignores them.
 */
final class ObjectSchema implements FieldCheck {

  private final Map<String, FieldCheck> fields = new LinkedHashMap<>();
  private final Set<String> required = new LinkedHashSet<>();

  ObjectSchema required(String field, FieldCheck check) {
    required.add(field);
    return optional(field, check);
  }

  ObjectSchema optional(String field, FieldCheck check) {
    fields.put(field, check);
    return this;
  }

  /** The fields this schema declares. */
  Set<String> fields() {
    return fields.keySet();
  }

  /** Checks a whole request body. */
  void checkBody(JsonNode body) {
    check("", body);
  }

  @Override
  public void check(String at, JsonNode value) {
    if (!value.isObject()) {
      throw StandInError.invalid((at.isEmpty() ? "body" : at) + ": expected an object");
    }
    String prefix = at.isEmpty() ? "" : at + ".";
    for (String field : required) {
      if (!value.has(field)) {
        throw StandInError.invalid(prefix + field + " is required");
      }
    }
    fields.forEach((field, check) -> {
      JsonNode fieldValue = value.get(field);
      if (fieldValue != null) {
        check.check(prefix + field, fieldValue);
      }
    });
  }
}
