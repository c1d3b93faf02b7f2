package dev.ldai.operator.targeting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.aiconfig.ConfigScoped;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.common.ManagedSpec;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The targeting of one AI Config in one environment (LaunchDarkly's {@code AIConfigTargeting}, changed by
 * semantic patch). Fields left out are not managed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.configRef) ? !has(self.projectKey) && !has(self.configKey)"
        + " : has(self.projectKey) && has(self.configKey)",
    message = "set either configRef, or both projectKey and configKey")
@ValidationRule(
    value = "!(has(self.defaultVariation) && has(self.defaultRollout))",
    message = "set at most one of defaultVariation and defaultRollout")
@ValidationRule(
    value = "has(self.configRef) == has(oldSelf.configRef)"
        + " && (!has(self.configRef) || self.configRef.name == oldSelf.configRef.name)",
    message = "configRef is immutable")
public class AIConfigTargetingSpec extends ManagedSpec implements ConfigScoped {

  @JsonPropertyDescription("The AIConfig, in this namespace. Either this, or projectKey and configKey. Immutable.")
  private LocalReference configRef;

  @Pattern(Keys.PATTERN)
  @Size(max = 256)
  @ValidationRule(value = "self == oldSelf", message = "projectKey is immutable")
  @JsonPropertyDescription("Project of an AI Config not managed in this cluster (with configKey). Immutable.")
  private String projectKey;

  @Pattern(Keys.PATTERN)
  @Size(max = 256)
  @ValidationRule(value = "self == oldSelf", message = "configKey is immutable")
  @JsonPropertyDescription("Key of an AI Config not managed in this cluster (with projectKey). Immutable.")
  private String configKey;

  @Required
  @Pattern(Keys.PATTERN)
  @Size(min = 1, max = 256)
  @ValidationRule(value = "self == oldSelf", message = "environmentKey is immutable")
  @JsonPropertyDescription("The LaunchDarkly environment, e.g. production. Immutable.")
  private String environmentKey;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("The key of the variation served when no target or rule matches (the default rule).")
  private String defaultVariation;

  @JsonPropertyDescription("A percentage rollout served when no target or rule matches, instead of defaultVariation.")
  private Rollout defaultRollout;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("The key of the variation served while targeting is off.")
  private String offVariation;

  @Size(max = 100)
  @JsonPropertyDescription("Contexts served a variation by key. Set (even empty) to manage them: others are removed.")
  private List<IndividualTargets> targets;

  @Size(max = 100)
  @JsonPropertyDescription("Rules, tried in order. Set (even empty) to manage them: others are removed.")
  private List<TargetingRule> rules;

  public LocalReference getConfigRef() {
    return configRef;
  }

  public void setConfigRef(LocalReference configRef) {
    this.configRef = configRef;
  }

  @Override
  public String getProjectKey() {
    return projectKey;
  }

  public void setProjectKey(String projectKey) {
    this.projectKey = projectKey;
  }

  public String getConfigKey() {
    return configKey;
  }

  public void setConfigKey(String configKey) {
    this.configKey = configKey;
  }

  public String getEnvironmentKey() {
    return environmentKey;
  }

  public void setEnvironmentKey(String environmentKey) {
    this.environmentKey = environmentKey;
  }

  public String getDefaultVariation() {
    return defaultVariation;
  }

  public void setDefaultVariation(String defaultVariation) {
    this.defaultVariation = defaultVariation;
  }

  public Rollout getDefaultRollout() {
    return defaultRollout;
  }

  public void setDefaultRollout(Rollout defaultRollout) {
    this.defaultRollout = defaultRollout;
  }

  public String getOffVariation() {
    return offVariation;
  }

  public void setOffVariation(String offVariation) {
    this.offVariation = offVariation;
  }

  public List<IndividualTargets> getTargets() {
    return targets;
  }

  public void setTargets(List<IndividualTargets> targets) {
    this.targets = targets;
  }

  public List<TargetingRule> getRules() {
    return rules;
  }

  public void setRules(List<TargetingRule> rules) {
    this.rules = rules;
  }
}
