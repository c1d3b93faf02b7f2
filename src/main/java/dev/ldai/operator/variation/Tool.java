package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.common.LocalReference;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A LaunchDarkly AI tool attached to the variation: an AITool of this namespace by {@code toolRef}, following
 * its current version or pinning {@code version}; or a tool not managed here by {@code key} and {@code version}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.toolRef) != has(self.key)", message = "set either toolRef or key")
@ValidationRule(value = "!has(self.key) || has(self.version)", message = "a tool named by key needs a version")
public class Tool {

  @JsonPropertyDescription(
      "An AITool in this namespace, of the same project. Without version the variation follows the tool's"
          + " current version, and is re-pinned (a new variation version) when it moves.")
  private LocalReference toolRef;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Key of a tool not managed here (with version). Either this or toolRef.")
  private String key;

  @Min(1)
  @JsonPropertyDescription("Version of the tool: required with key; with toolRef, pins that version.")
  private Integer version;

  public Tool() {}

  public Tool(String key, Integer version) {
    this.key = key;
    this.version = version;
  }

  /** A tool managed here, following its current version ({@code version} null) or pinned. */
  public static Tool ref(String name, Integer version) {
    Tool tool = new Tool(null, version);
    tool.setToolRef(new LocalReference(name));
    return tool;
  }

  public LocalReference getToolRef() {
    return toolRef;
  }

  public void setToolRef(LocalReference toolRef) {
    this.toolRef = toolRef;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }
}
