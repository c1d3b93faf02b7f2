package dev.ldai.operator.modelconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.status.CommonStatus;

/** What LaunchDarkly answered about the model config. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AIModelConfigStatus extends CommonStatus {

  @JsonPropertyDescription("LaunchDarkly's version of the model config.")
  private Integer version;

  @JsonPropertyDescription("Whether LaunchDarkly marks the model config as global.")
  private Boolean global;

  @JsonPropertyDescription("Whether the model is on the project's restricted list.")
  private Boolean isRestricted;

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  public Boolean getGlobal() {
    return global;
  }

  public void setGlobal(Boolean global) {
    this.global = global;
  }

  public Boolean getIsRestricted() {
    return isRestricted;
  }

  public void setIsRestricted(Boolean isRestricted) {
    this.isRestricted = isRestricted;
  }
}
