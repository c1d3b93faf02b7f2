package dev.ldai.operator.drift;

import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The versions one project held in LaunchDarkly at one poll: configs by key, latest variations by
 * {@code configKey/variationKey}, model configs by key. A resource is out of date when the version it last
 * saw is not the one listed here, including when its object is not listed at all.
 */
public record ProjectSnapshot(
    String project, Map<String, Integer> configs, Map<String, Integer> variations, Map<String, Integer> models) {

  public static ProjectSnapshot of(String project, List<LdAIConfig> configs, List<LdModelConfig> models) {
    Map<String, Integer> configVersions = new HashMap<>();
    Map<String, Integer> variationVersions = new HashMap<>();
    for (LdAIConfig config : configs) {
      configVersions.put(config.key(), config.version());
      for (LdVariation variation : config.variations() == null ? List.<LdVariation>of() : config.variations()) {
        variationVersions.put(config.key() + "/" + variation.key(), variation.version());
      }
    }
    Map<String, Integer> modelVersions = new HashMap<>();
    for (LdModelConfig model : models) {
      modelVersions.put(model.key(), model.version());
    }
    return new ProjectSnapshot(project, configVersions, variationVersions, modelVersions);
  }

  /** Whether the config LaunchDarkly lists differs from the version a resource last saw (or is gone). */
  public boolean configDiffers(String project, String key, Integer seenVersion) {
    return differs(project, configs, key, seenVersion);
  }

  public boolean variationDiffers(String project, String configKey, String variationKey, Integer seenVersion) {
    return configKey != null && differs(project, variations, configKey + "/" + variationKey, seenVersion);
  }

  public boolean modelDiffers(String project, String key, Integer seenVersion) {
    return differs(project, models, key, seenVersion);
  }

  private boolean differs(String project, Map<String, Integer> versions, String key, Integer seenVersion) {
    return this.project.equals(project) && key != null && seenVersion != null
        && !Objects.equals(versions.get(key), seenVersion);
  }
}
