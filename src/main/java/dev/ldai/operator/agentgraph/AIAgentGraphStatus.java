package dev.ldai.operator.agentgraph;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.status.CommonStatus;
import java.util.ArrayList;
import java.util.List;

/** What LaunchDarkly answered about an agent graph: when it was made and changed, and its nodes' config keys. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AIAgentGraphStatus extends CommonStatus {

  @JsonPropertyDescription("When LaunchDarkly created the graph (RFC 3339).")
  private String createdAt;

  @JsonPropertyDescription("When the graph last changed in LaunchDarkly (RFC 3339); a graph has no version.")
  private String updatedAt;

  @JsonPropertyDescription("Key of the root AI Config, as LaunchDarkly holds it.")
  private String rootConfigKey;

  @JsonPropertyDescription("Number of edges LaunchDarkly holds.")
  private Integer edgeCount;

  @JsonPropertyDescription("Keys of the AI Configs the graph joins (root and every edge's ends), sorted.")
  private List<String> configKeys = new ArrayList<>();

  public String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
  }

  public String getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(String updatedAt) {
    this.updatedAt = updatedAt;
  }

  public String getRootConfigKey() {
    return rootConfigKey;
  }

  public void setRootConfigKey(String rootConfigKey) {
    this.rootConfigKey = rootConfigKey;
  }

  public Integer getEdgeCount() {
    return edgeCount;
  }

  public void setEdgeCount(Integer edgeCount) {
    this.edgeCount = edgeCount;
  }

  public List<String> getConfigKeys() {
    return configKeys;
  }

  public void setConfigKeys(List<String> configKeys) {
    this.configKeys = configKeys == null ? new ArrayList<>() : configKeys;
  }
}
