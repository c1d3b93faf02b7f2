package dev.ldai.operator.aiconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.Maintained;
import dev.ldai.operator.common.ProjectScoped;
import dev.ldai.operator.common.Keys;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** LaunchDarkly's {@code AIConfigPost} / {@code AIConfigPatch}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.key) == has(oldSelf.key) && (!has(self.key) || self.key == oldSelf.key)",
    message = "key is immutable")
@ValidationRule(
    value = "!has(self.key) || !(self.key in ['model-configs', 'quick-stats', 'prompt-snippets'])",
    message = "key must not be model-configs, quick-stats or prompt-snippets (reserved by LaunchDarkly's API)")
@ValidationRule(
    value = "!(has(self.maintainerId) && has(self.maintainerTeamKey))",
    message = "set at most one of maintainerId and maintainerTeamKey")
public class AIConfigSpec extends CommonSpec implements ProjectScoped, Maintained {

  @Required
  @Pattern(Keys.PATTERN)
  @Size(max = 256)
  @ValidationRule(value = "self == oldSelf", message = "projectKey is immutable")
  @JsonPropertyDescription("Key of the LaunchDarkly project. Immutable.")
  private String projectKey;

  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("Human-readable name of the AI Config.")
  private String name;

  @Size(max = 10_000)
  @JsonPropertyDescription("Description of the AI Config.")
  private String description;

  @Default("completion")
  @ValidationRule(value = "self == oldSelf", message = "mode is immutable")
  @JsonPropertyDescription("completion, agent or judge. Immutable.")
  private AIConfigMode mode;

  @Size(max = 100)
  @JsonPropertyDescription("Tags; compared as a set.")
  private List<String> tags;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("LaunchDarkly member id of the maintainer. At most one of maintainerId and maintainerTeamKey.")
  private String maintainerId;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Key of the LaunchDarkly team that maintains the config.")
  private String maintainerTeamKey;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Key of the metric used to evaluate the config.")
  private String evaluationMetricKey;

  @JsonPropertyDescription("Whether a lower value of the evaluation metric is better.")
  private Boolean isInverted;

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

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public AIConfigMode getMode() {
    return mode;
  }

  public void setMode(AIConfigMode mode) {
    this.mode = mode;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }

  public String getMaintainerId() {
    return maintainerId;
  }

  public void setMaintainerId(String maintainerId) {
    this.maintainerId = maintainerId;
  }

  public String getMaintainerTeamKey() {
    return maintainerTeamKey;
  }

  public void setMaintainerTeamKey(String maintainerTeamKey) {
    this.maintainerTeamKey = maintainerTeamKey;
  }

  public String getEvaluationMetricKey() {
    return evaluationMetricKey;
  }

  public void setEvaluationMetricKey(String evaluationMetricKey) {
    this.evaluationMetricKey = evaluationMetricKey;
  }

  public Boolean getIsInverted() {
    return isInverted;
  }

  public void setIsInverted(Boolean isInverted) {
    this.isInverted = isInverted;
  }
}
