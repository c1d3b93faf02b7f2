package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** JSON values as the API server's decoder sees them: integers are int64, other numbers float64. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Json() {}

  /**
   * A deep copy with every integral number as a {@link LongNode} and every other number as a
   * {@link DoubleNode}, so that {@link JsonNode#equals} compares like Go's {@code reflect.DeepEqual} on
   * decoded JSON ({@code 1} and {@code 1.0} differ, {@code 1} read as int or long do not).
   */
  static JsonNode canonical(JsonNode node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node.isObject()) {
      ObjectNode copy = f.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), canonical(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = f.arrayNode();
      node.forEach(item -> copy.add(canonical(item)));
      return copy;
    }
    if (node.isIntegralNumber()) {
      BigInteger value = node.bigIntegerValue();
      if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
        return LongNode.valueOf(value.longValue());
      }
      return DoubleNode.valueOf(value.doubleValue());
    }
    if (node.isNumber()) {
      return DoubleNode.valueOf(node.doubleValue());
    }
    return node.deepCopy();
  }

  /** The JSON type name the OpenAPI validator reports: integer, number, string, boolean, object, array, null. */
  static String typeName(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    if (node.isIntegralNumber()) {
      return "integer";
    }
    if (node.isNumber()) {
      return "number";
    }
    throw new IllegalArgumentException("Not a JSON value: " + node.getNodeType());
  }

  static BigDecimal decimal(JsonNode number) {
    return number.isIntegralNumber() ? new BigDecimal(number.bigIntegerValue()) : new BigDecimal(Double.toString(number.doubleValue()));
  }

  /** A resource, map, JSON tree or YAML/JSON text, as a canonical JSON tree (never the caller's instance). */
  static JsonNode of(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("No object given");
    }
    JsonNode tree;
    if (value instanceof JsonNode node) {
      tree = node;
    } else if (value instanceof String text) {
      try {
        tree = YAML.readTree(text);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("Not a YAML or JSON document: " + e.getMessage(), e);
      }
    } else if (value instanceof Map<?, ?> map) {
      tree = MAPPER.valueToTree(map);
    } else {
      // Fabric8 resources and anything else Jackson-annotated, serialized as the client would send them.
      tree = SERIALIZATION.convertValue(value, JsonNode.class);
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("Not a JSON object: " + value);
    }
    return canonical(tree);
  }

  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();

  /** Go's {@code %q} of a string: double-quoted, with Go's escapes. */
  static String goQuote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0x07 -> out.append("\\a");
                case 0x08 -> out.append("\\b");
                case 0x0c -> out.append("\\f");
                case 0x0b -> out.append("\\v");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    out.append(String.format("\\x%02x", cp));
                  } else if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
                    out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                  } else {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  /** Go's {@code %v} of a float64: the shortest representation, in exponent form below 1e-4 or from 1e6. */
  static String goFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal value = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = value.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - value.scale(); // position of the first digit
    // strconv.FormatFloat(f, 'g', -1, 64): with the shortest precision, %e when exp < -4 || exp >= 6.
    String sign = d < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exp = String.format("%02d", Math.abs(exponent));
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
    return sign + value.abs().toPlainString();
  }

  /** Go's {@code %v} of a decoded JSON scalar (int64, float64, bool); strings are quoted. */
  static String goValue(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isTextual()) {
      return goQuote(node.textValue());
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (node.isNumber()) {
      return goFloat(node.doubleValue());
    }
    if (node.isBoolean()) {
      return Boolean.toString(node.booleanValue());
    }
    // Go would print the map or slice with %#v; compact JSON is close enough and readable.
    return node.toString();
  }
}
