package dev.ldai.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ldai.operator.common.DeletionPolicy;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's configuration is typed: a value the operator cannot use stops the start, naming the property. */
class LdaiConfigTest {

  static LdaiConfig configWith(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(LdaiConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus's: 10m, 90s, PT1H
        .withSources(new PropertiesConfigSource(properties, "test", 300))
        .build()
        .getConfigMapping(LdaiConfig.class);
  }

  @Test
  void theDefaultDeletionPolicyIsDelete() {
    assertThat(configWith(Map.of()).defaultDeletionPolicy()).isEqualTo(DeletionPolicy.Delete);
  }

  @Test
  void theDeletionPolicyIsReadInAnyCase() {
    assertThat(configWith(Map.of("ldai.default-deletion-policy", "Retain")).defaultDeletionPolicy()).isEqualTo(DeletionPolicy.Retain);
    assertThat(configWith(Map.of("ldai.default-deletion-policy", "retain")).defaultDeletionPolicy()).isEqualTo(DeletionPolicy.Retain);
  }

  @Test
  void anUnknownDeletionPolicyStopsTheStartNamingTheProperty() {
    assertThatThrownBy(() -> configWith(Map.of("ldai.default-deletion-policy", "Orphan")))
        .hasMessageContaining("SRCFG00039: The config property ldai.default-deletion-policy with the config value \"Orphan\"")
        .hasMessageNotContaining("ldai.resync-interval");
  }
}
