package dev.ldai.operator.versioned;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.status.CommonStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What LaunchDarkly answered about a versioned object (an AI tool, a prompt snippet): its current version,
 * the newest versions, and the variations that pin it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VersionedStatus extends CommonStatus {

  @JsonPropertyDescription("LaunchDarkly's current version; variations that follow this resource pin it.")
  private Integer version;

  @JsonPropertyDescription("When LaunchDarkly created the current version (RFC 3339).")
  private String createdAt;

  @JsonPropertyDescription("The newest versions (at most 10), newest first.")
  private List<VersionEntry> versions = new ArrayList<>();

  @JsonPropertyDescription("The variations whose latest version pins this object, and the version each pins.")
  private List<Pin> references = new ArrayList<>();

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

  public List<VersionEntry> getVersions() {
    return versions;
  }

  public void setVersions(List<VersionEntry> versions) {
    this.versions = versions == null ? new ArrayList<>() : versions;
  }

  public List<Pin> getReferences() {
    return references;
  }

  public void setReferences(List<Pin> references) {
    this.references = references == null ? new ArrayList<>() : references;
  }
}
