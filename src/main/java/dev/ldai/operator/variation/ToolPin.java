package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.common.LocalReference;
import java.util.Objects;

/** A tool of the variation as resolved and sent: its key and version, and the AITool it came from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ToolPin {

  @JsonPropertyDescription("Key of the tool in LaunchDarkly.")
  private String key;

  @JsonPropertyDescription("The version the variation pins.")
  private Integer version;

  @JsonPropertyDescription("The AITool of this namespace the entry names; absent for a tool named by key.")
  private LocalReference toolRef;

  public ToolPin() {}

  public ToolPin(String key, Integer version, String toolRef) {
    this.key = key;
    this.version = version;
    this.toolRef = toolRef == null ? null : new LocalReference(toolRef);
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

  public LocalReference getToolRef() {
    return toolRef;
  }

  public void setToolRef(LocalReference toolRef) {
    this.toolRef = toolRef;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToolPin that && Objects.equals(key, that.key) && Objects.equals(version, that.version)
        && Objects.equals(refName(), that.refName());
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, version, refName());
  }

  @Override
  public String toString() {
    return key + "@" + version + (toolRef == null ? "" : " (AITool " + toolRef.getName() + ")");
  }

  private String refName() {
    return toolRef == null ? null : toolRef.getName();
  }
}
