package dev.ldai.operator.versioned;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.launchdarkly.api.LdVersioned;
import dev.ldai.operator.status.Timestamps;
import java.util.Objects;

/** One version of a tool or snippet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VersionEntry {

  @JsonPropertyDescription("Version number.")
  private Integer version;

  @JsonPropertyDescription("When the version was created (RFC 3339).")
  private String createdAt;

  public VersionEntry() {}

  public VersionEntry(Integer version, String createdAt) {
    this.version = version;
    this.createdAt = createdAt;
  }

  /** The entry of one version as LaunchDarkly answered it. */
  public static VersionEntry of(LdVersioned version) {
    return new VersionEntry(version.version(), Timestamps.fromEpochMillis(version.createdAt()));
  }

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

  @Override
  public boolean equals(Object other) {
    return other instanceof VersionEntry that
        && Objects.equals(version, that.version) && Objects.equals(createdAt, that.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, createdAt);
  }
}
