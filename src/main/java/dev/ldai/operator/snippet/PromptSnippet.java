package dev.ldai.operator.snippet;

import dev.ldai.operator.versioned.VersionedStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A prompt snippet in LaunchDarkly: text that prompts include by key, versioned. */
@Group("ldai.dev")
@Version("v1alpha1")
@ShortNames("aips")
@Categories("launchdarkly")
@AdditionalPrinterColumn(name = "KEY", jsonPath = ".status.key", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "PROJECT", jsonPath = ".spec.projectKey", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "VERSION", jsonPath = ".status.version", type = AdditionalPrinterColumn.Type.INTEGER)
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
public class PromptSnippet extends CustomResource<PromptSnippetSpec, VersionedStatus> implements Namespaced {

  /** Required in the schema: without it the API server would admit an object with nothing to manage. */
  @Override
  @Required
  public PromptSnippetSpec getSpec() {
    return super.getSpec();
  }
}
