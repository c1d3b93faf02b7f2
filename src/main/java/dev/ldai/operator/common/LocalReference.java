package dev.ldai.operator.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference to another resource of this operator in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LocalReference {

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Name of the resource, in this resource's namespace.")
  private String name;

  public LocalReference() {}

  public LocalReference(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
