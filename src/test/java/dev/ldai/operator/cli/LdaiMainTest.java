package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LdaiMainTest {

  @Test
  void commandLineModeAddsItsProfileLastToTheConfiguredOnesOrProd() {
    assertThat(LdaiMain.commandLineProfiles(Optional.empty())).isEqualTo("prod,cli");
    assertThat(LdaiMain.commandLineProfiles(Optional.of(" "))).isEqualTo("prod,cli");
    assertThat(LdaiMain.commandLineProfiles(Optional.of("staging"))).isEqualTo("staging,cli");
  }

  @Test
  void argumentsMakeACommandAndNoneTheOperator() {
    assertThat(LdaiApplication.isCommand("export", "--project", "p")).isTrue();
    assertThat(LdaiApplication.isCommand()).isFalse();
  }
}
