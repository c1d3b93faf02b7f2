package dev.ldai.operator.variation;

import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.ConditionTypes;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which updates of an AIConfig or AIModelConfig concern the variations that reference it: its readiness,
 * its LaunchDarkly key, its project, its credentials or its deletion — not, say, the list of variation
 * versions an AIConfig reports, which changes with every variation write and would wake every sibling.
 */
final class ReferentChange {

  private ReferentChange() {}

  static boolean concernsVariations(
      CustomResource<? extends CommonSpec, ? extends CommonStatus> newer,
      CustomResource<? extends CommonSpec, ? extends CommonStatus> older) {
    return !Objects.equals(relevant(newer), relevant(older));
  }

  private static List<Object> relevant(CustomResource<? extends CommonSpec, ? extends CommonStatus> referent) {
    CommonStatus status = referent.getStatus();
    CommonSpec spec = referent.getSpec();
    return Arrays.asList(
        status == null ? null : status.getKey(),
        status == null ? null : status.condition(ConditionTypes.READY).map(c -> c.getStatus()).orElse(null),
        spec == null ? null : spec.getCredentialsSecretRef() == null ? null : spec.getCredentialsSecretRef().getName(),
        projectOf(referent),
        referent.getMetadata().getDeletionTimestamp());
  }

  private static String projectOf(CustomResource<? extends CommonSpec, ? extends CommonStatus> referent) {
    if (referent.getSpec() instanceof dev.ldai.operator.aiconfig.AIConfigSpec config) {
      return config.getProjectKey();
    }
    if (referent.getSpec() instanceof dev.ldai.operator.modelconfig.AIModelConfigSpec model) {
      return model.getProjectKey();
    }
    return null;
  }
}
