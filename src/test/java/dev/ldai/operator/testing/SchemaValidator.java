package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The structural-schema half of CRD admission: what the API server does to a custom resource before CEL.
 *
 * <ol>
 *   <li>{@link #prepare}: on decoding, fields the schema does not declare are pruned (silently; kubectl
 *       shows a warning), {@code null}s of non-nullable fields are dropped, and {@code default}s fill
 *       absent fields of present objects;
 *   <li>{@link #validate}: the OpenAPI keywords, with the API server's error types and messages (which
 *       come from kube-openapi's validator, e.g. {@code spec.key in body should match '^...$'}). On update,
 *       a value equal to the old one is not validated again ("ratcheting", on by default since 1.30).
 * </ol>
 */
final class SchemaValidator {

  /** Fields every object has at the root, handled by the API server itself rather than the schema. */
  static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private SchemaValidator() {}

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Pruning, nulls, defaults

  /** Prunes, drops nulls and defaults {@code object} in place; returns the paths of the pruned fields. */
  static List<String> prepare(ObjectNode object, SchemaNode root) {
    List<String> pruned = new ArrayList<>();
    prepare(object, root, "", true, pruned);
    return pruned;
  }

  private static void prepare(JsonNode node, SchemaNode schema, String path, boolean root, List<String> pruned) {
    if (schema == null) {
      return; // inside x-kubernetes-preserve-unknown-fields without a schema: kept as it is
    }
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        if (root && ROOT_FIELDS.contains(name)) {
          continue;
        }
        SchemaNode property = schema.properties.get(name);
        if (property == null) {
          property = schema.additionalProperties;
        }
        if (property == null) {
          if (!schema.keepsUnknownFields()) {
            pruned.add(child(path, name));
            fields.remove();
          }
          continue;
        }
        if (field.getValue().isNull() && !property.nullable) {
          fields.remove(); // a null of a non-nullable field is dropped, then defaulted below
          continue;
        }
        prepare(field.getValue(), property, child(path, name), false, pruned);
      }
      for (Map.Entry<String, SchemaNode> property : schema.properties.entrySet()) {
        if (property.getValue().defaultValue != null && !object.has(property.getKey())) {
          object.set(property.getKey(), property.getValue().defaultValue.deepCopy());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        prepare(array.get(i), schema.items, index(path, i), false, pruned);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  /**
   * The schema errors of {@code object}; with {@code old} (an update), unchanged values are skipped. The
   * root's {@code apiVersion}, {@code kind} and {@code metadata} are not the schema's business.
   */
  static List<FieldError> validate(JsonNode object, SchemaNode root, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    validate(object, root, "", old, old != null, true, errors);
    return errors;
  }

  private static void validate(
      JsonNode value, SchemaNode schema, String path, JsonNode old, boolean update, boolean root, List<FieldError> errors) {
    if (schema == null) {
      return;
    }
    if (update && old != null && old.equals(value)) {
      return; // ratcheting: an unchanged value is not validated again
    }
    if (value.isNull()) {
      if (!schema.nullable && schema.type != null) {
        errors.add(typeError(path, value, schema.type));
      }
      return;
    }
    // kube-openapi runs every validator that applies to the value's actual kind, even after a type error,
    // in this order: type, string (length, pattern), format, number, array, enum, object.
    typeMatches(value, schema, path, errors);
    if (value.isTextual()) {
      validateString(value, schema, path, errors);
    } else if (value.isNumber()) {
      validateNumber(value, schema, path, errors);
    } else if (value.isArray()) {
      validateArray(value, schema, path, errors);
    }
    if (!schema.enumValues.isEmpty() && schema.enumValues.stream().noneMatch(allowed -> sameValue(allowed, value))) {
      errors.add(FieldError.notSupported(path, value, schema.enumValues));
    }
    if (value.isObject()) {
      validateObject(value, schema, path, old, update, root, errors);
    }
  }

  private static void typeMatches(JsonNode value, SchemaNode schema, String path, List<FieldError> errors) {
    String actual = Json.typeName(value);
    if (schema.intOrString) {
      if (!actual.equals("integer") && !actual.equals("string")) {
        errors.add(FieldError.typeInvalid(path, Json.goQuote(actual), body(path) + " must be of type integer or string: " + Json.goQuote(actual)));
      }
      return;
    }
    if (schema.type == null) {
      return;
    }
    boolean matches =
        switch (schema.type) {
          case "number" -> value.isNumber();
          // kube-openapi accepts a float64 with an integral value as an integer
          case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
          default -> schema.type.equals(actual);
        };
    if (!matches) {
      errors.add(typeError(path, value, schema.type));
    }
  }

  private static FieldError typeError(String path, JsonNode value, String expected) {
    String actual = Json.goQuote(Json.typeName(value));
    return FieldError.typeInvalid(path, actual, body(path) + " must be of type " + expected + ": " + actual);
  }

  private static void validateString(JsonNode value, SchemaNode schema, String path, List<FieldError> errors) {
    String text = value.textValue();
    long length = text.codePointCount(0, text.length());
    if (schema.maxLength != null && length > schema.maxLength) {
      errors.add(FieldError.tooLong(path, schema.maxLength));
    }
    if (schema.minLength != null && length < schema.minLength) {
      errors.add(FieldError.invalid(path, value, body(path) + " should be at least " + schema.minLength + " chars long"));
    }
    if (schema.pattern != null && !schema.pattern.matcher(text).find()) {
      errors.add(FieldError.invalid(path, value, body(path) + " should match '" + schema.patternSource + "'"));
    }
    if (schema.format != null && !formatMatches(schema.format, text)) {
      errors.add(
          FieldError.typeInvalid(path, Json.goQuote(text), body(path) + " must be of type " + schema.format + ": " + Json.goQuote(text)));
    }
  }

  /** The formats kube-openapi checks that a CRD is likely to use; any other format is accepted, as there. */
  private static boolean formatMatches(String format, String text) {
    try {
      switch (format) {
        case "date-time" -> OffsetDateTime.parse(text);
        case "date" -> LocalDate.parse(text);
        case "uuid" -> {
          if (text.length() != 36) {
            return false;
          }
          UUID.fromString(text);
        }
        case "byte" -> Base64.getDecoder().decode(text);
        default -> {
          return true;
        }
      }
      return true;
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return false;
    }
  }

  private static void validateNumber(JsonNode value, SchemaNode schema, String path, List<FieldError> errors) {
    BigDecimal number = Json.decimal(value);
    if (schema.minimum != null) {
      int c = number.compareTo(schema.minimum);
      if (schema.exclusiveMinimum ? c <= 0 : c < 0) {
        errors.add(
            FieldError.invalid(
                path,
                value,
                body(path) + " should be greater than " + (schema.exclusiveMinimum ? "" : "or equal to ") + Json.goFloat(schema.minimum.doubleValue())));
      }
    }
    if (schema.maximum != null) {
      int c = number.compareTo(schema.maximum);
      if (schema.exclusiveMaximum ? c >= 0 : c > 0) {
        errors.add(
            FieldError.invalid(
                path,
                value,
                body(path) + " should be less than " + (schema.exclusiveMaximum ? "" : "or equal to ") + Json.goFloat(schema.maximum.doubleValue())));
      }
    }
  }

  private static void validateArray(JsonNode value, SchemaNode schema, String path, List<FieldError> errors) {
    if (schema.maxItems != null && value.size() > schema.maxItems) {
      errors.add(FieldError.tooMany(path, value.size(), schema.maxItems));
    }
    if (schema.minItems != null && value.size() < schema.minItems) {
      errors.add(FieldError.invalid(path, value, body(path) + " should have at least " + schema.minItems + " items"));
    }
    for (int i = 0; i < value.size(); i++) {
      // atomic lists: items have no correlated old value, so they are always validated
      validate(value.get(i), schema.items, index(path, i), null, false, false, errors);
    }
  }

  private static void validateObject(
      JsonNode value, SchemaNode schema, String path, JsonNode old, boolean update, boolean root, List<FieldError> errors) {
    int size = 0;
    for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!(root && ROOT_FIELDS.contains(name))) {
        size++;
      }
    }
    if (schema.maxProperties != null && size > schema.maxProperties) {
      errors.add(FieldError.tooMany(path, size, schema.maxProperties));
    }
    if (schema.minProperties != null && size < schema.minProperties) {
      errors.add(FieldError.invalid(path, value, body(path) + " should have at least " + schema.minProperties + " properties"));
    }
    for (String name : schema.required) {
      if (!value.has(name)) {
        errors.add(FieldError.required(child(path, name)));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (root && ROOT_FIELDS.contains(field.getKey())) {
        continue;
      }
      SchemaNode property = schema.properties.get(field.getKey());
      if (property == null) {
        property = schema.additionalProperties;
      }
      JsonNode oldField = old != null && old.isObject() ? old.get(field.getKey()) : null;
      validate(field.getValue(), property, child(path, field.getKey()), oldField, update, false, errors);
    }
  }

  /** Enum membership compares like Go's DeepEqual on decoded JSON, but 1 and 1.0 are one number there too. */
  private static boolean sameValue(JsonNode allowed, JsonNode value) {
    if (allowed.isNumber() && value.isNumber()) {
      return Json.decimal(allowed).compareTo(Json.decimal(value)) == 0;
    }
    return allowed.equals(value);
  }

  /** kube-openapi names the field in its messages as {@code <path> in body}. */
  private static String body(String path) {
    return path + " in body";
  }
}
