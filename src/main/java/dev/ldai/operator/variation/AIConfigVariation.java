package dev.ldai.operator.variation;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A variation of a LaunchDarkly AI Config, managed from Kubernetes. */
@Group("ldai.dev")
@Version("v1alpha1")
@ShortNames("aicv")
@Categories("launchdarkly")
@AdditionalPrinterColumn(name = "KEY", jsonPath = ".status.key", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "CONFIG", jsonPath = ".status.configKey", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "VERSION", jsonPath = ".status.version", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "VERSIONS", jsonPath = ".status.totalCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "READY",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "REASON",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AIConfigVariation extends CustomResource<AIConfigVariationSpec, AIConfigVariationStatus> implements Namespaced {

  /** Required in the schema: without it the API server would admit an object with nothing to manage. */
  @Override
  @Required
  public AIConfigVariationSpec getSpec() {
    return super.getSpec();
  }
}
