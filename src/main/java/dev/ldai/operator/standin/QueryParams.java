package dev.ldai.operator.standin;

import java.util.Map;

/** Query parameters as LaunchDarkly reads them, refusing malformed values with 400. */
final class QueryParams {

  private QueryParams() {}

  static int nonNegativeInt(Map<String, String> query, String name, int fallback) {
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

  static boolean bool(Map<String, String> query, String name) {
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
