package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * Checks one value of a request body against the type LaunchDarkly's request schema declares for it,
 * refusing a mismatch with 400 {@code invalid_request} naming the field ({@code at}, e.g. {@code tags[0]}).
 */
@FunctionalInterface
interface FieldCheck {

  void check(String at, JsonNode value);

  static FieldCheck string() {
    return (at, value) -> expect(value.isTextual(), at, "a string");
  }

  static FieldCheck bool() {
    return (at, value) -> expect(value.isBoolean(), at, "a boolean");
  }

  static FieldCheck number() {
    return (at, value) -> expect(value.isNumber(), at, "a number");
  }

  static FieldCheck integer() {
    return (at, value) -> expect(value.isIntegralNumber(), at, "an integer");
  }

  static FieldCheck integerWithin(long minimum, long maximum) {
    return (at, value) -> {
      expect(value.isIntegralNumber(), at, "an integer");
      long n = value.longValue();
      if (n < minimum || n > maximum) {
        throw StandInError.invalid(at + ": expected an integer from " + minimum + " to " + maximum);
      }
    };
  }

  /** A string matching {@code pattern} in whole; {@code described} says what that is when it does not. */
  static FieldCheck matching(String pattern, String described) {
    Pattern compiled = Pattern.compile(pattern);
    return (at, value) -> {
      expect(value.isTextual(), at, "a string");
      expect(compiled.matcher(value.asText()).matches(), at, described);
    };
  }

  /** A string, number or boolean: a value a targeting clause compares with. */
  static FieldCheck scalar() {
    return (at, value) -> expect(value.isTextual() || value.isNumber() || value.isBoolean(), at,
        "a string, number or boolean");
  }

  /** Any JSON value, where the description gives no type. */
  static FieldCheck any() {
    return (at, value) -> {};
  }

  static FieldCheck numberWithin(double minimum, double maximum) {
    return (at, value) -> {
      expect(value.isNumber(), at, "a number");
      double n = value.doubleValue();
      if (n < minimum || n > maximum) {
        throw StandInError.invalid(at + ": expected a number from " + minimum + " to " + maximum);
      }
    };
  }

  /** A free-form object ({@code type: object} without properties). */
  static FieldCheck anyObject() {
    return (at, value) -> expect(value.isObject(), at, "an object");
  }

  static FieldCheck oneOf(String... allowed) {
    return (at, value) -> {
      expect(value.isTextual(), at, "a string");
      for (String candidate : allowed) {
        if (candidate.equals(value.asText())) {
          return;
        }
      }
      throw StandInError.invalid(at + ": expected one of " + String.join(", ", allowed));
    };
  }

  /** An object used as a map: any keys, each value checked by {@code values}. */
  static FieldCheck mapOf(FieldCheck values) {
    return (at, value) -> {
      expect(value.isObject(), at, "an object");
      value.fields().forEachRemaining(e -> values.check(at + "." + e.getKey(), e.getValue()));
    };
  }

  static FieldCheck arrayOf(FieldCheck items) {
    return (at, value) -> {
      expect(value.isArray(), at, "an array");
      for (int i = 0; i < value.size(); i++) {
        items.check(at + "[" + i + "]", value.get(i));
      }
    };
  }

  /** A JSON null is refused like any other wrong type: the description marks no field nullable. */
  private static void expect(boolean holds, String at, String expected) {
    if (!holds) {
      throw StandInError.invalid(at + ": expected " + expected);
    }
  }
}
