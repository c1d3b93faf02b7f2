package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ldai.operator.targeting.AIConfigTargetingSpec;
import dev.ldai.operator.targeting.Clause;
import dev.ldai.operator.targeting.IndividualTargets;
import dev.ldai.operator.targeting.Rollout;
import dev.ldai.operator.targeting.TargetingRule;
import dev.ldai.operator.targeting.Weight;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an environment serves, as a diff shows it part by part. */
class TargetingServesTest {

  @Test
  void eachPartReadsAsWhatItServes() {
    AIConfigTargetingSpec spec = new AIConfigTargetingSpec();
    spec.setDefaultRollout(new Rollout(List.of(new Weight("a", 33_333), new Weight("b", 66_667)), null, null));
    spec.setOffVariation("off");
    spec.setTargets(List.of(new IndividualTargets(null, List.of("ann", "bob"), "a"), new IndividualTargets("org", List.of("acme"), "b")));
    TargetingRule rule = new TargetingRule();
    rule.setDescription("Nordics");
    rule.setVariation("b");
    Clause clause = new Clause();
    clause.setAttribute("country");
    clause.setOp("in");
    clause.setValues(List.of(JsonNodeFactory.instance.textNode("SE")));
    rule.setClauses(List.of(clause));
    TargetingRule unnamed = new TargetingRule();
    unnamed.setDescription("");
    unnamed.setRollout(new Rollout(List.of(new Weight("a", 50_000), new Weight("b", 50_000)), null, null));
    spec.setRules(List.of(rule, unnamed));

    assertThat(TargetingPlanner.serves(spec)).containsExactly(
        entry("default", "rollout a 33.333%, b 66.667%"),
        entry("off", "off"),
        entry("targets", "a to user ann, bob; b to org acme"),
        entry("rules", "1. Nordics: b; 2. rollout a 50%, b 50%"));
  }

  @Test
  void nothingSetReadsAsSuch() {
    AIConfigTargetingSpec spec = new AIConfigTargetingSpec();
    spec.setDefaultVariation("a");

    assertThat(TargetingPlanner.serves(spec)).containsEntry("default", "a").containsEntry("off", "(not set)")
        .containsEntry("targets", "none").containsEntry("rules", "none");
  }
}
