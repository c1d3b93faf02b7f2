package dev.ldai.operator.modelconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.ProjectScoped;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * LaunchDarkly's {@code ModelConfigPost}. LaunchDarkly cannot update a model config: a changed spec is
 * applied by deleting and re-creating it while no variation uses it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.key) == has(oldSelf.key) && (!has(self.key) || self.key == oldSelf.key)",
    message = "key is immutable")
public class AIModelConfigSpec extends CommonSpec implements ProjectScoped {

  @Required
  @Pattern(dev.ldai.operator.common.Keys.PATTERN)
  @Size(max = 256)
  @ValidationRule(value = "self == oldSelf", message = "projectKey is immutable")
  @JsonPropertyDescription("Key of the LaunchDarkly project. Immutable.")
  private String projectKey;

  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("Human-readable name of the model.")
  private String name;

  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("The provider's identifier of the model, e.g. gpt-4o.")
  private String id;

  @Size(max = 1024)
  @JsonPropertyDescription("Provider of the model, e.g. openai.")
  private String provider;

  @Size(max = 1024)
  @JsonPropertyDescription("Icon of the model.")
  private String icon;

  @PreserveUnknownFields
  @JsonPropertyDescription("Model parameters (free-form object), e.g. {temperature: 0.2}.")
  private JsonNode params;

  @PreserveUnknownFields
  @JsonPropertyDescription("Custom model parameters (free-form object).")
  private JsonNode customParams;

  @Size(max = 100)
  @JsonPropertyDescription("Tags; compared as a set.")
  private List<String> tags;

  @Min(0)
  @JsonPropertyDescription("Cost per input token in USD.")
  private Double costPerInputToken;

  @Min(0)
  @JsonPropertyDescription("Cost per output token in USD.")
  private Double costPerOutputToken;

  @Min(0)
  @JsonPropertyDescription("Cost per cached input token in USD.")
  private Double costPerCachedInputToken;

  public String getProjectKey() {
    return projectKey;
  }

  public void setProjectKey(String projectKey) {
    this.projectKey = projectKey;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  public String getIcon() {
    return icon;
  }

  public void setIcon(String icon) {
    this.icon = icon;
  }

  public JsonNode getParams() {
    return params;
  }

  public void setParams(JsonNode params) {
    this.params = params;
  }

  public JsonNode getCustomParams() {
    return customParams;
  }

  public void setCustomParams(JsonNode customParams) {
    this.customParams = customParams;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }

  public Double getCostPerInputToken() {
    return costPerInputToken;
  }

  public void setCostPerInputToken(Double costPerInputToken) {
    this.costPerInputToken = costPerInputToken;
  }

  public Double getCostPerOutputToken() {
    return costPerOutputToken;
  }

  public void setCostPerOutputToken(Double costPerOutputToken) {
    this.costPerOutputToken = costPerOutputToken;
  }

  public Double getCostPerCachedInputToken() {
    return costPerCachedInputToken;
  }

  public void setCostPerCachedInputToken(Double costPerCachedInputToken) {
    this.costPerCachedInputToken = costPerCachedInputToken;
  }
}
