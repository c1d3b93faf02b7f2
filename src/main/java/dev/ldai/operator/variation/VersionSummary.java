package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One version of a variation as LaunchDarkly holds it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VersionSummary {

  @JsonPropertyDescription("Version number.")
  private Integer version;

  @JsonPropertyDescription("LaunchDarkly's _id of this version.")
  private String id;

  @JsonPropertyDescription("When the version was created (RFC 3339).")
  private String createdAt;

  public VersionSummary() {}

  public VersionSummary(Integer version, String id, String createdAt) {
    this.version = version;
    this.id = id;
    this.createdAt = createdAt;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
  }
}
