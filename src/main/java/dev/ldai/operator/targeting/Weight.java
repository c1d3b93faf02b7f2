package dev.ldai.operator.targeting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One variation of a rollout and its share. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Weight {

  @Required
  @Size(min = 1, max = 256)
  @JsonPropertyDescription("The key of the variation.")
  private String variation;

  @Required
  @Min(0)
  @Max(100000)
  @JsonPropertyDescription("Its share, in thousandths of a percent: 50000 is 50%.")
  private Integer weight;

  public Weight() {}

  public Weight(String variation, Integer weight) {
    this.variation = variation;
    this.weight = weight;
  }

  public String getVariation() {
    return variation;
  }

  public void setVariation(String variation) {
    this.variation = variation;
  }

  public Integer getWeight() {
    return weight;
  }

  public void setWeight(Integer weight) {
    this.weight = weight;
  }
}
