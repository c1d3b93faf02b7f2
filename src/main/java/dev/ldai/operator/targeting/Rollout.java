package dev.ldai.operator.targeting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A percentage rollout: each context is bucketed into one of the variations by weight. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Rollout.WEIGHTS_SUM, message = "the weights sum to 100000 (100%)")
@ValidationRule(
    value = "self.weights.all(w, self.weights.exists_one(other, other.variation == w.variation))",
    message = "each variation is weighted once")
public class Rollout {

  /** How many variations one rollout may weigh: the bound that lets the API server afford the sum below. */
  public static final int MAX_WEIGHTS = 20;

  /**
   * The weights' sum, written out term by term. Kubernetes estimates the cost of a CEL rule before it installs
   * a CRD, and it cannot bound the size of a list made by {@code map()}, so {@code
   * self.weights.map(w, w.weight).sum()} is refused as unaffordable however small {@code maxItems} is. Indexing
   * a list of at most {@link #MAX_WEIGHTS} items costs a constant.
   */
  static final String WEIGHTS_SUM = ""
      + "(size(self.weights) > 0 ? self.weights[0].weight : 0)"
      + " + (size(self.weights) > 1 ? self.weights[1].weight : 0)"
      + " + (size(self.weights) > 2 ? self.weights[2].weight : 0)"
      + " + (size(self.weights) > 3 ? self.weights[3].weight : 0)"
      + " + (size(self.weights) > 4 ? self.weights[4].weight : 0)"
      + " + (size(self.weights) > 5 ? self.weights[5].weight : 0)"
      + " + (size(self.weights) > 6 ? self.weights[6].weight : 0)"
      + " + (size(self.weights) > 7 ? self.weights[7].weight : 0)"
      + " + (size(self.weights) > 8 ? self.weights[8].weight : 0)"
      + " + (size(self.weights) > 9 ? self.weights[9].weight : 0)"
      + " + (size(self.weights) > 10 ? self.weights[10].weight : 0)"
      + " + (size(self.weights) > 11 ? self.weights[11].weight : 0)"
      + " + (size(self.weights) > 12 ? self.weights[12].weight : 0)"
      + " + (size(self.weights) > 13 ? self.weights[13].weight : 0)"
      + " + (size(self.weights) > 14 ? self.weights[14].weight : 0)"
      + " + (size(self.weights) > 15 ? self.weights[15].weight : 0)"
      + " + (size(self.weights) > 16 ? self.weights[16].weight : 0)"
      + " + (size(self.weights) > 17 ? self.weights[17].weight : 0)"
      + " + (size(self.weights) > 18 ? self.weights[18].weight : 0)"
      + " + (size(self.weights) > 19 ? self.weights[19].weight : 0)"
      + " == 100000";

  @Required
  @Size(min = 1, max = MAX_WEIGHTS)
  @JsonPropertyDescription(
      "The variations and their weights, in thousandths of a percent (50000 is 50%), summing to 100000; each"
          + " variation at most once, at most 20 variations.")
  private List<Weight> weights;

  @JsonPropertyDescription("The context attribute contexts are bucketed by; LaunchDarkly's default is key.")
  private String bucketBy;

  @JsonPropertyDescription("The context kind bucketed; LaunchDarkly's default is user.")
  private String contextKind;

  public Rollout() {}

  public Rollout(List<Weight> weights, String bucketBy, String contextKind) {
    this.weights = weights;
    this.bucketBy = bucketBy;
    this.contextKind = contextKind;
  }

  public List<Weight> getWeights() {
    return weights;
  }

  public void setWeights(List<Weight> weights) {
    this.weights = weights;
  }

  /** The weights by variation key, in the order given; a weight left out counts as 0. */
  @JsonIgnore
  public Map<String, Integer> weightsByVariation() {
    Map<String, Integer> byVariation = new LinkedHashMap<>();
    if (weights != null) {
      weights.forEach(weight -> byVariation.merge(weight.getVariation(), weight.getWeight() == null ? 0 : weight.getWeight(),
          Integer::sum));
    }
    return byVariation;
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
