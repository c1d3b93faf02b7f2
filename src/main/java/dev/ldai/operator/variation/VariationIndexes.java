package dev.ldai.operator.variation;

import dev.ldai.operator.common.LocalReference;
import java.util.List;
import java.util.function.Function;

/**
 * Indexes of the variation cache by the resources they reference, so that an event on an AIConfig or an
 * AIModelConfig finds its variations without scanning.
 */
public final class VariationIndexes {

  public static final String BY_CONFIG_REF = "byConfigRef";
  public static final String BY_MODEL_CONFIG_REF = "byModelConfigRef";

  private VariationIndexes() {}

  /** The index key of a referenced resource: {@code namespace/name}. */
  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  public static List<String> configRef(AIConfigVariation variation) {
    return reference(variation, AIConfigVariationSpec::getConfigRef);
  }

  public static List<String> modelConfigRef(AIConfigVariation variation) {
    return reference(variation, AIConfigVariationSpec::getModelConfigRef);
  }

  private static List<String> reference(
      AIConfigVariation variation, Function<AIConfigVariationSpec, LocalReference> ref) {
    LocalReference reference = variation.getSpec() == null ? null : ref.apply(variation.getSpec());
    if (reference == null || reference.getName() == null) {
      return List.of();
    }
    return List.of(key(variation.getMetadata().getNamespace(), reference.getName()));
  }
}
