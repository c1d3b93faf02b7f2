package dev.ldai.operator.variation;

import dev.ldai.operator.common.LocalReference;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.Set;

/**
 * Maps a variation to the AIConfig it references, so that the config's {@code status.variations} is
 * refreshed when one of its variations changes.
 */
public final class ParentOfVariation implements SecondaryToPrimaryMapper<AIConfigVariation> {

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(AIConfigVariation variation) {
    LocalReference parent = variation.getSpec() == null ? null : variation.getSpec().getConfigRef();
    if (parent == null || parent.getName() == null) {
      return Set.of();
    }
    return Set.of(new ResourceID(parent.getName(), variation.getMetadata().getNamespace()));
  }
}
