package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.status.CommonStatus;
import java.util.ArrayList;
import java.util.List;

/** What LaunchDarkly answered about the variation, and the keys it was resolved to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AIConfigVariationStatus extends CommonStatus {

  @JsonPropertyDescription("LaunchDarkly's _id of the latest version.")
  private String variationId;

  @JsonPropertyDescription("The latest version.")
  private Integer version;

  @JsonPropertyDescription("How many versions LaunchDarkly holds for this variation key.")
  private Integer totalCount;

  @JsonPropertyDescription("The newest versions (at most 10), newest first.")
  private List<VersionSummary> versions = new ArrayList<>();

  @JsonPropertyDescription("When the variation was published (RFC 3339).")
  private String publishedAt;

  @JsonPropertyDescription("When the variation was archived (RFC 3339).")
  private String archivedAt;

  @JsonPropertyDescription("The LaunchDarkly project of the parent config.")
  private String projectKey;

  @JsonPropertyDescription("The key of the parent config.")
  private String configKey;

  @JsonPropertyDescription("The key of the model config the variation uses.")
  private String modelConfigKey;

  @JsonPropertyDescription(
      "The tools as sent, in the order of spec.tools: key and version, and the AITool an entry names.")
  private List<ToolPin> tools;

  @JsonPropertyDescription(
      "The prompt snippet versions the sent messages and instructions pin, each once; follows: the operator"
          + " pinned a {{snippet.KEY}} tag to the snippet's current version.")
  private List<SnippetPin> snippets;

  @JsonPropertyDescription(
      "SHA-256 of the instructions last applied, snippet tags pinned: LaunchDarkly does not return them, so changes are"
          + " detected against what was sent.")
  private String appliedInstructionsHash;

  @JsonPropertyDescription("SHA-256 of the description last applied, for the same reason.")
  private String appliedDescriptionHash;

  @JsonPropertyDescription(
      "A PATCH of instructions or description sent but not yet confirmed; resolved against LaunchDarkly's"
          + " version on the next reconcile.")
  private PendingUpdate pendingUpdate;

  public PendingUpdate getPendingUpdate() {
    return pendingUpdate;
  }

  public void setPendingUpdate(PendingUpdate pendingUpdate) {
    this.pendingUpdate = pendingUpdate;
  }

  public String getVariationId() {
    return variationId;
  }

  public void setVariationId(String variationId) {
    this.variationId = variationId;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  public Integer getTotalCount() {
    return totalCount;
  }

  public void setTotalCount(Integer totalCount) {
    this.totalCount = totalCount;
  }

  public List<VersionSummary> getVersions() {
    return versions;
  }

  public void setVersions(List<VersionSummary> versions) {
    this.versions = versions == null ? new ArrayList<>() : versions;
  }

  public String getPublishedAt() {
    return publishedAt;
  }

  public void setPublishedAt(String publishedAt) {
    this.publishedAt = publishedAt;
  }

  public String getArchivedAt() {
    return archivedAt;
  }

  public void setArchivedAt(String archivedAt) {
    this.archivedAt = archivedAt;
  }

  public String getProjectKey() {
    return projectKey;
  }

  public void setProjectKey(String projectKey) {
    this.projectKey = projectKey;
  }

  public String getConfigKey() {
    return configKey;
  }

  public void setConfigKey(String configKey) {
    this.configKey = configKey;
  }

  public String getModelConfigKey() {
    return modelConfigKey;
  }

  public void setModelConfigKey(String modelConfigKey) {
    this.modelConfigKey = modelConfigKey;
  }

  public List<ToolPin> getTools() {
    return tools;
  }

  public void setTools(List<ToolPin> tools) {
    this.tools = tools;
  }

  public List<SnippetPin> getSnippets() {
    return snippets;
  }

  public void setSnippets(List<SnippetPin> snippets) {
    this.snippets = snippets;
  }

  public String getAppliedInstructionsHash() {
    return appliedInstructionsHash;
  }

  public void setAppliedInstructionsHash(String appliedInstructionsHash) {
    this.appliedInstructionsHash = appliedInstructionsHash;
  }

  public String getAppliedDescriptionHash() {
    return appliedDescriptionHash;
  }

  public void setAppliedDescriptionHash(String appliedDescriptionHash) {
    this.appliedDescriptionHash = appliedDescriptionHash;
  }
}
