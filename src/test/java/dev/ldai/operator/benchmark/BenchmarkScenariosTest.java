package dev.ldai.operator.benchmark;

import static dev.ldai.operator.benchmark.OperatorBenchmark.chosenScenarios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code benchmark.scenarios} chooses which scenarios the benchmark runs. */
class BenchmarkScenariosTest {

  @Test
  void unsetItRunsEveryScenario() {
    assertThat(chosenScenarios("")).containsExactlyInAnyOrder("B1", "B4", "B6", "B7");
  }

  @Test
  void aListRunsOnlyTheScenariosItNames() {
    assertThat(chosenScenarios("B7")).containsExactly("B7");
    assertThat(chosenScenarios("B4, B7")).containsExactlyInAnyOrder("B4", "B7");
  }

  @Test
  void aScenarioThatRunsOnlyWithB1IsRefusedSayingSo() {
    assertThatThrownBy(() -> chosenScenarios("B2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[B1, B4, B6, B7]").hasMessageContaining("B2, B3 and B5 run with B1");
  }
}
