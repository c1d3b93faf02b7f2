package dev.ldai.operator.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The unified diff of two texts, line by line, as {@code diff -u} shows it: hunks of changed lines with up to
 * {@value #CONTEXT} unchanged lines around them. Lines are matched by a longest common subsequence, which for
 * prompts (tens to hundreds of lines) is quick.
 */
final class UnifiedDiff {

  static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /**
   * The hunks, each line prefixed by {@code ' '}, {@code '-'} or {@code '+'}; empty when the texts have the same
   * lines (they may still differ in a newline at the end).
   */
  static List<String> of(String before, String after) {
    List<String> left = lines(before);
    List<String> right = lines(after);
    List<Line> edits = edits(left, right);
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).kind() == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int lastChange = i;
      while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
        if (edits.get(end).kind() != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(edits.size(), lastChange + CONTEXT + 1);
      out.add(header(edits, start, end));
      for (int k = start; k < end; k++) {
        out.add(edits.get(k).kind() + edits.get(k).text());
      }
      i = end;
    }
    return out;
  }

  private record Line(char kind, String text, int leftNumber, int rightNumber) {}

  private static String header(List<Line> edits, int start, int end) {
    int leftStart = 0;
    int leftCount = 0;
    int rightStart = 0;
    int rightCount = 0;
    for (int k = start; k < end; k++) {
      Line line = edits.get(k);
      if (line.kind() != '+') {
        leftStart = leftCount++ == 0 ? line.leftNumber() : leftStart;
      }
      if (line.kind() != '-') {
        rightStart = rightCount++ == 0 ? line.rightNumber() : rightStart;
      }
    }
    return "@@ -%s +%s @@".formatted(range(leftStart, leftCount, edits, start, true), range(rightStart, rightCount, edits, start, false));
  }

  /** As diff -u numbers a range: an empty one by the line before it. */
  private static String range(int first, int count, List<Line> edits, int start, boolean left) {
    if (count == 0) {
      int before = 0;
      for (int k = 0; k < start; k++) {
        Line line = edits.get(k);
        before = Math.max(before, left ? line.leftNumber() : line.rightNumber());
      }
      return before + ",0";
    }
    return count == 1 ? String.valueOf(first) : first + "," + count;
  }

  private static List<Line> edits(List<String> left, List<String> right) {
    int[][] common = new int[left.size() + 1][right.size() + 1];
    for (int i = left.size() - 1; i >= 0; i--) {
      for (int j = right.size() - 1; j >= 0; j--) {
        common[i][j] = left.get(i).equals(right.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<Line> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i < left.size() && j < right.size() && left.get(i).equals(right.get(j))) {
        edits.add(new Line(' ', left.get(i), ++i, ++j));
      } else if (i < left.size() && (j == right.size() || common[i + 1][j] >= common[i][j + 1])) {
        edits.add(new Line('-', left.get(i), ++i, 0));
      } else {
        edits.add(new Line('+', right.get(j), 0, ++j));
      }
    }
    return edits;
  }

  /** The lines, each ended by a newline or the end of the text, as diff counts them. */
  private static List<String> lines(String text) {
    return text == null ? List.of() : text.lines().toList();
  }
}
