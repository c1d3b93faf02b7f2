package dev.ldai.operator.targeting;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** What one environment serves of a LaunchDarkly AI Config: its targeting, managed from Kubernetes. */
@Group("ldai.dev")
@Version("v1alpha1")
@ShortNames("aict")
@Categories("launchdarkly")
@AdditionalPrinterColumn(name = "CONFIG", jsonPath = ".status.configKey", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ENVIRONMENT", jsonPath = ".spec.environmentKey", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SERVING", jsonPath = ".status.servedVariation", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "READY",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "REASON",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "VERSION", jsonPath = ".status.version", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AIConfigTargeting extends CustomResource<AIConfigTargetingSpec, AIConfigTargetingStatus> implements Namespaced {

  /** Required in the schema: without it the API server would admit an object with nothing to manage. */
  @Override
  @Required
  public AIConfigTargetingSpec getSpec() {
    return super.getSpec();
  }
}
