package dev.ldai.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps a referent to the resources that reference it, so that a resource waiting for its referent is
 * reconciled as soon as the referent changes (becomes Ready, changes its key, ...). Resources being deleted
 * are left out: their cleanup does not wait on referents, and a second run of it would only repeat its
 * LaunchDarkly call.
 */
final class ReferencingResources<D extends HasMetadata, R extends HasMetadata> implements SecondaryToPrimaryMapper<D> {

  private final Function<D, String> referenced;
  private final Function<String, List<R>> referencing;

  /**
   * @param referenced the name a referent is referenced by (its own, or its group's); null for none
   * @param referencing the resources whose reference index holds a {@code namespace/name}
   */
  ReferencingResources(Function<D, String> referenced, Function<String, List<R>> referencing) {
    this.referenced = referenced;
    this.referencing = referencing;
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(D referent) {
    String name = referenced.apply(referent);
    if (name == null) {
      return Set.of();
    }
    String key = Dependency.key(referent.getMetadata().getNamespace(), name);
    return referencing.apply(key).stream()
        .filter(resource -> resource.getMetadata().getDeletionTimestamp() == null)
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
