package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node of a CRD's structural schema ({@code openAPIV3Schema}), as the API server reads it.
 *
 * <p>Parsing is strict: a keyword this class does not implement makes {@link #parse} throw, so a CRD that
 * starts using, say, {@code x-kubernetes-list-type: map} fails the tests loudly instead of being half-checked.
 */
final class SchemaNode {

  /** Keywords that are read and enforced (or, for documentation keywords, knowingly ignored). */
  private static final Set<String> KEYWORDS =
      Set.of(
          "type",
          "description",
          "title",
          "example",
          "externalDocs",
          "properties",
          "required",
          "items",
          "additionalProperties",
          "enum",
          "pattern",
          "format",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "minProperties",
          "maxProperties",
          "nullable",
          "default",
          "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-int-or-string",
          "x-kubernetes-validations",
          "x-kubernetes-list-type");

  private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean");

  private static final Set<String> RULE_KEYWORDS = Set.of("rule", "message", "messageExpression", "fieldPath", "reason");

  /** One entry of {@code x-kubernetes-validations}. */
  record RuleSpec(String rule, String message, String messageExpression, String fieldPath, String reason) {}

  final String type;
  final Map<String, SchemaNode> properties;
  final List<String> required;
  final SchemaNode items;
  /** The schema of additional properties; {@code null} when absent or a boolean. */
  final SchemaNode additionalProperties;
  /** {@code additionalProperties: true}: any further property is kept as it is. */
  final boolean additionalPropertiesAllowed;
  final List<JsonNode> enumValues;
  final String patternSource;
  final Pattern pattern;
  final String format;
  final BigDecimal minimum;
  final BigDecimal maximum;
  final boolean exclusiveMinimum;
  final boolean exclusiveMaximum;
  final Long minLength;
  final Long maxLength;
  final Long minItems;
  final Long maxItems;
  final Long minProperties;
  final Long maxProperties;
  final boolean nullable;
  final JsonNode defaultValue;
  final boolean preserveUnknownFields;
  final boolean intOrString;
  final List<RuleSpec> rules;

  private SchemaNode(JsonNode node, String location) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String keyword = names.next();
      if (!KEYWORDS.contains(keyword)) {
        throw new IllegalArgumentException(
            "Unsupported schema keyword '" + keyword + "' at " + location + ": extend SchemaNode/SchemaValidator");
      }
    }
    type = text(node, "type", location);
    if (type != null && !TYPES.contains(type)) {
      throw new IllegalArgumentException("Unknown type '" + type + "' at " + location);
    }
    String listType = text(node, "x-kubernetes-list-type", location);
    if (listType != null && !listType.equals("atomic")) {
      throw new IllegalArgumentException(
          "x-kubernetes-list-type '" + listType + "' at " + location + " is not supported (only atomic lists are)");
    }

    Map<String, SchemaNode> props = new LinkedHashMap<>();
    JsonNode propertiesNode = node.get("properties");
    if (propertiesNode != null) {
      propertiesNode
          .fields()
          .forEachRemaining(e -> props.put(e.getKey(), new SchemaNode(e.getValue(), location + ".properties." + e.getKey())));
    }
    properties = Collections.unmodifiableMap(props);

    List<String> req = new ArrayList<>();
    if (node.has("required")) {
      node.get("required").forEach(r -> req.add(r.asText()));
    }
    required = List.copyOf(req);

    items = node.has("items") ? new SchemaNode(node.get("items"), location + ".items") : null;

    JsonNode additional = node.get("additionalProperties");
    if (additional == null || additional.isBoolean()) {
      additionalProperties = null;
      additionalPropertiesAllowed = additional != null && additional.booleanValue();
    } else {
      additionalProperties = new SchemaNode(additional, location + ".additionalProperties");
      additionalPropertiesAllowed = true;
    }

    List<JsonNode> enums = new ArrayList<>();
    if (node.has("enum")) {
      node.get("enum").forEach(v -> enums.add(Json.canonical(v)));
    }
    enumValues = List.copyOf(enums);

    patternSource = text(node, "pattern", location);
    try {
      pattern = patternSource == null ? null : Pattern.compile(patternSource);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("Pattern at " + location + " is not an RE2 expression: " + e.getMessage(), e);
    }
    format = text(node, "format", location);
    minimum = decimal(node, "minimum");
    maximum = decimal(node, "maximum");
    exclusiveMinimum = node.path("exclusiveMinimum").asBoolean(false);
    exclusiveMaximum = node.path("exclusiveMaximum").asBoolean(false);
    minLength = integer(node, "minLength");
    maxLength = integer(node, "maxLength");
    minItems = integer(node, "minItems");
    maxItems = integer(node, "maxItems");
    minProperties = integer(node, "minProperties");
    maxProperties = integer(node, "maxProperties");
    nullable = node.path("nullable").asBoolean(false);
    defaultValue = node.has("default") ? Json.canonical(node.get("default")) : null;
    preserveUnknownFields = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    intOrString = node.path("x-kubernetes-int-or-string").asBoolean(false);

    List<RuleSpec> ruleSpecs = new ArrayList<>();
    JsonNode validations = node.get("x-kubernetes-validations");
    if (validations != null) {
      int i = 0;
      for (JsonNode v : validations) {
        String at = location + ".x-kubernetes-validations[" + i++ + "]";
        v.fieldNames()
            .forEachRemaining(
                k -> {
                  if (!RULE_KEYWORDS.contains(k)) {
                    throw new IllegalArgumentException("Unsupported validation rule keyword '" + k + "' at " + at);
                  }
                });
        String rule = text(v, "rule", at);
        if (rule == null || rule.isBlank()) {
          throw new IllegalArgumentException("Validation rule without a rule at " + at);
        }
        ruleSpecs.add(
            new RuleSpec(
                rule,
                text(v, "message", at),
                text(v, "messageExpression", at),
                text(v, "fieldPath", at),
                text(v, "reason", at)));
      }
    }
    rules = List.copyOf(ruleSpecs);
  }

  /** A synthetic node: the given properties, as an object. */
  private SchemaNode(Map<String, SchemaNode> properties, boolean preserveUnknownFields) {
    type = "object";
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    required = List.of();
    items = null;
    additionalProperties = null;
    additionalPropertiesAllowed = false;
    enumValues = List.of();
    patternSource = null;
    pattern = null;
    format = null;
    minimum = null;
    maximum = null;
    exclusiveMinimum = false;
    exclusiveMaximum = false;
    minLength = null;
    maxLength = null;
    minItems = null;
    maxItems = null;
    minProperties = null;
    maxProperties = null;
    nullable = false;
    defaultValue = null;
    this.preserveUnknownFields = preserveUnknownFields;
    intOrString = false;
    rules = List.of();
  }

  static SchemaNode parse(JsonNode openApiV3Schema, String location) {
    return new SchemaNode(openApiV3Schema, location);
  }

  /** A plain node of the given scalar type, for the synthetic parts of the root (apiVersion, kind, ...). */
  static SchemaNode scalar(String type) {
    return parse(Json.MAPPER.createObjectNode().put("type", type), "(synthetic)");
  }

  /** An object node with exactly these properties and nothing else. */
  static SchemaNode object(Map<String, SchemaNode> properties) {
    return new SchemaNode(properties, false);
  }

  /**
   * The root as CEL sees it: the schema's own properties plus {@code apiVersion}, {@code kind} and a
   * {@code metadata} limited to {@code name} and {@code generateName}, as the API server exposes them.
   */
  SchemaNode asCelRoot() {
    Map<String, SchemaNode> props = new LinkedHashMap<>();
    props.put("apiVersion", scalar("string"));
    props.put("kind", scalar("string"));
    props.put("metadata", object(Map.of("name", scalar("string"), "generateName", scalar("string"))));
    props.putAll(properties);
    SchemaNode root = new SchemaNode(props, preserveUnknownFields);
    return root;
  }

  /** Whether properties not declared here are kept (rather than pruned). */
  boolean keepsUnknownFields() {
    return preserveUnknownFields || additionalPropertiesAllowed;
  }

  boolean isObjectLike() {
    return "object".equals(type) || (type == null && (!properties.isEmpty() || additionalProperties != null));
  }

  private static String text(JsonNode node, String field, String location) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' at " + location + " must be a string");
    }
    return value.textValue();
  }

  private static BigDecimal decimal(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.decimalValue();
  }

  private static Long integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.longValue();
  }
}
