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
    String namespace = resource.getMetadata().getNamespace();
    if (configRef != null) {
      AIConfig config = desired.named(AIConfig.class, namespace, configRef.getName()).orElseThrow(() -> new CommandException(
          "%s: spec.configRef: AIConfig %s/%s is in none of the manifests".formatted(desired.origin(resource), namespace, configRef.getName())));
      boolean synced = config.getStatus() != null && config.getStatus().getKey() != null;
      return new Parent(config.getSpec().getProjectKey(), Keys.effectiveKey(config, config.getSpec()), synced
          ? Optional.empty()
          : Optional.of("Waiting for AIConfig %s/%s, which would not sync".formatted(namespace, configRef.getName())));
    }
    boolean inLaunchDarkly = launchDarkly.project(projectKey).config(configKey).isPresent();
    boolean inManifests = desired.all(AIConfig.class).anyMatch(config -> projectKey.equals(config.getSpec().getProjectKey())
        && configKey.equals(Keys.effectiveKey(config, config.getSpec())));
    if (!inLaunchDarkly && !inManifests) {
      throw new CommandException("%s: spec.configKey: AI Config %s is neither in project %s nor in the manifests"
          .formatted(desired.origin(resource), configKey, projectKey));
    }
    return new Parent(projectKey, configKey, Optional.empty());
  }
}
