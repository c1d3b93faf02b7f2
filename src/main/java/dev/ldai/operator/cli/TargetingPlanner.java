package dev.ldai.operator.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.cli.PlannedChange.Action;
import dev.ldai.operator.cli.PlannedChange.FieldChange;
import dev.ldai.operator.cli.PlannedChange.Serving;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.StalledException;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdTargetingEnvironment;
import dev.ldai.operator.launchdarkly.api.LdTargetingVariation;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.targeting.AIConfigTargetingReconciler;
import dev.ldai.operator.targeting.AIConfigTargetingSpec;
import dev.ldai.operator.targeting.IndividualTargets;
import dev.ldai.operator.targeting.Rollout;
import dev.ldai.operator.targeting.TargetingMapping;
import dev.ldai.operator.targeting.TargetingRule;
import dev.ldai.operator.variation.AIConfigVariation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the operator would do for an AIConfigTargeting: the instructions {@link TargetingMapping} finds between
 * the spec and the environment, in one semantic PATCH, and what the environment would serve before and after. A
 * variation the spec names must be listed for the config, or made by an AIConfigVariation of the manifests.
 */
final class TargetingPlanner extends KindPlanner<AIConfigTargeting> {

  private static final String NOT_SET = "(not set)";
  private static final int WHOLE = 100_000;

  private Map<String, Set<String>> comingByConfig;

  TargetingPlanner(DesiredResources desired, LaunchDarklyState launchDarkly, PlannedClaims claims) {
    super(desired, launchDarkly, claims);
  }

  @Override
  PlannedChange plan(AIConfigTargeting resource) {
    AIConfigTargetingSpec spec = resource.getSpec();
    Parent parent = Parent.of(resource, spec.getConfigRef(), spec.getProjectKey(), spec.getConfigKey(), desired, launchDarkly);
    String environmentKey = spec.getEnvironmentKey();
    Change change = new Change(resource, desired.origin(resource),
        new AIConfigTargetingReconciler.Where(parent.project(), parent.configKey(), environmentKey, Set.of()));
    if (parent.waitsFor().isPresent()) {
      return change.refuse("DependencyNotReady", parent.waitsFor().get());
    }
    if (claims.takenByAnother(change, resource, "%s/ai-config/%s/targeting/%s".formatted(parent.project(), parent.configKey(), environmentKey))) {
      return change.build();
    }
    Set<String> coming = comingVariations(parent);
    String patched = "PATCH " + Planning.path(parent.project(), "ai-configs", parent.configKey(), "targeting");
    Optional<LdTargeting> targeting = launchDarkly.project(parent.project()).config(parent.configKey()).isPresent()
        ? launchDarkly.targeting(parent.project(), parent.configKey())
        : Optional.empty();
    if (targeting.isEmpty()) {
      return forConfigToBeCreated(change, spec, coming, patched, parent.configKey());
    }
    LdTargetingEnvironment environment;
    try {
      environment = AIConfigTargetingReconciler.environmentOf(targeting.get(), parent.project(), environmentKey);
      requireNamedVariations(spec, TargetingMapping.variationKeys(targeting.get()), coming, parent.configKey());
    } catch (StalledException e) {
      return change.refuse(e);
    }
    Diff<?> diff = TargetingMapping.diff(spec, withComing(targeting.get(), coming), environment);
    AIConfigTargetingSpec before = TargetingMapping.toSpec(environmentKey, targeting.get(), environment);
    List<FieldChange> fields = Planning.fieldChanges(diff.fields(), before, spec);
    change.serving(new Serving(serves(before), serves(overlaid(before, spec))));
    if (ManagementPolicy.observes(resource)) {
      return change.act(Action.OBSERVE, fields, List.of());
    }
    return diff.isEmpty() ? change.build() : change.act(Action.UPDATE, fields, List.of(patched));
  }

  /**
   * The AI Config is made by these manifests: its targeting is set once it exists, with the instructions that
   * differ from what a new config serves, at most one PATCH.
   */
  private static PlannedChange forConfigToBeCreated(Change change, AIConfigTargetingSpec spec, Set<String> coming,
      String patched, String configKey) {
    try {
      requireNamedVariations(spec, Set.of(), coming, configKey);
    } catch (StalledException e) {
      return change.refuse(e);
    }
    change.note("the AI Config is created by these manifests: its targeting is patched once it exists, where it differs from"
        + " what a new config serves");
    change.serving(new Serving(Map.of(), serves(spec)));
    List<FieldChange> fields = new ArrayList<>();
    Serialization.jsonMapper().valueToTree(spec).fields().forEachRemaining(field -> {
      if (Set.of("defaultVariation", "defaultRollout", "offVariation", "targets", "rules").contains(field.getKey())) {
        fields.add(new FieldChange(field.getKey(), null, field.getValue()));
      }
    });
    return change.act(Action.UPDATE, fields, fields.isEmpty() ? List.of() : List.of(patched));
  }

  /** Every variation the spec names must be listed for the config, or made by the manifests. */
  private static void requireNamedVariations(AIConfigTargetingSpec spec, Set<String> listed, Set<String> coming, String configKey) {
    for (Map.Entry<String, String> named : TargetingMapping.namedVariations(spec).entrySet()) {
      if (!listed.contains(named.getKey()) && !coming.contains(named.getKey())) {
        throw AIConfigTargetingReconciler.unknownVariation(named.getValue(), configKey, named.getKey());
      }
    }
  }

  /**
   * The keys of the variations the manifests would make for the config. Targetings are planned after every
   * variation, so the variations' planned statuses are known when this is first asked, and indexed once.
   */
  private Set<String> comingVariations(Parent parent) {
    if (comingByConfig == null) {
      comingByConfig = new HashMap<>();
      desired.all(AIConfigVariation.class)
          .filter(variation -> variation.getStatus() != null && variation.getStatus().getKey() != null)
          .forEach(variation -> configOf(variation).ifPresent(config ->
              comingByConfig.computeIfAbsent(config, key -> new HashSet<>()).add(variation.getStatus().getKey())));
    }
    return comingByConfig.getOrDefault(parent.project() + "/" + parent.configKey(), Set.of());
  }

  /** The project and key of the variation's AI Config, as {@code project/key}; empty when its AIConfig is in none of the manifests. */
  private Optional<String> configOf(AIConfigVariation variation) {
    var spec = variation.getSpec();
    if (spec.getConfigRef() == null) {
      return Optional.of(spec.getProjectKey() + "/" + spec.getConfigKey());
    }
    return desired.named(AIConfig.class, variation.getMetadata().getNamespace(), spec.getConfigRef().getName())
        .map(config -> config.getSpec().getProjectKey() + "/" + Keys.effectiveKey(config, config.getSpec()));
  }

  /** The targeting with the variations still to be made listed too, under ids that say so. */
  private static LdTargeting withComing(LdTargeting targeting, Set<String> coming) {
    Set<String> listed = TargetingMapping.variationKeys(targeting);
    List<LdTargetingVariation> variations = new ArrayList<>(targeting.variations() == null ? List.of() : targeting.variations());
    coming.stream().filter(key -> !listed.contains(key)).sorted().forEach(key -> variations.add(new LdTargetingVariation(
        "(id of new variation " + key + ")", key,
        JsonNodeFactory.instance.objectNode().set("_ldMeta", JsonNodeFactory.instance.objectNode().put("variationKey", key)))));
    return new LdTargeting(targeting.key(), targeting.environments(), variations, targeting.version());
  }

  /** The spec's parts where it sets them, else what the environment serves now: what it serves once applied. */
  private static AIConfigTargetingSpec overlaid(AIConfigTargetingSpec before, AIConfigTargetingSpec spec) {
    AIConfigTargetingSpec after = Serialization.clone(before);
    if (spec.getDefaultRollout() != null || spec.getDefaultVariation() != null) {
      after.setDefaultRollout(spec.getDefaultRollout());
      after.setDefaultVariation(spec.getDefaultVariation());
    }
    if (spec.getOffVariation() != null) {
      after.setOffVariation(spec.getOffVariation());
    }
    if (spec.getTargets() != null) {
      after.setTargets(spec.getTargets());
    }
    if (spec.getRules() != null) {
      after.setRules(spec.getRules());
    }
    return after;
  }

  /** What an environment serves, part by part, as a reviewer reads it. */
  static Map<String, String> serves(AIConfigTargetingSpec spec) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("default", spec.getDefaultRollout() != null ? rollout(spec.getDefaultRollout())
        : spec.getDefaultVariation() != null ? spec.getDefaultVariation() : NOT_SET);
    parts.put("off", spec.getOffVariation() != null ? spec.getOffVariation() : NOT_SET);
    List<IndividualTargets> targets = spec.getTargets() == null ? List.of() : spec.getTargets();
    parts.put("targets", targets.isEmpty() ? "none" : targets.stream()
        .map(target -> "%s to %s %s".formatted(target.getVariation(), target.getContextKind() == null ? "user" : target.getContextKind(),
            String.join(", ", target.getValues())))
        .collect(Collectors.joining("; ")));
    List<TargetingRule> rules = spec.getRules() == null ? List.of() : spec.getRules();
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      TargetingRule rule = rules.get(i);
      shown.add("%d. %s%s".formatted(i + 1, rule.getDescription() == null || rule.getDescription().isBlank() ? "" : rule.getDescription() + ": ",
          rule.getRollout() != null ? rollout(rule.getRollout()) : rule.getVariation()));
    }
    parts.put("rules", shown.isEmpty() ? "none" : String.join("; ", shown));
    return parts;
  }

  private static String rollout(Rollout rollout) {
    return "rollout " + rollout.weightsByVariation().entrySet().stream()
        .map(weight -> "%s %s%%".formatted(weight.getKey(), percent(weight.getValue())))
        .collect(Collectors.joining(", "));
  }

  private static String percent(int weight) {
    return weight % (WHOLE / 100) == 0 ? String.valueOf(weight / (WHOLE / 100))
        : java.math.BigDecimal.valueOf(weight, 3).stripTrailingZeros().toPlainString();
  }
}
