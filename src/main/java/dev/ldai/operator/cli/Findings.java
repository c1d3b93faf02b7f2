package dev.ldai.operator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The violations of one manifest in document order, with its CEL rules in their places. As kube-apiserver
 * 1.28 does, no rule is evaluated when the schema check found a blocking violation anywhere (a missing
 * required field, a wrong type, a string or list too long): the rules are written against the schema's types.
 */
final class Findings {

  /** A violation found, or rules to evaluate at the end. */
  private record Entry(Violation violation, Supplier<List<Violation>> rules) {}

  private final List<Entry> entries = new ArrayList<>();
  private boolean blocked;

  /** A violation after which the CEL rules are still evaluated (pattern, enum, bounds, unknown fields, ...). */
  void add(String field, String message) {
    entries.add(new Entry(new Violation(field, message), null));
  }

  /** A violation that keeps every CEL rule of the manifest from being evaluated. */
  void addBlocking(String field, String message) {
    entries.add(new Entry(new Violation(field, message), null));
    blocked = true;
  }

  /** CEL rules evaluated once the whole manifest is checked, unless a blocking violation was found. */
  void addRules(Supplier<List<Violation>> rules) {
    entries.add(new Entry(null, rules));
  }

  void addAll(Findings other) {
    entries.addAll(other.entries);
    blocked |= other.blocked;
  }

  List<Violation> violations() {
    List<Violation> violations = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.violation() != null) {
        violations.add(entry.violation());
      } else if (!blocked) {
        violations.addAll(entry.rules().get());
      }
    }
    return List.copyOf(violations);
  }
}
