package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The targeting of one AI Config, as LaunchDarkly keeps it in the flag behind the config: per environment,
 * what it serves by index into its variations. Index 0 is the disabled variation LaunchDarkly generates
 * for every AI Config; the config's variations follow in creation order, each with an {@code _id} that
 * stays while the variation lives. A new config serves the disabled variation in every environment
 * (fallthrough, off variation and defaults), with targeting on, as a new AI Config does in LaunchDarkly.
 * {@code _version} counts the changes of the whole targeting, each environment's {@code _version} those of
 * that environment. The store synchronizes access.
 */
final class ConfigTargeting {

  static final int DISABLED = 0;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String disabledId = TargetingPatch.newId();
  /** Variation key → {@code _id}, in creation order: the variation at position i has index i + 1. */
  private final Map<String, String> variationIds = new LinkedHashMap<>();
  private final Map<String, ObjectNode> environments = new LinkedHashMap<>();
  private ObjectNode defaults = JSON.objectNode().put("onVariation", DISABLED).put("offVariation", DISABLED);
  private int version = 1;

  ConfigTargeting(Map<String, String> environmentNames, Collection<String> variationKeys, long now) {
    variationKeys.forEach(key -> variationIds.put(key, TargetingPatch.newId()));
    environmentNames.forEach((key, name) -> addEnvironment(key, name, now));
  }

  String disabledId() {
    return disabledId;
  }

  /** The config's variations by key, with their {@code _id}, in index order from 1. */
  Map<String, String> variationIds() {
    return Collections.unmodifiableMap(variationIds);
  }

  /** An environment serves the config's defaults until its targeting changes. */
  void addEnvironment(String key, String name, long now) {
    if (environments.containsKey(key)) {
      return;
    }
    ObjectNode environment = JSON.objectNode();
    environment.put("_environmentName", name);
    environment.put("_version", 1);
    environment.put("enabled", true);
    environment.putObject("fallthrough").put("variation", defaults.path("onVariation").asInt());
    environment.put("offVariation", defaults.path("offVariation").asInt());
    environment.putArray("rules");
    environment.putArray("targets");
    environment.putArray("contextTargets");
    environment.put("trackEvents", false);
    environment.put("trackEventsFallthrough", false);
    environment.put("lastModified", now);
    environments.put(key, environment);
  }

  void addVariation(String key) {
    variationIds.put(key, TargetingPatch.newId());
    version++;
  }

  /** The environments whose fallthrough, off variation, rules or individual targets serve the variation. */
  List<String> environmentsServing(String variationKey) {
    int index = indexOf(variationKey);
    List<String> serving = new ArrayList<>();
    environments.forEach((key, environment) -> {
      if (serves(environment, index)) {
        serving.add(key);
      }
    });
    return serving;
  }

  /**
   * Removes a variation: later indexes move down by one. What served it falls back to the disabled
   * variation and its individual targets go (the API refuses this while targeting serves it; a direct
   * deletion does not ask).
   */
  void removeVariation(String variationKey, long now) {
    int removed = indexOf(variationKey);
    variationIds.remove(variationKey);
    environments.values().forEach(environment -> {
      ObjectNode before = environment.deepCopy();
      renumber(environment, removed);
      if (!environment.equals(before)) {
        touch(environment, now);
      }
    });
    defaults.put("onVariation", shifted(defaults.path("onVariation").asInt(), removed));
    defaults.put("offVariation", shifted(defaults.path("offVariation").asInt(), removed));
    version++;
  }

  /**
   * Applies a semantic patch to one environment. All or nothing: the instructions apply to copies, kept
   * only when every one applied. A patch that changes nothing changes no version either, as LaunchDarkly
   * leaves a resource "unchanged if already in the state you request".
   */
  void patch(String environmentKey, JsonNode instructions, List<ObjectNode> variations, long now) {
    ObjectNode stored = environments.get(environmentKey);
    if (stored == null) {
      throw StandInError.invalid("environmentKey: unknown environment " + environmentKey);
    }
    TargetingPatch.Draft draft = new TargetingPatch.Draft(stored.deepCopy(), defaults.deepCopy(), variations);
    TargetingPatch.apply(instructions, draft);
    boolean environmentChanged = !draft.environment.equals(stored);
    boolean defaultsChanged = !draft.defaults.equals(defaults);
    if (environmentChanged) {
      touch(draft.environment, now);
      environments.put(environmentKey, draft.environment);
    }
    if (defaultsChanged) {
      defaults = draft.defaults;
    }
    if (environmentChanged || defaultsChanged) {
      version++;
    }
  }

  /** Edits an environment in place, as a person in LaunchDarkly's UI would; always a new version. */
  void edit(String environmentKey, Consumer<ObjectNode> edit, long now) {
    ObjectNode environment = environments.get(environmentKey);
    if (environment == null) {
      throw StandInError.notFound("Environment " + environmentKey);
    }
    edit.accept(environment);
    touch(environment, now);
    version++;
  }

  /** The {@code AIConfigTargeting} answer; {@code variations} are the entries from index 0. */
  ObjectNode view(ObjectNode config, List<ObjectNode> variations) {
    ObjectNode view = JSON.objectNode();
    view.put("key", config.path("key").asText());
    view.put("name", config.path("name").asText());
    view.set("tags", config.path("tags").deepCopy());
    view.put("createdAt", config.path("createdAt").asLong());
    view.put("_version", version);
    ObjectNode byKey = view.putObject("environments");
    environments.forEach((key, environment) -> byKey.set(key, environment.deepCopy()));
    view.putArray("variations").addAll(variations);
    view.set("defaults", defaults.deepCopy());
    // Experiments are out of the stand-in's scope; the description requires the field.
    view.putObject("experiments").put("baselineIdx", 0).putArray("items");
    return view;
  }

  private int indexOf(String variationKey) {
    return new ArrayList<>(variationIds.keySet()).indexOf(variationKey) + 1;
  }

  private static void touch(ObjectNode environment, long now) {
    environment.put("_version", environment.path("_version").asInt() + 1);
    environment.put("lastModified", now);
  }

  private static boolean serves(ObjectNode environment, int index) {
    if (environment.path("offVariation").asInt() == index || servedBy(environment.get("fallthrough"), index)) {
      return true;
    }
    for (JsonNode rule : environment.get("rules")) {
      if (servedBy(rule, index)) {
        return true;
      }
    }
    for (String list : new String[] {"targets", "contextTargets"}) {
      for (JsonNode target : environment.get(list)) {
        if (target.path("variation").asInt() == index) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a fallthrough or rule serves the variation, alone or in a rollout with some weight. */
  private static boolean servedBy(JsonNode served, int index) {
    if (served.has("variation")) {
      return served.get("variation").asInt() == index;
    }
    for (JsonNode share : served.path("rollout").path("variations")) {
      if (share.path("variation").asInt() == index && share.path("weight").asInt() > 0) {
        return true;
      }
    }
    return false;
  }

  private static void renumber(ObjectNode environment, int removed) {
    renumberServed((ObjectNode) environment.get("fallthrough"), removed);
    environment.put("offVariation", shifted(environment.path("offVariation").asInt(), removed));
    environment.get("rules").forEach(rule -> renumberServed((ObjectNode) rule, removed));
    for (String list : new String[] {"targets", "contextTargets"}) {
      ArrayNode targets = (ArrayNode) environment.get(list);
      for (int i = targets.size() - 1; i >= 0; i--) {
        ObjectNode target = (ObjectNode) targets.get(i);
        if (target.path("variation").asInt() == removed) {
          targets.remove(i);
        } else {
          target.put("variation", shifted(target.path("variation").asInt(), removed));
        }
      }
    }
  }

  /** A rollout's share of the removed variation joins the disabled variation's. */
  private static void renumberServed(ObjectNode served, int removed) {
    if (served.has("variation")) {
      served.put("variation", shifted(served.get("variation").asInt(), removed));
      return;
    }
    ArrayNode shares = (ArrayNode) served.path("rollout").get("variations");
    if (shares == null) {
      return;
    }
    TreeMap<Integer, Integer> weights = new TreeMap<>();
    shares.forEach(share -> weights.merge(shifted(share.path("variation").asInt(), removed),
        share.path("weight").asInt(), Integer::sum));
    shares.removeAll();
    weights.forEach((variation, weight) -> shares.addObject().put("variation", variation).put("weight", weight));
  }

  private static int shifted(int index, int removed) {
    if (index == removed) {
      return DISABLED;
    }
    return index > removed ? index - 1 : index;
  }
}
