package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  @Test
  void equalTextsHaveNoHunk() {
    assertThat(UnifiedDiff.of("a\nb\n", "a\nb\n")).isEmpty();
    assertThat(UnifiedDiff.of(null, "")).isEmpty();
    assertThat(UnifiedDiff.of("a\n", "a")).as("a newline at the end is no line of its own").isEmpty();
  }

  @Test
  void aChangedLineIsRemovedThenAddedWithThreeLinesOfContextEachSide() {
    String before = numbered(1, 10);
    String after = before.replace("line 5\n", "line five\n");

    assertThat(UnifiedDiff.of(before, after)).containsExactly(
        "@@ -2,7 +2,7 @@", " line 2", " line 3", " line 4", "-line 5", "+line five", " line 6", " line 7", " line 8");
  }

  @Test
  void changesFarApartAreSeparateHunksAndNearOnesOne() {
    String before = numbered(1, 20);
    String apart = before.replace("line 2\n", "line two\n").replace("line 18\n", "line eighteen\n");
    String near = before.replace("line 2\n", "line two\n").replace("line 7\n", "line seven\n");

    assertThat(UnifiedDiff.of(before, apart)).filteredOn(line -> line.startsWith("@@"))
        .containsExactly("@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@");
    assertThat(UnifiedDiff.of(before, near)).filteredOn(line -> line.startsWith("@@")).containsExactly("@@ -1,10 +1,10 @@");
  }

  @Test
  void addedAndRemovedTextIsNumberedAsDiffDoes() {
    assertThat(UnifiedDiff.of("", "one\ntwo")).containsExactly("@@ -0,0 +1,2 @@", "+one", "+two");
    assertThat(UnifiedDiff.of("one\ntwo", "")).containsExactly("@@ -1,2 +0,0 @@", "-one", "-two");
    assertThat(UnifiedDiff.of("a\nb", "a\nx\nb")).containsExactly("@@ -1,2 +1,3 @@", " a", "+x", " b");
  }

  private static String numbered(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
  }
}
