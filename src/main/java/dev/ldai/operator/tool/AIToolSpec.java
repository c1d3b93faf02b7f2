package dev.ldai.operator.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.Maintained;
import dev.ldai.operator.common.ProjectScoped;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** LaunchDarkly's {@code AIToolPost} / {@code AIToolPatch}; every change is a new version of the tool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.key) == has(oldSelf.key) && (!has(self.key) || self.key == oldSelf.key)",
    message = "key is immutable")
@ValidationRule(
    value = "!(has(self.maintainerId) && has(self.maintainerTeamKey))",
    message = "set at most one of maintainerId and maintainerTeamKey")
public class AIToolSpec extends CommonSpec implements ProjectScoped, Maintained {

  @Required
  @Pattern(Keys.PATTERN)
  @Size(max = 256)
  @ValidationRule(value = "self == oldSelf", message = "projectKey is immutable")
  @JsonPropertyDescription("Key of the LaunchDarkly project. Immutable.")
  private String projectKey;

  @Size(max = 10_000)
  @JsonPropertyDescription("What the tool does; the model reads it to decide when to call the tool.")
  private String description;

  @Required
  @PreserveUnknownFields
  @JsonPropertyDescription(
      "JSON Schema of the tool's parameters, sent to the model as written; compared with LaunchDarkly's as a JSON value.")
  private JsonNode schema;

  @PreserveUnknownFields
  @JsonPropertyDescription("Custom parameters for the application, not sent to the model (free-form object).")
  private JsonNode customParameters;

  @Size(max = 100)
  @JsonPropertyDescription("Tags; compared as a set.")
  private List<String> tags;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("LaunchDarkly member id of the maintainer. At most one of maintainerId and maintainerTeamKey.")
  private String maintainerId;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Key of the LaunchDarkly team that maintains the tool.")
  private String maintainerTeamKey;

  @Override
  public String getProjectKey() {
    return projectKey;
  }

  public void setProjectKey(String projectKey) {
    this.projectKey = projectKey;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public JsonNode getSchema() {
    return schema;
  }

  public void setSchema(JsonNode schema) {
    this.schema = schema;
  }

  public JsonNode getCustomParameters() {
    return customParameters;
  }

  public void setCustomParameters(JsonNode customParameters) {
    this.customParameters = customParameters;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }

  @Override
  public String getMaintainerId() {
    return maintainerId;
  }

  public void setMaintainerId(String maintainerId) {
    this.maintainerId = maintainerId;
  }

  @Override
  public String getMaintainerTeamKey() {
    return maintainerTeamKey;
  }

  public void setMaintainerTeamKey(String maintainerTeamKey) {
    this.maintainerTeamKey = maintainerTeamKey;
  }
}
