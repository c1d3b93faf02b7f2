package dev.ldai.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * One node of a CRD's structural OpenAPI v3 schema, and the check of a manifest's value against it as
 * kube-apiserver 1.28 makes it on create: the nulls of non-nullable fields are dropped and defaults applied
 * first, then type, required, enum, pattern, lengths, item and property counts, bounds, list-type uniqueness
 * and unknown fields, and the node's {@link CelRules}.
 */
final class StructuralSchema {

  /** What a schema may say. Anything else fails loudly when the CRD is loaded, rather than go unchecked. */
  private static final Set<String> KEYWORDS = Set.of("type", "description", "title", "example", "externalDocs",
      "default", "properties", "items", "additionalProperties", "required", "enum", "pattern", "minLength",
      "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minimum", "maximum",
      "exclusiveMinimum", "exclusiveMaximum", "nullable", "anyOf", "x-kubernetes-preserve-unknown-fields",
      "x-kubernetes-int-or-string", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
      "x-kubernetes-map-type", "x-kubernetes-validations");
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final String type;
  private final Map<String, StructuralSchema> properties = new LinkedHashMap<>();
  private final StructuralSchema items;
  private final StructuralSchema additionalProperties;
  private final List<String> required = new ArrayList<>();
  private final JsonNode enumValues;
  private final Pattern pattern;
  private final Long minLength;
  private final Long maxLength;
  private final Long minItems;
  private final Long maxItems;
  private final Long minProperties;
  private final Long maxProperties;
  private final BigDecimal minimum;
  private final BigDecimal maximum;
  private final boolean exclusiveMinimum;
  private final boolean exclusiveMaximum;
  private final boolean nullable;
  private final boolean preserveUnknownFields;
  private final boolean intOrString;
  private final String listType;
  private final List<String> listMapKeys = new ArrayList<>();
  private final JsonNode defaultValue;
  private final CelRules rules;

  /** The schema {@code node}, found at {@code where} (for the messages of a schema that cannot be checked). */
  StructuralSchema(JsonNode node, String where) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String keyword = names.next();
      if (!KEYWORDS.contains(keyword)) {
        throw new IllegalArgumentException(where + " uses " + keyword + ", which the offline validation does not check");
      }
    }
    type = text(node, "type");
    node.path("properties").fields().forEachRemaining(property ->
        properties.put(property.getKey(), new StructuralSchema(property.getValue(), where + "." + property.getKey())));
    items = node.has("items") ? new StructuralSchema(node.get("items"), where + "[]") : null;
    if (node.has("additionalProperties") && !node.get("additionalProperties").isObject()) {
      throw new IllegalArgumentException(where + ": additionalProperties is not a schema");
    }
    additionalProperties =
        node.has("additionalProperties") ? new StructuralSchema(node.get("additionalProperties"), where + "[*]") : null;
    node.path("required").forEach(name -> required.add(name.asText()));
    enumValues = node.get("enum");
    pattern = node.has("pattern") ? Pattern.compile(node.get("pattern").asText()) : null;
    minLength = count(node, "minLength");
    maxLength = count(node, "maxLength");
    minItems = count(node, "minItems");
    maxItems = count(node, "maxItems");
    minProperties = count(node, "minProperties");
    maxProperties = count(node, "maxProperties");
    minimum = node.has("minimum") ? node.get("minimum").decimalValue() : null;
    maximum = node.has("maximum") ? node.get("maximum").decimalValue() : null;
    exclusiveMinimum = node.path("exclusiveMinimum").asBoolean();
    exclusiveMaximum = node.path("exclusiveMaximum").asBoolean();
    nullable = node.path("nullable").asBoolean();
    preserveUnknownFields = node.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    intOrString = node.path("x-kubernetes-int-or-string").asBoolean();
    if (node.has("anyOf") && !intOrString) {
      // The one anyOf understood here is that of an IntOrString, [{type: integer}, {type: string}], which it says already.
      throw new IllegalArgumentException(
          where + " uses anyOf without x-kubernetes-int-or-string, which the offline validation does not check");
    }
    listType = text(node, "x-kubernetes-list-type");
    node.path("x-kubernetes-list-map-keys").forEach(key -> listMapKeys.add(key.asText()));
    defaultValue = node.get("default");
    rules = CelRules.compile(node.get("x-kubernetes-validations"), where);
  }

  /** The schema of the property {@code name}, or null. */
  StructuralSchema property(String name) {
    return properties.get(name);
  }

  boolean hasRules() {
    return !rules.isEmpty();
  }

  /**
   * Checks {@code value}, the field at {@code path} ("" for the object itself), into {@code findings}; returns its
   * value for CEL rules, defaults applied and unknown fields dropped.
   */
  Object check(JsonNode value, String path, Findings findings) {
    if (value.isNull()) {
      // The API server evaluates no rule on a null.
      if (nullable || (type == null && !intOrString)) {
        return NullValue.NULL_VALUE;
      }
      findings.addBlocking(path, "must be of type " + expectedType() + ", got null");
      return null;
    }
    String actual = typeOf(value);
    boolean accepted = intOrString ? actual.equals("integer") || actual.equals("string")
        : type == null || type.equals(actual) || (type.equals("number") && actual.equals("integer"));
    if (!accepted) {
      findings.addBlocking(path, "must be of type " + expectedType() + ", got " + actual);
      return null;
    }
    if (enumValues != null && !inEnum(value)) {
      findings.add(path, "must be one of: " + StreamSupport.stream(enumValues.spliterator(), false)
          .map(option -> option.isTextual() ? option.asText() : option.toString()).collect(Collectors.joining(", ")));
    }
    Findings children = new Findings();
    Object self = switch (actual) {
      case "object" -> object(value, path, findings, children);
      case "array" -> array(value, path, findings, children);
      default -> scalar(value, actual, path, findings);
    };
    if (!rules.isEmpty()) {
      findings.addRules(() -> rules.evaluate(self, path));
    }
    findings.addAll(children);
    return self;
  }

  /** Reports the fields of {@code value} the schema does not declare, as strict field validation does; nothing else. */
  void reportUnknownFields(JsonNode value, String path, Findings findings) {
    if (value.isObject() && !preserveUnknownFields) {
      value.fields().forEachRemaining(field -> {
        StructuralSchema schema = properties.getOrDefault(field.getKey(), additionalProperties);
        String fieldPath = join(path, field.getKey());
        if (schema == null) {
          findings.add(fieldPath, unknownField(fieldPath));
        } else {
          schema.reportUnknownFields(field.getValue(), fieldPath, findings);
        }
      });
    } else if (value.isArray() && items != null) {
      for (int i = 0; i < value.size(); i++) {
        items.reportUnknownFields(value.get(i), path + "[" + i + "]", findings);
      }
    }
  }

  private Map<String, Object> object(JsonNode value, String path, Findings findings, Findings children) {
    for (String name : required) {
      if (!present(value, name)) {
        findings.addBlocking(join(path, name), "Required value");
      }
    }
    if (maxProperties != null && value.size() > maxProperties) {
      findings.addBlocking(path, "must have at most " + maxProperties + " properties");
    }
    if (minProperties != null && value.size() < minProperties) {
      findings.add(path, "must have at least " + minProperties + " properties");
    }
    Map<String, Object> self = new LinkedHashMap<>();
    value.fields().forEachRemaining(field -> {
      StructuralSchema schema = properties.getOrDefault(field.getKey(), additionalProperties);
      String fieldPath = join(path, field.getKey());
      if (schema == null) {
        if (preserveUnknownFields) {
          self.put(field.getKey(), dyn(field.getValue()));
        } else {
          children.add(fieldPath, unknownField(fieldPath));
        }
      } else if (!field.getValue().isNull() || schema.nullable) {
        self.put(field.getKey(), schema.check(field.getValue(), fieldPath, children));
      }
    });
    properties.forEach((name, schema) -> {
      if (!self.containsKey(name) && schema.defaultValue != null) {
        self.put(name, schema.check(schema.defaultValue, join(path, name), new Findings()));
      }
    });
    return self;
  }

  /** Whether a required field is there once nulls are dropped and defaults applied, as the API server decodes it. */
  private boolean present(JsonNode object, String name) {
    JsonNode field = object.get(name);
    StructuralSchema schema = properties.get(name);
    if (schema != null && schema.defaultValue != null) {
      return true;
    }
    return field != null && (!field.isNull() || (schema != null && schema.nullable));
  }

  private List<Object> array(JsonNode value, String path, Findings findings, Findings children) {
    if (maxItems != null && value.size() > maxItems) {
      findings.addBlocking(path, "must have at most " + maxItems + " items");
    }
    if (minItems != null && value.size() < minItems) {
      findings.add(path, "must have at least " + minItems + " items");
    }
    if ("set".equals(listType) || "map".equals(listType)) {
      Set<JsonNode> seen = new HashSet<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode identity = "set".equals(listType) ? value.get(i) : mapKeys(value.get(i));
        if (!seen.add(identity)) {
          findings.add(path + "[" + i + "]", "duplicate value: " + identity);
        }
      }
    }
    List<Object> self = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      self.add(items == null ? dyn(value.get(i)) : items.check(value.get(i), path + "[" + i + "]", children));
    }
    return self;
  }

  /** The fields that identify an item of a list of type map. */
  private JsonNode mapKeys(JsonNode item) {
    ObjectNode keys = JsonNodeFactory.instance.objectNode();
    for (String key : listMapKeys) {
      JsonNode field = item.get(key);
      if (field == null && items != null && items.property(key) != null) {
        field = items.property(key).defaultValue;
      }
      keys.set(key, field);
    }
    return keys;
  }

  private Object scalar(JsonNode value, String actual, String path, Findings findings) {
    switch (actual) {
      case "string" -> {
        String text = value.asText();
        long length = text.codePointCount(0, text.length());
        if (maxLength != null && length > maxLength) {
          findings.addBlocking(path, "must have at most " + maxLength + " characters");
        }
        if (minLength != null && length < minLength) {
          findings.add(path, "must have at least " + minLength + " characters");
        }
        if (pattern != null && !pattern.matcher(text).find()) {
          findings.add(path, "must match " + pattern.pattern());
        }
        return text;
      }
      case "integer", "number" -> {
        BigDecimal number = value.decimalValue();
        if (minimum != null && (exclusiveMinimum ? number.compareTo(minimum) <= 0 : number.compareTo(minimum) < 0)) {
          findings.add(path, "must be greater than " + (exclusiveMinimum ? "" : "or equal to ") + plain(minimum));
        }
        if (maximum != null && (exclusiveMaximum ? number.compareTo(maximum) >= 0 : number.compareTo(maximum) > 0)) {
          findings.add(path, "must be less than " + (exclusiveMaximum ? "" : "or equal to ") + plain(maximum));
        }
        return "number".equals(type) ? (Object) value.doubleValue() : dyn(value);
      }
      default -> {
        return value.booleanValue();
      }
    }
  }

  private boolean inEnum(JsonNode value) {
    for (JsonNode option : enumValues) {
      if (option.equals(value)
          || (option.isNumber() && value.isNumber() && option.decimalValue().compareTo(value.decimalValue()) == 0)) {
        return true;
      }
    }
    return false;
  }

  private String expectedType() {
    return intOrString ? "integer or string" : type;
  }

  /**
   * The JSON type of {@code value}. A number without a fraction is an integer even when written {@code 1.0}:
   * kubectl sends it as {@code 1}, as it re-encodes every manifest it reads.
   */
  private static String typeOf(JsonNode value) {
    if (value.isObject()) {
      return "object";
    } else if (value.isArray()) {
      return "array";
    } else if (value.isTextual()) {
      return "string";
    } else if (value.isBoolean()) {
      return "boolean";
    } else if (value.isNumber()) {
      return isInteger(value) ? "integer" : "number";
    }
    return "null";
  }

  private static boolean isInteger(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.canConvertToLong();
    }
    if (!Double.isFinite(value.doubleValue())) {
      return false;
    }
    BigDecimal number = value.decimalValue();
    return (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0)
        && number.compareTo(LONG_MIN) >= 0 && number.compareTo(LONG_MAX) <= 0;
  }

  /** A value of no declared schema, for CEL: integers are int64, other numbers double. */
  static Object dyn(JsonNode value) {
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.fields().forEachRemaining(field -> map.put(field.getKey(), dyn(field.getValue())));
      return map;
    } else if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      value.forEach(item -> list.add(dyn(item)));
      return list;
    } else if (value.isTextual()) {
      return value.asText();
    } else if (value.isBoolean()) {
      return value.booleanValue();
    } else if (value.isNumber()) {
      return isInteger(value) ? (Object) value.decimalValue().longValueExact() : (Object) value.doubleValue();
    }
    return NullValue.NULL_VALUE;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String unknownField(String path) {
    return "unknown field \"" + path + "\"";
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static Long count(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asLong() : null;
  }
}
