package dev.ldai.operator.cli;

/**
 * Why the API server would refuse a manifest: the field, as a path such as {@code spec.edges[0].key} or
 * {@code metadata.name}, and a short reason such as {@code Required value} or a CEL rule's own message.
 */
public record Violation(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
