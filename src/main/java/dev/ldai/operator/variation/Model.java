package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Size;

/** The model of a variation, sent to LaunchDarkly as its {@code model} object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Model {

  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("Name of the model, e.g. gpt-4o.")
  private String modelName;

  @PreserveUnknownFields
  @JsonPropertyDescription("Model parameters (free-form object), e.g. {temperature: 0.7}.")
  private JsonNode parameters;

  @PreserveUnknownFields
  @JsonPropertyDescription("Custom parameters (free-form object).")
  private JsonNode custom;

  public String getModelName() {
    return modelName;
  }

  public void setModelName(String modelName) {
    this.modelName = modelName;
  }

  public JsonNode getParameters() {
    return parameters;
  }

  public void setParameters(JsonNode parameters) {
    this.parameters = parameters;
  }

  public JsonNode getCustom() {
    return custom;
  }

  public void setCustom(JsonNode custom) {
    this.custom = custom;
  }
}
