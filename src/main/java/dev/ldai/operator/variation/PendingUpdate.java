package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A PATCH carrying instructions or description, recorded before it is sent. LaunchDarkly does not
 * return those fields, so when the answer is lost (timeout, crash) only this record tells whether the
 * PATCH was applied: it was when LaunchDarkly's latest version is newer than {@link #getFromVersion()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PendingUpdate {

  @JsonPropertyDescription("The latest version when the PATCH was sent.")
  private Integer fromVersion;

  @JsonPropertyDescription("SHA-256 of the instructions the PATCH sends.")
  private String instructionsHash;

  @JsonPropertyDescription("SHA-256 of the description the PATCH sends.")
  private String descriptionHash;

  public PendingUpdate() {}

  public PendingUpdate(Integer fromVersion, String instructionsHash, String descriptionHash) {
    this.fromVersion = fromVersion;
    this.instructionsHash = instructionsHash;
    this.descriptionHash = descriptionHash;
  }

  public Integer getFromVersion() {
    return fromVersion;
  }

  public void setFromVersion(Integer fromVersion) {
    this.fromVersion = fromVersion;
  }

  public String getInstructionsHash() {
    return instructionsHash;
  }

  public void setInstructionsHash(String instructionsHash) {
    this.instructionsHash = instructionsHash;
  }

  public String getDescriptionHash() {
    return descriptionHash;
  }

  public void setDescriptionHash(String descriptionHash) {
    this.descriptionHash = descriptionHash;
  }
}
