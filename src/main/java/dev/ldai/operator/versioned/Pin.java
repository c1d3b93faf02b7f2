package dev.ldai.operator.versioned;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Comparator;
import java.util.Objects;

/** A variation that pins a version of a tool or snippet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Pin {

  /** The order the status lists pins in: by config, then variation. */
  public static final Comparator<Pin> ORDER =
      Comparator.comparing(Pin::getConfig).thenComparing(Pin::getVariation).thenComparing(Pin::getVersion);

  @JsonPropertyDescription("Key of the AI Config.")
  private String config;

  @JsonPropertyDescription("Key of the variation.")
  private String variation;

  @JsonPropertyDescription("The version the variation pins.")
  private Integer version;

  public Pin() {}

  public Pin(String config, String variation, Integer version) {
    this.config = config;
    this.variation = variation;
    this.version = version;
  }

  public String getConfig() {
    return config;
  }

  public void setConfig(String config) {
    this.config = config;
  }

  public String getVariation() {
    return variation;
  }

  public void setVariation(String variation) {
    this.variation = variation;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  /** {@code config/variation}, as a message names it. */
  public String where() {
    return config + "/" + variation;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Pin that && Objects.equals(config, that.config)
        && Objects.equals(variation, that.variation) && Objects.equals(version, that.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(config, variation, version);
  }

  @Override
  public String toString() {
    return where() + "@" + version;
  }
}
