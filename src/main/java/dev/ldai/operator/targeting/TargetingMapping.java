package dev.ldai.operator.targeting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdTargetingEnvironment;
import dev.ldai.operator.launchdarkly.api.LdTargetingVariation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The spec's targeting of one environment against LaunchDarkly's. Both sides are compared as what they
 * serve, in variation keys (LaunchDarkly names variations by index, and takes them by id), so that an
 * environment in sync gets no instruction at all and a change gets the one instruction that makes it:
 * {@code updateFallthroughVariationOrRollout}, {@code updateOffVariation}, {@code replaceTargets},
 * {@code replaceRules}. Fields the spec leaves out are not compared.
 */
public final class TargetingMapping {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String USER = "user";
  private static final String KEY = "key";

  private TargetingMapping() {}

  /** The variation keys the spec names, with the field naming each: what must exist before a diff. */
  public static Map<String, String> namedVariations(AIConfigTargetingSpec spec) {
    Map<String, String> named = new LinkedHashMap<>();
    name(named, "spec.defaultVariation", spec.getDefaultVariation());
    rolloutKeys(spec.getDefaultRollout()).forEach(key -> name(named, "spec.defaultRollout.weights", key));
    name(named, "spec.offVariation", spec.getOffVariation());
    List<IndividualTargets> targets = spec.getTargets() == null ? List.of() : spec.getTargets();
    for (int i = 0; i < targets.size(); i++) {
      name(named, "spec.targets[%d].variation".formatted(i), targets.get(i).getVariation());
    }
    List<TargetingRule> rules = spec.getRules() == null ? List.of() : spec.getRules();
    for (int i = 0; i < rules.size(); i++) {
      name(named, "spec.rules[%d].variation".formatted(i), rules.get(i).getVariation());
      String field = "spec.rules[%d].rollout.weights".formatted(i);
      rolloutKeys(rules.get(i).getRollout()).forEach(key -> name(named, field, key));
    }
    return named;
  }

  /** The instructions that bring the environment to the spec; every variation the spec names must exist. */
  public static Diff<List<ObjectNode>> diff(AIConfigTargetingSpec spec, LdTargeting targeting, LdTargetingEnvironment environment) {
    Variations variations = new Variations(targeting);
    List<String> fields = new ArrayList<>();
    List<ObjectNode> instructions = new ArrayList<>();
    Served wanted = spec.getDefaultRollout() != null
        ? Served.of(spec.getDefaultRollout())
        : spec.getDefaultVariation() != null ? Served.of(spec.getDefaultVariation()) : null;
    LdTargetingEnvironment.Fallthrough fallthrough = environment.fallthrough();
    if (wanted != null && !wanted.equals(variations.served(fallthrough == null ? null : fallthrough.variation(),
        fallthrough == null ? null : fallthrough.rollout()))) {
      fields.add(spec.getDefaultRollout() != null ? "defaultRollout" : "defaultVariation");
      instructions.add(wanted.into(instruction("updateFallthroughVariationOrRollout"), variations));
    }
    if (spec.getOffVariation() != null && !spec.getOffVariation().equals(variations.keyAt(environment.offVariation()))) {
      fields.add("offVariation");
      instructions.add(instruction("updateOffVariation").put("variationId", variations.id(spec.getOffVariation())));
    }
    Map<List<String>, Set<String>> targets = spec.getTargets() == null ? null : wantedTargets(spec);
    if (targets != null && !targets.equals(listedTargets(environment, variations))) {
      fields.add("targets");
      instructions.add(replaceTargets(targets, variations));
    }
    if (spec.getRules() != null && !wantedRules(spec).equals(listedRules(environment, variations))) {
      fields.add("rules");
      instructions.add(replaceRules(spec, variations));
    }
    return new Diff<>(List.copyOf(fields), List.copyOf(instructions));
  }

  /**
   * The spec that describes the environment's targeting as LaunchDarkly holds it, so that {@link #diff} sends
   * no instruction. A part that names a variation without a key (LaunchDarkly's own disabled value) cannot be
   * written as a spec and is left out, and so not managed; so are empty targets and rules. {@code enabled} is
   * never managed. The config is the caller's to set.
   */
  public static AIConfigTargetingSpec toSpec(String environmentKey, LdTargeting targeting, LdTargetingEnvironment environment) {
    Variations variations = new Variations(targeting);
    AIConfigTargetingSpec spec = new AIConfigTargetingSpec();
    spec.setEnvironmentKey(environmentKey);
    LdTargetingEnvironment.Fallthrough fallthrough = environment.fallthrough();
    if (fallthrough != null && fallthrough.rollout() != null) {
      spec.setDefaultRollout(variations.rollout(fallthrough.rollout()).orElse(null));
    } else if (fallthrough != null) {
      spec.setDefaultVariation(variations.keyAt(fallthrough.variation()));
    }
    spec.setOffVariation(variations.keyAt(environment.offVariation()));
    Map<List<String>, Set<String>> targets = listedTargets(environment, variations);
    boolean targetsNameKeys = Stream.concat(stream(environment.targets()), stream(environment.contextTargets()))
        .allMatch(target -> variations.keyAt(target.variation()) != null);
    if (!targets.isEmpty() && targetsNameKeys) {
      spec.setTargets(targets.entrySet().stream().map(entry -> new IndividualTargets(
          entry.getKey().get(0), List.copyOf(entry.getValue()), entry.getKey().get(1))).toList());
    }
    List<Optional<TargetingRule>> rules = stream(environment.rules()).map(rule -> ruleOf(rule, variations)).toList();
    if (!rules.isEmpty() && rules.stream().allMatch(Optional::isPresent)) {
      spec.setRules(rules.stream().map(Optional::get).toList());
    }
    return spec;
  }

  /** A rule as the spec writes it; empty when it serves a variation without a key, or nothing. */
  private static Optional<TargetingRule> ruleOf(LdTargetingEnvironment.Rule listed, Variations variations) {
    TargetingRule rule = new TargetingRule();
    rule.setDescription(listed.description());
    rule.setClauses(stream(listed.clauses()).map(TargetingMapping::clauseOf).toList());
    if (listed.rollout() != null) {
      Optional<Rollout> rollout = variations.rollout(listed.rollout());
      rollout.ifPresent(rule::setRollout);
      return rollout.map(served -> rule);
    }
    rule.setVariation(variations.keyAt(listed.variation()));
    return rule.getVariation() == null ? Optional.empty() : Optional.of(rule);
  }

  private static Clause clauseOf(LdTargetingEnvironment.Clause listed) {
    Clause clause = new Clause();
    clause.setContextKind(listed.contextKind());
    clause.setAttribute(listed.attribute());
    clause.setOp(listed.op());
    clause.setValues(listed.values() == null ? List.of() : listed.values());
    clause.setNegate(Boolean.TRUE.equals(listed.negate()) ? Boolean.TRUE : null);
    return clause;
  }

  /** The key of the variation the default rule serves; null while it serves a rollout or nothing known. */
  public static String servedVariation(LdTargeting targeting, LdTargetingEnvironment environment) {
    LdTargetingEnvironment.Fallthrough fallthrough = environment.fallthrough();
    return fallthrough == null || fallthrough.rollout() != null ? null : new Variations(targeting).keyAt(fallthrough.variation());
  }

  /**
   * The instruction that makes the environment serve its off variation by default: what a deleted
   * targeting resource leaves behind. Empty when it already does, or serves no known off variation.
   */
  public static List<ObjectNode> serveOffVariation(LdTargeting targeting, LdTargetingEnvironment environment) {
    Integer off = environment.offVariation();
    LdTargetingEnvironment.Fallthrough fallthrough = environment.fallthrough();
    boolean servesOff = fallthrough != null && fallthrough.rollout() == null && Objects.equals(fallthrough.variation(), off);
    return servesOff ? List.of() : targeting.variation(off)
        .map(variation -> List.of(instruction("updateFallthroughVariationOrRollout").put("variationId", variation.id())))
        .orElse(List.of());
  }

  private static void name(Map<String, String> named, String field, String key) {
    if (key != null) {
      named.putIfAbsent(key, field);
    }
  }

  private static Stream<String> rolloutKeys(Rollout rollout) {
    return rollout == null ? Stream.empty() : rollout.weightsByVariation().keySet().stream();
  }

  private static ObjectNode instruction(String kind) {
    return JSON.objectNode().put("kind", kind);
  }

  /** Individual targets as served: context kind and variation key to the set of context keys. */
  private static Map<List<String>, Set<String>> wantedTargets(AIConfigTargetingSpec spec) {
    Map<List<String>, Set<String>> wanted = new TreeMap<>(TargetingMapping::compareKeys);
    for (IndividualTargets targets : spec.getTargets()) {
      wanted.computeIfAbsent(List.of(orUser(targets.getContextKind()), targets.getVariation()), k -> new TreeSet<>())
          .addAll(targets.getValues());
    }
    return wanted;
  }

  private static Map<List<String>, Set<String>> listedTargets(LdTargetingEnvironment environment, Variations variations) {
    Map<List<String>, Set<String>> listed = new TreeMap<>(TargetingMapping::compareKeys);
    Stream.concat(stream(environment.targets()), stream(environment.contextTargets()))
        .filter(target -> target.values() != null && !target.values().isEmpty())
        .forEach(target -> listed.computeIfAbsent(
                List.of(orUser(target.contextKind()), String.valueOf(variations.keyAt(target.variation()))),
                k -> new TreeSet<>())
            .addAll(target.values()));
    return listed;
  }

  private static ObjectNode replaceTargets(Map<List<String>, Set<String>> wanted, Variations variations) {
    ObjectNode replace = instruction("replaceTargets");
    var targets = replace.putArray("targets");
    wanted.forEach((kindAndVariation, values) -> {
      ObjectNode target = targets.addObject()
          .put("contextKind", kindAndVariation.get(0))
          .put("variationId", variations.id(kindAndVariation.get(1)));
      values.forEach(target.putArray("values")::add);
    });
    return replace;
  }

  /** A rule as served: description, clauses with their defaults filled in, and what it serves. */
  private record ComparedRule(String description, List<List<Object>> clauses, Served served) {}

  private static List<ComparedRule> wantedRules(AIConfigTargetingSpec spec) {
    return spec.getRules().stream().map(rule -> new ComparedRule(rule.getDescription(),
        stream(rule.getClauses()).map(c -> clause(c.getContextKind(), c.getAttribute(), c.getOp(), c.getValues(), c.getNegate())).toList(),
        rule.getRollout() != null ? Served.of(rule.getRollout()) : Served.of(rule.getVariation()))).toList();
  }

  private static List<ComparedRule> listedRules(LdTargetingEnvironment environment, Variations variations) {
    return stream(environment.rules()).map(rule -> new ComparedRule(rule.description(),
        stream(rule.clauses()).map(c -> clause(c.contextKind(), c.attribute(), c.op(), c.values(), c.negate())).toList(),
        variations.served(rule.variation(), rule.rollout()))).toList();
  }

  private static List<Object> clause(String contextKind, String attribute, String op, List<JsonNode> values, Boolean negate) {
    return List.of(orUser(contextKind), String.valueOf(attribute), String.valueOf(op),
        values == null ? List.of() : values, Boolean.TRUE.equals(negate));
  }

  private static ObjectNode replaceRules(AIConfigTargetingSpec spec, Variations variations) {
    ObjectNode replace = instruction("replaceRules");
    var rules = replace.putArray("rules");
    for (TargetingRule rule : spec.getRules()) {
      ObjectNode wanted = rules.addObject();
      if (rule.getDescription() != null) {
        wanted.put("description", rule.getDescription());
      }
      var clauses = wanted.putArray("clauses");
      for (Clause clause : stream(rule.getClauses()).toList()) {
        ObjectNode sent = clauses.addObject()
            .put("contextKind", orUser(clause.getContextKind()))
            .put("attribute", clause.getAttribute())
            .put("op", clause.getOp())
            .put("negate", Boolean.TRUE.equals(clause.getNegate()));
        clause.getValues().forEach(sent.putArray("values")::add);
      }
      (rule.getRollout() != null ? Served.of(rule.getRollout()) : Served.of(rule.getVariation())).into(wanted, variations);
    }
    return replace;
  }

  /** A variation, or a rollout with its weights by variation key (zero weights left out) and defaults filled in. */
  private record Served(String variation, Map<String, Integer> weights, String bucketBy, String contextKind) {

    static Served of(String variation) {
      return new Served(variation, null, null, null);
    }

    static Served of(Rollout rollout) {
      Map<String, Integer> weights = new TreeMap<>();
      rollout.weightsByVariation().forEach((key, weight) -> {
        if (weight != null && weight != 0) {
          weights.put(key, weight);
        }
      });
      return new Served(null, weights, rollout.getBucketBy() == null ? KEY : rollout.getBucketBy(), orUser(rollout.getContextKind()));
    }

    /** Adds what it serves to an instruction or a rule, in LaunchDarkly's parameters. */
    ObjectNode into(ObjectNode target, Variations variations) {
      if (variation != null) {
        return target.put("variationId", variations.id(variation));
      }
      ObjectNode ids = target.putObject("rolloutWeights");
      weights.forEach((key, weight) -> ids.put(variations.id(key), weight));
      return target.put("rolloutBucketBy", bucketBy).put("rolloutContextKind", contextKind);
    }
  }

  /** The targeting's variations, by index, id and key. */
  private record Variations(LdTargeting targeting) {

    String keyAt(Integer index) {
      return targeting.variation(index).map(LdTargetingVariation::variationKey).orElse(null);
    }

    String id(String key) {
      return stream(targeting.variations()).filter(variation -> key.equals(variation.variationKey()))
          .map(LdTargetingVariation::id).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no variation " + key + " in the targeting"));
    }

    /** The rollout with its weights by variation key; empty when one names a variation without a key. */
    Optional<Rollout> rollout(LdTargetingEnvironment.Rollout listed) {
      List<Weight> weights = new ArrayList<>();
      for (LdTargetingEnvironment.Weighted weighted : stream(listed.variations()).toList()) {
        String key = keyAt(weighted.variation());
        if (key == null) {
          return Optional.empty();
        }
        weights.add(new Weight(key, weighted.weight() == null ? 0 : weighted.weight()));
      }
      return Optional.of(new Rollout(weights, listed.bucketBy(), listed.contextKind()));
    }

    Served served(Integer variation, LdTargetingEnvironment.Rollout rollout) {
      if (rollout == null) {
        return variation == null ? null : Served.of(keyAt(variation));
      }
      List<Weight> weights = stream(rollout.variations())
          .map(weighted -> new Weight(String.valueOf(keyAt(weighted.variation())), weighted.weight() == null ? 0 : weighted.weight()))
          .toList();
      return Served.of(new Rollout(weights, rollout.bucketBy(), rollout.contextKind()));
    }
  }

  private static String orUser(String contextKind) {
    return contextKind == null ? USER : contextKind;
  }

  private static int compareKeys(List<String> a, List<String> b) {
    int kinds = a.get(0).compareTo(b.get(0));
    return kinds != 0 ? kinds : a.get(1).compareTo(b.get(1));
  }

  private static <T> Stream<T> stream(List<T> list) {
    return list == null ? Stream.empty() : list.stream();
  }

  /** The set of keys of the config's variations the targeting lists. */
  public static Set<String> variationKeys(LdTargeting targeting) {
    Set<String> keys = new LinkedHashSet<>();
    stream(targeting.variations()).map(LdTargetingVariation::variationKey).filter(Objects::nonNull).forEach(keys::add);
    return keys;
  }
}
