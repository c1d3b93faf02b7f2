package dev.ldai.operator.aiconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.status.CommonStatus;
import java.util.ArrayList;
import java.util.List;

/** What LaunchDarkly answered about the AI Config. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AIConfigStatus extends CommonStatus {

  @JsonPropertyDescription("LaunchDarkly's version of the AI Config.")
  private Integer version;

  @JsonPropertyDescription("When LaunchDarkly created the AI Config (RFC 3339).")
  private String createdAt;

  @JsonPropertyDescription("When LaunchDarkly last updated the AI Config (RFC 3339).")
  private String updatedAt;

  @JsonPropertyDescription("Every variation LaunchDarkly lists for the config, managed here or not.")
  private List<VariationSummary> variations = new ArrayList<>();

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

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

  public List<VariationSummary> getVariations() {
    return variations;
  }

  public void setVariations(List<VariationSummary> variations) {
    this.variations = variations == null ? new ArrayList<>() : variations;
  }
}
