package dev.ldai.operator.agentgraph;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A handoff from one agent of the graph to another. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GraphEdge {

  @Required
  @Pattern("^[A-Za-z0-9._-]+$")
  @Size(min = 1, max = 128)
  @JsonPropertyDescription("Key of the edge, unique within the graph.")
  private String key;

  @Required
  @JsonPropertyDescription("The agent handing off.")
  private GraphNode source;

  @Required
  @JsonPropertyDescription("The agent handed to.")
  private GraphNode target;

  @PreserveUnknownFields
  @SchemaFrom(type = FreeFormObject.class)
  @JsonPropertyDescription(
      "Handoff options for the application (free-form object); compared with LaunchDarkly's as a JSON value.")
  private JsonNode handoff;

  public GraphEdge() {}

  public GraphEdge(String key, GraphNode source, GraphNode target, JsonNode handoff) {
    this.key = key;
    this.source = source;
    this.target = target;
    this.handoff = handoff;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public GraphNode getSource() {
    return source;
  }

  public void setSource(GraphNode source) {
    this.source = source;
  }

  public GraphNode getTarget() {
    return target;
  }

  public void setTarget(GraphNode target) {
    this.target = target;
  }

  /** The schema of a JSON object whose fields are anyone's: {@code type: object}, kept as written. */
  private static final class FreeFormObject {}

  public JsonNode getHandoff() {
    return handoff;
  }

  public void setHandoff(JsonNode handoff) {
    this.handoff = handoff;
  }
}
