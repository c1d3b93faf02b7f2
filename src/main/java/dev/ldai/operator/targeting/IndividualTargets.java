package dev.ldai.operator.targeting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Contexts served one variation by their keys, before any rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IndividualTargets {

  @JsonPropertyDescription("The context kind of the keys; user when absent.")
  private String contextKind;

  @Required
  @Size(min = 1, max = 10_000)
  @JsonPropertyDescription("The context keys.")
  private List<String> values;

  @Required
  @JsonPropertyDescription("The key of the variation they are served.")
  private String variation;

  public IndividualTargets() {}

  public IndividualTargets(String contextKind, List<String> values, String variation) {
    this.contextKind = contextKind;
    this.values = values;
    this.variation = variation;
  }

  public String getContextKind() {
    return contextKind;
  }

  public void setContextKind(String contextKind) {
    this.contextKind = contextKind;
  }

  public List<String> getValues() {
    return values;
  }

  public void setValues(List<String> values) {
    this.values = values;
  }

  public String getVariation() {
    return variation;
  }

  public void setVariation(String variation) {
    this.variation = variation;
  }
}
