package dev.ldai.operator.agentgraph;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An agent graph in LaunchDarkly: agent-mode AI Configs joined by handoff edges from a root config. */
@Group("ldai.dev")
@Version("v1alpha1")
@ShortNames("aiag")
@Categories("launchdarkly")
@AdditionalPrinterColumn(name = "KEY", jsonPath = ".status.key", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "PROJECT", jsonPath = ".spec.projectKey", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ROOT", jsonPath = ".status.rootConfigKey", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "EDGES", jsonPath = ".status.edgeCount", type = AdditionalPrinterColumn.Type.INTEGER)
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
public class AIAgentGraph extends CustomResource<AIAgentGraphSpec, AIAgentGraphStatus> implements Namespaced {

  /** Required in the schema: without it the API server would admit an object with nothing to manage. */
  @Override
  @Required
  public AIAgentGraphSpec getSpec() {
    return super.getSpec();
  }
}
