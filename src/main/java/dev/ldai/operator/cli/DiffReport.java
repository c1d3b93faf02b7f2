package dev.ldai.operator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ldai.operator.cli.PlannedChange.Action;
import dev.ldai.operator.cli.PlannedChange.FieldChange;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A diff's planned changes as a reviewer reads them (a block per manifest that changes, is observed or would not
 * sync, and if asked a line per one that changes nothing; each changed field as {@code before → after}, texts as unified diffs; a summary line that counts the
 * unchanged too) or as JSON for machines (every manifest).
 */
final class DiffReport {

  private static final String ARROW = " → ";
  private static final Map<Action, String> MARKS = new EnumMap<>(Map.of(Action.CREATE, "+", Action.UPDATE, "~",
      Action.REPLACE, "-/+", Action.DELETE, "-", Action.ADOPT, "=", Action.NONE, "=", Action.OBSERVE, "?", Action.REFUSE, "!"));
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<PlannedChange> changes;
  private final boolean showUnchanged;

  /** @param showUnchanged whether the text shows a line for each manifest that changes nothing too */
  DiffReport(List<PlannedChange> changes, boolean showUnchanged) {
    this.changes = List.copyOf(changes);
    this.showUnchanged = showUnchanged;
  }

  /** 2 when a write would be made, 0 when none would; 1 when a resource would not sync. */
  int exitCode() {
    if (changes.stream().anyMatch(change -> change.action() == Action.REFUSE)) {
      return 1;
    }
    return changes.stream().anyMatch(PlannedChange::changes) ? 2 : 0;
  }

  String json() {
    Map<String, Object> report = Map.of("changes", changes, "summary", summary(), "writes", writes());
    try {
      return JSON.writeValueAsString(new java.util.TreeMap<>(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan is always JSON", e);
    }
  }

  String text() {
    StringBuilder out = new StringBuilder();
    for (PlannedChange change : changes) {
      if (!showUnchanged && (change.action() == Action.NONE || change.action() == Action.ADOPT)) {
        continue;
      }
      out.append("%s %s %s/%s (%s): %s%n".formatted(MARKS.get(change.action()), change.kind(), change.namespace(), change.name(),
          change.origin(), headline(change)));
      if (change.reason() != null) {
        out.append("    ").append(change.reason()).append('\n');
      }
      for (FieldChange field : change.fields()) {
        appendField(out, field);
      }
      if (change.serving() != null && !change.serving().before().equals(change.serving().after())) {
        appendServing(out, change.serving());
      }
      change.notes().forEach(note -> out.append("    note: ").append(note).append('\n'));
      change.writes().forEach(write -> out.append("    write: ").append(write).append('\n'));
    }
    Map<String, Integer> summary = summary();
    int writes = writes();
    out.append(("%nPlan: %d to create, %d to update, %d to replace, %d to delete, %d unchanged (%d adopted), %d observed,"
        + " %d refused; %d write%s to LaunchDarkly.%n").formatted(summary.get("create"), summary.get("update"), summary.get("replace"),
        summary.get("delete"), summary.get("none") + summary.get("adopt"), summary.get("adopt"), summary.get("observe"),
        summary.get("refuse"), writes, writes == 1 ? "" : "s"));
    return out.toString();
  }

  private static String headline(PlannedChange change) {
    return switch (change.action()) {
      case CREATE -> "create " + change.object();
      case UPDATE -> "update " + change.object();
      case REPLACE -> "replace " + change.object() + " (LaunchDarkly takes no update of it: deleted and created again)";
      case DELETE -> "delete " + change.object();
      case ADOPT -> "adopt " + change.object() + ", no change";
      case NONE -> "no change to " + change.object();
      case OBSERVE -> change.fields().isEmpty()
          ? "observe " + change.object() + ", which matches"
          : "observe " + change.object() + ", which differs (managementPolicy Observe: not written)";
      case REFUSE -> "would not sync: " + change.object();
    };
  }

  private int writes() {
    return changes.stream().mapToInt(change -> change.writes().size()).sum();
  }

  private Map<String, Integer> summary() {
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (Action action : Action.values()) {
      counts.put(action.name().toLowerCase(java.util.Locale.ROOT), (int) changes.stream().filter(change -> change.action() == action).count());
    }
    return counts;
  }

  private static void appendField(StringBuilder out, FieldChange field) {
    String before = asText(field.field(), field.before());
    String after = asText(field.field(), field.after());
    if (isMultiLine(before) || isMultiLine(after)) {
      out.append("    ").append(field.field()).append(":\n");
      List<String> lines = field.before() == null
          ? lines('+', after)
          : UnifiedDiff.of(Objects.requireNonNullElse(before, ""), Objects.requireNonNullElse(after, ""));
      if (lines.isEmpty()) {
        lines = List.of("(the same lines; only the newline at the end differs)");
      }
      lines.forEach(line -> out.append("        ").append(line).append('\n'));
      return;
    }
    out.append("    ").append(field.field()).append(": ")
        .append(field.before() == null ? "" : compact(field.before()) + ARROW)
        .append(field.after() == null ? "(not set)" : compact(field.after())).append('\n');
  }

  private static void appendServing(StringBuilder out, PlannedChange.Serving serving) {
    out.append("    serves:\n");
    for (Map.Entry<String, String> part : serving.after().entrySet()) {
      String before = serving.before().get(part.getKey());
      out.append("      ").append(part.getKey()).append(": ")
          .append(before == null ? part.getValue() : before.equals(part.getValue()) ? before + " (unchanged)" : before + ARROW + part.getValue())
          .append('\n');
    }
  }

  /**
   * A value as text: a string as it is, messages as {@code [role]} lines each followed by its content, so that a
   * prompt reads (and diffs) as text; other values as compact JSON.
   */
  private static String asText(String field, JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (field.equals("messages") && value.isArray()) {
      List<String> lines = new ArrayList<>();
      value.forEach(message -> {
        lines.add("[" + message.path("role").asText() + "]");
        lines.add(message.path("content").asText());
      });
      return String.join("\n", lines);
    }
    return compact(value);
  }

  private static boolean isMultiLine(String text) {
    return text != null && text.contains("\n");
  }

  private static List<String> lines(char mark, String text) {
    return text.lines().map(line -> mark + line).collect(Collectors.toList());
  }

  private static String compact(JsonNode value) {
    return value.toString();
  }
}
