package dev.ldai.operator.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** Semantic equality used when comparing a spec with what LaunchDarkly holds. */
public final class Semantic {

  private Semantic() {}

  /** JSON equality where numbers compare by value, so 1 equals 1.0. A null node equals an empty object. */
  public static boolean sameJson(JsonNode wanted, JsonNode actual) {
    JsonNode left = emptyToNull(wanted);
    JsonNode right = emptyToNull(actual);
    if (left == null || right == null) {
      return left == right;
    }
    return left.equals(
        (a, b) -> {
          if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
          }
          return a.equals(b) ? 0 : 1;
        },
        right);
  }

  private static JsonNode emptyToNull(JsonNode node) {
    return node == null || node.isNull() || (node.isObject() && node.isEmpty()) ? null : node;
  }

  /** Tags compare as sets; a null list equals an empty one. */
  public static boolean sameTags(Collection<String> wanted, Collection<String> actual) {
    return new HashSet<>(wanted == null ? List.of() : wanted)
        .equals(new HashSet<>(actual == null ? List.of() : actual));
  }

  public static boolean sameNumber(Double wanted, Double actual) {
    if (wanted == null || actual == null) {
      return Objects.equals(wanted, actual);
    }
    return Double.compare(wanted, actual) == 0;
  }
}
