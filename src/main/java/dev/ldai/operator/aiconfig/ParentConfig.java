package dev.ldai.operator.aiconfig;

import dev.ldai.operator.common.Dependency;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.ManagedSpec;
import dev.ldai.operator.common.SecretKeyReference;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * The AI Config a resource belongs to (see {@link ConfigScoped}), resolved from the informer cache into
 * LaunchDarkly keys, with the AIConfig resource when it is managed here.
 */
public record ParentConfig(String projectKey, String configKey, Optional<AIConfig> resource) {

  /** The parent, or empty when the referenced AIConfig is unknown (enough for claims and credentials). */
  public static <S extends ManagedSpec & ConfigScoped, R extends CustomResource<S, ?>> Optional<ParentConfig> known(
      R resource, Dependency<R, AIConfig> configs, Context<R> context) {
    S spec = resource.getSpec();
    return spec.getConfigRef() == null
        ? Optional.of(new ParentConfig(spec.getProjectKey(), spec.getConfigKey(), Optional.empty()))
        : configs.referent(resource, context).map(ParentConfig::of);
  }

  /** The parent, Ready to be used; throws {@code DependencyNotReadyException} otherwise. */
  public static <S extends ManagedSpec & ConfigScoped, R extends CustomResource<S, ?>> ParentConfig ready(
      R resource, Dependency<R, AIConfig> configs, Context<R> context) {
    S spec = resource.getSpec();
    return spec.getConfigRef() == null
        ? new ParentConfig(spec.getProjectKey(), spec.getConfigKey(), Optional.empty())
        : of(configs.ready(resource, context));
  }

  /** What a claim names of the parent: {@code project/key}, or the AIConfig while it is unknown. */
  public static <S extends ManagedSpec & ConfigScoped, R extends CustomResource<S, ?>> String claimed(
      R resource, Dependency<R, AIConfig> configs, Context<R> context) {
    return known(resource, configs, context)
        .map(parent -> parent.projectKey() + "/" + parent.configKey())
        .orElseGet(() -> "AIConfig " + resource.getMetadata().getNamespace() + "/" + resource.getSpec().getConfigRef().getName());
  }

  /** The credentials of a resource: its own, else its AIConfig's; null for the namespace default. */
  public static <S extends ManagedSpec & ConfigScoped, R extends CustomResource<S, ?>> SecretKeyReference credentials(
      R resource, Dependency<R, AIConfig> configs, Context<R> context) {
    if (resource.getSpec().getCredentialsSecretRef() != null) {
      return resource.getSpec().getCredentialsSecretRef();
    }
    return known(resource, configs, context)
        .flatMap(ParentConfig::resource)
        .map(config -> config.getSpec().getCredentialsSecretRef())
        .orElse(null);
  }

  private static ParentConfig of(AIConfig config) {
    return new ParentConfig(config.getSpec().getProjectKey(), Keys.effectiveKey(config, config.getSpec()), Optional.of(config));
  }
}
