package dev.ldai.operator.cli;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LocalReference;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Optional;

/**
 * The AI Config a variation or targeting belongs to: the AIConfig its {@code configRef} names among the
 * manifests, or the {@code projectKey} and {@code configKey} of one that LaunchDarkly or the manifests hold.
 *
 * @param waitsFor why the resource would wait: its AIConfig would not sync; empty when it would
 */
record Parent(String project, String configKey, Optional<String> waitsFor) {

  static Parent of(CustomResource<?, ?> resource, LocalReference configRef, String projectKey, String configKey,
      DesiredResources desired, LaunchDarklyState launchDarkly) {
    if (configRef != null) {
      AIConfig config = Planning.referenced(desired, resource, AIConfig.class, configRef, "spec.configRef");
      return new Parent(config.getSpec().getProjectKey(), Keys.effectiveKey(config, config.getSpec()),
          Planning.waitsFor(config, "AIConfig"));
    }
    if (launchDarkly.project(projectKey).config(configKey).isEmpty()
        && desired.keyed(AIConfig.class, projectKey, configKey).findAny().isEmpty()) {
      throw Planning.nowhere(desired, resource, "spec.configKey", "AI Config " + configKey, projectKey);
    }
    return new Parent(projectKey, configKey, Optional.empty());
  }
}
