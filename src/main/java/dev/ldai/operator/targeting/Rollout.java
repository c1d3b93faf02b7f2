package dev.ldai.operator.targeting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** A percentage rollout: each context is bucketed into one of the variations by weight. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.weights.map(variation, self.weights[variation]).sum() == 100000",
    message = "the weights sum to 100000 (100%)")
public class Rollout {

  @Required
  @Size(min = 1, max = 100)
  @JsonPropertyDescription(
      "Variation key to weight, in thousandths of a percent (50000 is 50%). The weights sum to 100000.")
  private Map<String, Integer> weights;

  @JsonPropertyDescription("The context attribute contexts are bucketed by; LaunchDarkly's default is key.")
  private String bucketBy;

  @JsonPropertyDescription("The context kind bucketed; LaunchDarkly's default is user.")
  private String contextKind;

  public Rollout() {}

  public Rollout(Map<String, Integer> weights, String bucketBy, String contextKind) {
    this.weights = weights;
    this.bucketBy = bucketBy;
    this.contextKind = contextKind;
  }

  public Map<String, Integer> getWeights() {
    return weights;
  }

  public void setWeights(Map<String, Integer> weights) {
    this.weights = weights;
  }

  public String getBucketBy() {
    return bucketBy;
  }

  public void setBucketBy(String bucketBy) {
    this.bucketBy = bucketBy;
  }

  public String getContextKind() {
    return contextKind;
  }

  public void setContextKind(String contextKind) {
    this.contextKind = contextKind;
  }
}
