package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A snippet version the variation's sent text pins, and whether the operator pinned it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SnippetPin {

  @JsonPropertyDescription("Key of the prompt snippet.")
  private String key;

  @JsonPropertyDescription("The version the sent text pins.")
  private Integer version;

  @JsonPropertyDescription(
      "True when the spec's tag follows the snippet ({{snippet.KEY}}) and the operator pinned its current version;"
          + " absent for a tag that pins a version as written.")
  private Boolean follows;

  public SnippetPin() {}

  public SnippetPin(String key, Integer version, boolean follows) {
    this.key = key;
    this.version = version;
    this.follows = follows ? Boolean.TRUE : null;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  public Boolean getFollows() {
    return follows;
  }

  public void setFollows(Boolean follows) {
    this.follows = follows;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SnippetPin that && Objects.equals(key, that.key) && Objects.equals(version, that.version)
        && Objects.equals(follows, that.follows);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, version, follows);
  }

  @Override
  public String toString() {
    return key + "#" + version + (follows == null ? "" : " (follows)");
  }
}
