package dev.ldai.operator.variation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps an AIConfig or AIModelConfig to the variations that reference it, so that a variation waiting
 * for its referent is reconciled as soon as the referent changes (becomes Ready, changes its key, ...).
 * Variations being deleted are left out: their cleanup does not wait on referents, and a second run of it
 * would only repeat its LaunchDarkly call.
 */
public final class ReferencingVariations<R extends HasMetadata> implements SecondaryToPrimaryMapper<R> {

  private final Function<String, List<AIConfigVariation>> variationsReferencing;

  /** @param variationsReferencing the variations whose reference index holds a {@code namespace/name} */
  public ReferencingVariations(Function<String, List<AIConfigVariation>> variationsReferencing) {
    this.variationsReferencing = variationsReferencing;
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(R referent) {
    String key = VariationIndexes.key(referent.getMetadata().getNamespace(), referent.getMetadata().getName());
    return variationsReferencing.apply(key).stream()
        .filter(variation -> variation.getMetadata().getDeletionTimestamp() == null)
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
