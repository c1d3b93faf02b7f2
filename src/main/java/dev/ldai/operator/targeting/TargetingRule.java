package dev.ldai.operator.targeting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Contexts matching every clause are served a variation or a rollout; rules are tried in order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.variation) != has(self.rollout)", message = "a rule serves either a variation or a rollout")
public class TargetingRule {

  @Size(max = 1024)
  @JsonPropertyDescription("What the rule is for.")
  private String description;

  @Size(max = 100)
  @JsonPropertyDescription("All must match; none matches every context.")
  private List<Clause> clauses;

  @JsonPropertyDescription("The key of the variation served. Either this or rollout.")
  private String variation;

  @JsonPropertyDescription("A percentage rollout served. Either this or variation.")
  private Rollout rollout;

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<Clause> getClauses() {
    return clauses;
  }

  public void setClauses(List<Clause> clauses) {
    this.clauses = clauses;
  }

  public String getVariation() {
    return variation;
  }

  public void setVariation(String variation) {
    this.variation = variation;
  }

  public Rollout getRollout() {
    return rollout;
  }

  public void setRollout(Rollout rollout) {
    this.rollout = rollout;
  }
}
