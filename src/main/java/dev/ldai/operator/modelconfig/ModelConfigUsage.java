package dev.ldai.operator.modelconfig;

import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Finds the variations that use a model config, from the list of the project's configs. */
@ApplicationScoped
public class ModelConfigUsage {

  /** {@code configKey/variationKey} of every variation whose latest version uses the model config, sorted. */
  public List<String> usersOf(LaunchDarklyClient client, String project, String modelConfigKey) {
    return usersIn(client.listAllConfigs(project), modelConfigKey);
  }

  /** The same, among configs already listed. */
  public static List<String> usersIn(Collection<LdAIConfig> configs, String modelConfigKey) {
    return configs.stream()
        .flatMap(config -> (config.variations() == null ? List.<LdVariation>of() : config.variations()).stream()
            .filter(variation -> modelConfigKey.equals(variation.modelConfigKey()))
            .map(variation -> config.key() + "/" + variation.key()))
        .sorted()
        .toList();
  }

  /** LaunchDarkly's refusal to delete a model config that a variation still uses. */
  public static boolean isInUseRefusal(LaunchDarklyException e) {
    return e.apiMessage() != null && e.apiMessage().toLowerCase(Locale.ROOT).contains("in use");
  }
}
