package dev.ldai.operator.aiconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One variation of a config, as LaunchDarkly lists it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VariationSummary {

  @JsonPropertyDescription("Key of the variation.")
  private String key;

  @JsonPropertyDescription("Name of the variation.")
  private String name;

  @JsonPropertyDescription("Latest version of the variation.")
  private Integer version;

  public VariationSummary() {}

  public VariationSummary(String key, String name, Integer version) {
    this.key = key;
    this.name = name;
    this.version = version;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VariationSummary that
        && Objects.equals(key, that.key) && Objects.equals(name, that.name) && Objects.equals(version, that.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, name, version);
  }
}
