package dev.ldai.operator.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Secret in the resource's own namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyReference {

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Name of a Secret in the resource's own namespace.")
  private String name;

  @JsonPropertyDescription("Key of the API token inside the Secret; defaults to apiToken.")
  private String key;

  public SecretKeyReference() {}

  public SecretKeyReference(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
