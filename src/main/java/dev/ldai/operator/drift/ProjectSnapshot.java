package dev.ldai.operator.drift;

import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One project as one poll listed it: configs by key, their latest variations by
 * {@code configKey/variationKey}, model configs by key, and when the listing began. A resource is out of
 * date when the version it last saw is not the one listed here, including when its object is not listed at
 * all; a reconcile may use the listed object instead of reading it again.
 */
public record ProjectSnapshot(
    String project,
    Instant takenAt,
    Map<String, LdAIConfig> configs,
    Map<String, LdVariation> variations,
    Map<String, LdModelConfig> models) {

  public static ProjectSnapshot of(
      String project, Instant takenAt, List<LdAIConfig> configs, List<LdModelConfig> models) {
    Map<String, LdAIConfig> configsByKey = new HashMap<>();
    Map<String, LdVariation> variationsByKey = new HashMap<>();
    for (LdAIConfig config : configs) {
      configsByKey.put(config.key(), config);
      for (LdVariation variation : config.variations() == null ? List.<LdVariation>of() : config.variations()) {
        variationsByKey.put(config.key() + "/" + variation.key(), variation);
      }
    }
    Map<String, LdModelConfig> modelsByKey = new HashMap<>();
    for (LdModelConfig model : models) {
      modelsByKey.put(model.key(), model);
    }
    return new ProjectSnapshot(project, takenAt, Collections.unmodifiableMap(configsByKey),
        Collections.unmodifiableMap(variationsByKey), Collections.unmodifiableMap(modelsByKey));
  }

  public Optional<LdAIConfig> config(String key) {
    return Optional.ofNullable(configs.get(key));
  }

  public Optional<LdVariation> variation(String configKey, String variationKey) {
    return Optional.ofNullable(variations.get(configKey + "/" + variationKey));
  }

  public Optional<LdModelConfig> model(String key) {
    return Optional.ofNullable(models.get(key));
  }

  /** Whether the config LaunchDarkly lists differs from the version a resource last saw (or is gone). */
  public boolean configDiffers(String project, String key, Integer seenVersion) {
    return concerns(project, key, seenVersion)
        && !Objects.equals(config(key).map(LdAIConfig::version).orElse(null), seenVersion);
  }

  public boolean variationDiffers(String project, String configKey, String variationKey, Integer seenVersion) {
    return configKey != null && concerns(project, variationKey, seenVersion)
        && !Objects.equals(variation(configKey, variationKey).map(LdVariation::version).orElse(null), seenVersion);
  }

  public boolean modelDiffers(String project, String key, Integer seenVersion) {
    return concerns(project, key, seenVersion)
        && !Objects.equals(model(key).map(LdModelConfig::version).orElse(null), seenVersion);
  }

  private boolean concerns(String project, String key, Integer seenVersion) {
    return this.project.equals(project) && key != null && seenVersion != null;
  }
}
