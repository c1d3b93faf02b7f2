package dev.ldai.operator.common;

import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Maps a credentials Secret to the resources of its namespace whose credentials were refused (Stalled,
 * {@code Unauthorized}): when the Secret is fixed they retry at once instead of after
 * {@code ldai.unauthorized-retry-interval}. Which Secret a resource uses depends on its spec, its parent
 * and the namespace default, so every refused resource of the namespace is tried; the others are left
 * alone.
 */
public final class RefusedInNamespace<R extends CustomResource<?, ? extends CommonStatus>>
    implements SecondaryToPrimaryMapper<Secret> {

  /** Secrets carrying this label are watched; others are still read when needed, just not watched. */
  public static final String CREDENTIALS_LABEL = "ldai.dev/credentials";

  private final Function<String, Stream<R>> resourcesInNamespace;

  public RefusedInNamespace(Function<String, Stream<R>> resourcesInNamespace) {
    this.resourcesInNamespace = resourcesInNamespace;
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(Secret secret) {
    return resourcesInNamespace.apply(secret.getMetadata().getNamespace())
        .filter(RefusedInNamespace::refused)
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static boolean refused(CustomResource<?, ? extends CommonStatus> resource) {
    return resource.getStatus() != null && resource.getStatus().isStalledFor(Reason.Unauthorized);
  }
}
