package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A LaunchDarkly AI tool attached to the variation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Tool {

  @Required
  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Key of the tool.")
  private String key;

  @Required
  @Min(1)
  @JsonPropertyDescription("Version of the tool.")
  private Integer version;

  public Tool() {}

  public Tool(String key, Integer version) {
    this.key = key;
    this.version = version;
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
}
