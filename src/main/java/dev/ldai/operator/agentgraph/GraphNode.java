package dev.ldai.operator.agentgraph;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LocalReference;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A node of an agent graph: an AIConfig of this namespace by {@code configRef}, or a config not managed here by key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.configRef) != has(self.configKey)", message = "set either configRef or configKey")
public class GraphNode {

  @JsonPropertyDescription("An AIConfig in this namespace, of the same project, in mode agent; the graph waits until it is Ready.")
  private LocalReference configRef;

  @Pattern(Keys.PATTERN)
  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Key of an agent-mode AI Config not managed here. Either this or configRef.")
  private String configKey;

  public GraphNode() {}

  public static GraphNode ref(String name) {
    GraphNode node = new GraphNode();
    node.setConfigRef(new LocalReference(name));
    return node;
  }

  public static GraphNode key(String configKey) {
    GraphNode node = new GraphNode();
    node.setConfigKey(configKey);
    return node;
  }

  public LocalReference getConfigRef() {
    return configRef;
  }

  public void setConfigRef(LocalReference configRef) {
    this.configRef = configRef;
  }

  public String getConfigKey() {
    return configKey;
  }

  public void setConfigKey(String configKey) {
    this.configKey = configKey;
  }
}
