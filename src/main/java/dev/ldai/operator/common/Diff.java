package dev.ldai.operator.common;

import java.util.List;

/** Where LaunchDarkly differs from the spec: the fields, and what the kind sends to bring them back. */
public record Diff<P>(List<String> fields, P change) {

  public boolean isEmpty() {
    return fields.isEmpty();
  }
}
