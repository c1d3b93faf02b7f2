package dev.ldai.operator.targeting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.status.CommonStatus;

/** What LaunchDarkly answered about the environment's targeting; {@code key} is the environment key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AIConfigTargetingStatus extends CommonStatus {

  @JsonPropertyDescription("The LaunchDarkly project of the AI Config.")
  private String projectKey;

  @JsonPropertyDescription("The key of the AI Config in LaunchDarkly.")
  private String configKey;

  @JsonPropertyDescription("LaunchDarkly's version of the environment's targeting (_version).")
  private Integer version;

  @JsonPropertyDescription("The variation served by the default rule; absent while it serves a rollout.")
  private String servedVariation;

  @JsonPropertyDescription(
      "Whether targeting is on in the environment. Off, LaunchDarkly serves the off variation to everyone;"
          + " it is switched in LaunchDarkly, not here.")
  private Boolean enabled;

  @JsonPropertyDescription("The environment's name in LaunchDarkly.")
  private String environmentName;

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

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  public String getServedVariation() {
    return servedVariation;
  }

  public void setServedVariation(String servedVariation) {
    this.servedVariation = servedVariation;
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getEnvironmentName() {
    return environmentName;
  }

  public void setEnvironmentName(String environmentName) {
    this.environmentName = environmentName;
  }
}
