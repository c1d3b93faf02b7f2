package dev.ldai.operator.launchdarkly;

import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPage;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdTargetingPatch;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import dev.ldai.operator.launchdarkly.api.LdVariationVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AI Configs endpoints of LaunchDarkly's REST API, bound to one API token. Every failure is a
 * {@link LaunchDarklyException}; a missing object is an empty {@code Optional} (reads) or {@code false}
 * (deletes), never an exception.
 */
public interface LaunchDarklyClient {

  /** The largest page LaunchDarkly serves when listing configs. */
  int CONFIG_PAGE_SIZE = 100;

  /** One page of the project's configs, each with the latest version of its variations. */
  LdAIConfigPage listConfigs(String projectKey, int limit, int offset);

  /** All of the project's configs, read {@value #CONFIG_PAGE_SIZE} at a time. */
  default List<LdAIConfig> listAllConfigs(String projectKey) {
    List<LdAIConfig> configs = new ArrayList<>();
    while (true) {
      LdAIConfigPage page = listConfigs(projectKey, CONFIG_PAGE_SIZE, configs.size());
      List<LdAIConfig> items = page.items() == null ? List.of() : page.items();
      configs.addAll(items);
      if (items.isEmpty() || page.totalCount() == null || configs.size() >= page.totalCount()) {
        return configs;
      }
    }
  }

  Optional<LdAIConfig> getConfig(String projectKey, String configKey);

  LdAIConfig createConfig(String projectKey, LdAIConfigPost body);

  LdAIConfig patchConfig(String projectKey, String configKey, LdAIConfigPatch body);

  /** @return false when LaunchDarkly had no such config */
  boolean deleteConfig(String projectKey, String configKey);

  LdVariation createVariation(String projectKey, String configKey, LdVariationPost body);

  /** Every version LaunchDarkly holds for the variation key, with {@code totalCount}. */
  Optional<LdVariationVersions> getVariation(String projectKey, String configKey, String variationKey);

  LdVariation patchVariation(
      String projectKey, String configKey, String variationKey, LdVariationPatch body);

  /** @return false when LaunchDarkly had no such variation */
  boolean deleteVariation(String projectKey, String configKey, String variationKey);

  /** The project's model configs, global ones included. */
  List<LdModelConfig> listModelConfigs(String projectKey);

  Optional<LdModelConfig> getModelConfig(String projectKey, String modelConfigKey);

  LdModelConfig createModelConfig(String projectKey, LdModelConfigPost body);

  /** @return false when LaunchDarkly had no such model config */
  boolean deleteModelConfig(String projectKey, String modelConfigKey);

  /** The config's targeting in every environment; empty when LaunchDarkly has no such config. */
  Optional<LdTargeting> getTargeting(String projectKey, String configKey);

  LdTargeting patchTargeting(String projectKey, String configKey, LdTargetingPatch body);
}
