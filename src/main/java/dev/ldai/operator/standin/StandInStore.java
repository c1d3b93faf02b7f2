package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The stand-in's data: projects with their environments, their AI Configs with every version of every
 * variation and their targeting per environment, model configs (project ones and LaunchDarkly's global
 * ones), every version of their AI tools and prompt snippets, and their agent graphs. Behaves as LaunchDarkly's API does,
 * including its refusals. Synchronized: every operation is atomic.
 */
final class StandInStore {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern KEY = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._-]*$");
  /** What a config PATCH may change; other fields of the body are ignored. */
  private static final Set<String> CONFIG_PATCH_FIELDS = RequestSchemas.AI_CONFIG_PATCH.fields();
  /** Fields LaunchDarkly's get-variation leaves out of each version. */
  private static final Set<String> OMITTED_FROM_GET_VARIATION = Set.of("description", "instructions");

  private final Clock clock;
  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final List<ObjectNode> globalModelConfigs = new ArrayList<>();

  private static final class Project {
    /** Environment key → name; a new LaunchDarkly project has these two. */
    final Map<String, String> environments = new LinkedHashMap<>();
    final Map<String, ObjectNode> configs = new LinkedHashMap<>();
    /** configKey → variationKey → versions, oldest first. */
    final Map<String, Map<String, List<ObjectNode>>> variations = new LinkedHashMap<>();
    final Map<String, ConfigTargeting> targeting = new LinkedHashMap<>();
    final Map<String, ObjectNode> modelConfigs = new LinkedHashMap<>();
    final Map<VersionedObjects.Kind, VersionedObjects> versioned = new EnumMap<>(VersionedObjects.Kind.class);
    final AgentGraphs agentGraphs;

    Project(Clock clock) {
      agentGraphs = new AgentGraphs(clock);
      environments.put("production", "Production");
      environments.put("test", "Test");
      for (VersionedObjects.Kind kind : VersionedObjects.Kind.values()) {
        versioned.put(kind, new VersionedObjects(kind, clock));
      }
    }
  }

  StandInStore(Clock clock) {
    this.clock = clock;
    reset();
  }

  synchronized void reset() {
    projects.clear();
    projects.put("default", new Project(clock));
    globalModelConfigs.clear();
    globalModelConfigs.add(globalModel("OpenAI.gpt-4o", "GPT-4o", "gpt-4o", "openai"));
    globalModelConfigs.add(globalModel("OpenAI.gpt-4o-mini", "GPT-4o mini", "gpt-4o-mini", "openai"));
    globalModelConfigs.add(globalModel("Anthropic.claude-3-5-sonnet", "Claude 3.5 Sonnet", "claude-3-5-sonnet", "anthropic"));
  }

  synchronized void addProject(String projectKey) {
    projects.putIfAbsent(projectKey, new Project(clock));
  }

  // ---- configs

  synchronized ObjectNode listConfigs(String projectKey, ConfigListing listing) {
    Project project = project(projectKey);
    return page(listing.sorted(project.configs.values()), listing, "/api/v2/projects/" + projectKey + "/ai-configs",
        config -> configView(projectKey, config));
  }

  synchronized ObjectNode getConfig(String projectKey, String configKey) {
    return configView(projectKey, config(projectKey, configKey));
  }

  synchronized ObjectNode createConfig(String projectKey, JsonNode body) {
    Project project = project(projectKey);
    String key = requiredKey(body);
    requiredText(body, "name");
    String mode = body.path("mode").asText("completion");
    if (project.configs.containsKey(key)) {
      throw StandInError.conflict("An AI Config with key " + key + " already exists");
    }
    JsonNode defaultVariation = body.get("defaultVariation");
    if (defaultVariation != null) {
      requiredKey(defaultVariation);
      requiredText(defaultVariation, "name");
      checkModelConfigExists(projectKey, defaultVariation);
      checkPinsExist(project, defaultVariation);
    }
    long now = clock.millis();
    ObjectNode config = JSON.objectNode();
    config.put("key", key);
    config.put("name", body.path("name").asText());
    config.put("description", body.path("description").asText(""));
    config.put("mode", mode);
    config.set("tags", body.has("tags") ? body.get("tags").deepCopy() : JSON.arrayNode());
    copyIfPresent(body, config, "evaluationMetricKey", "isInverted");
    setMaintainer(config, body);
    config.put("version", 1);
    config.put("createdAt", now);
    config.put("updatedAt", now);
    project.configs.put(key, config);
    Map<String, List<ObjectNode>> variations = new LinkedHashMap<>();
    if (defaultVariation != null) {
      variations.put(defaultVariation.path("key").asText(), new ArrayList<>(List.of(newVersion(defaultVariation, null))));
    }
    project.variations.put(key, variations);
    project.targeting.put(key, new ConfigTargeting(project.environments, variations.keySet(), now));
    return configView(projectKey, config);
  }

  synchronized ObjectNode patchConfig(String projectKey, String configKey, JsonNode body) {
    ObjectNode config = config(projectKey, configKey);
    if (body.has("name") && body.get("name").asText().isBlank()) {
      throw StandInError.invalid("name must not be empty");
    }
    body.fields().forEachRemaining(e -> {
      if (CONFIG_PATCH_FIELDS.contains(e.getKey()) && !e.getKey().startsWith("maintainer")) {
        config.set(e.getKey(), e.getValue().deepCopy());
      }
    });
    setMaintainer(config, body);
    bump(config);
    return configView(projectKey, config);
  }

  /** A config an agent graph uses, as its root or in an edge, is not deleted. */
  synchronized void deleteConfig(String projectKey, String configKey) {
    Project project = project(projectKey);
    config(projectKey, configKey);
    List<String> graphs = project.agentGraphs.using(configKey);
    if (!graphs.isEmpty()) {
      throw StandInError.invalid("AI Config " + configKey + " is used by agent graph " + String.join(", ", graphs)
          + "; remove it from the graph first");
    }
    project.configs.remove(configKey);
    project.variations.remove(configKey);
    project.targeting.remove(configKey);
  }

  synchronized void putConfig(String projectKey, ObjectNode seed) {
    Project project = project(projectKey);
    String key = seed.path("key").asText();
    long now = clock.millis();
    ObjectNode config = seed.deepCopy();
    JsonNode variations = config.remove("variations");
    config.putIfAbsent("description", JSON.textNode(""));
    config.putIfAbsent("mode", JSON.textNode("completion"));
    config.putIfAbsent("tags", JSON.arrayNode());
    config.putIfAbsent("version", JSON.numberNode(1));
    config.putIfAbsent("createdAt", JSON.numberNode(now));
    config.putIfAbsent("updatedAt", JSON.numberNode(now));
    project.configs.put(key, config);
    Map<String, List<ObjectNode>> byKey = new LinkedHashMap<>();
    if (variations != null) {
      for (JsonNode variation : variations) {
        byKey.put(variation.path("key").asText(), new ArrayList<>(List.of(newVersion(variation, null))));
      }
    }
    project.variations.put(key, byKey);
    project.targeting.put(key, new ConfigTargeting(project.environments, byKey.keySet(), now));
  }

  synchronized void editConfig(String projectKey, String configKey, java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode config = config(projectKey, configKey);
    edit.accept(config);
    bump(config);
  }

  synchronized Optional<ObjectNode> findConfig(String projectKey, String configKey) {
    Project project = projects.get(projectKey);
    return Optional.ofNullable(project == null ? null : project.configs.get(configKey))
        .map(c -> configView(projectKey, c));
  }

  // ---- variations

  synchronized ObjectNode createVariation(String projectKey, String configKey, JsonNode body) {
    config(projectKey, configKey);
    Map<String, List<ObjectNode>> variations = project(projectKey).variations.get(configKey);
    String key = requiredKey(body);
    requiredText(body, "name");
    if (variations.containsKey(key)) {
      throw StandInError.conflict("A variation with key " + key + " already exists");
    }
    checkModelConfigExists(projectKey, body);
    checkPinsExist(project(projectKey), body);
    ObjectNode version = newVersion(body, null);
    variations.put(key, new ArrayList<>(List.of(version)));
    project(projectKey).targeting.get(configKey).addVariation(key);
    bump(config(projectKey, configKey));
    return version.deepCopy();
  }

  synchronized ObjectNode getVariation(String projectKey, String configKey, String variationKey) {
    List<ObjectNode> versions = versions(projectKey, configKey, variationKey);
    ObjectNode answer = JSON.objectNode();
    ArrayNode items = answer.putArray("items");
    for (int i = versions.size() - 1; i >= 0; i--) {
      ObjectNode item = versions.get(i).deepCopy();
      item.remove(OMITTED_FROM_GET_VARIATION);
      items.add(item);
    }
    answer.put("totalCount", versions.size());
    return answer;
  }

  synchronized ObjectNode patchVariation(String projectKey, String configKey, String variationKey, JsonNode body) {
    List<ObjectNode> versions = versions(projectKey, configKey, variationKey);
    String state = body.path("state").asText(null);
    if (state != null && !state.equals("published") && !state.equals("archived")) {
      throw StandInError.invalid("state must be one of 'archived', 'published'");
    }
    checkModelConfigExists(projectKey, body);
    checkPinsExist(project(projectKey), body);
    ObjectNode next = newVersion(merge(versions.get(versions.size() - 1), body), versions.get(versions.size() - 1));
    versions.add(next);
    return next.deepCopy();
  }

  synchronized void deleteVariation(String projectKey, String configKey, String variationKey) {
    versions(projectKey, configKey, variationKey);
    Map<String, List<ObjectNode>> variations = project(projectKey).variations.get(configKey);
    if (variations.size() == 1) {
      throw StandInError.invalid("Cannot delete the last variation of an AI Config; delete the AI Config instead");
    }
    ConfigTargeting targeting = project(projectKey).targeting.get(configKey);
    List<String> serving = targeting.environmentsServing(variationKey);
    if (!serving.isEmpty()) {
      throw StandInError.invalid("Variation " + variationKey + " is served by the targeting of "
          + String.join(", ", serving) + "; change the targeting first");
    }
    variations.remove(variationKey);
    targeting.removeVariation(variationKey, clock.millis());
  }

  synchronized void editVariation(
      String projectKey, String configKey, String variationKey, java.util.function.Consumer<ObjectNode> edit) {
    List<ObjectNode> versions = versions(projectKey, configKey, variationKey);
    ObjectNode copy = versions.get(versions.size() - 1).deepCopy();
    edit.accept(copy);
    versions.add(newVersion(copy, versions.get(versions.size() - 1)));
  }

  synchronized List<ObjectNode> variationVersions(String projectKey, String configKey, String variationKey) {
    Project project = projects.get(projectKey);
    List<ObjectNode> versions =
        project == null ? null : project.variations.getOrDefault(configKey, Map.of()).get(variationKey);
    return versions == null ? List.of() : versions.stream().map(ObjectNode::deepCopy).toList();
  }

  synchronized void deleteVariationDirectly(String projectKey, String configKey, String variationKey) {
    versions(projectKey, configKey, variationKey);
    project(projectKey).variations.get(configKey).remove(variationKey);
    project(projectKey).targeting.get(configKey).removeVariation(variationKey, clock.millis());
  }

  // ---- environments and targeting

  /** Adds an environment to the project; every config gets targeting for it. */
  synchronized void addEnvironment(String projectKey, String key, String name) {
    Project project = project(projectKey);
    project.environments.putIfAbsent(key, name);
    project.targeting.values().forEach(targeting -> targeting.addEnvironment(key, name, clock.millis()));
  }

  synchronized ObjectNode getTargeting(String projectKey, String configKey) {
    return targetingView(projectKey, config(projectKey, configKey));
  }

  /** A semantic patch ({@code AIConfigTargetingPatch}) of one environment's targeting. */
  synchronized ObjectNode patchTargeting(String projectKey, String configKey, JsonNode body) {
    ObjectNode config = config(projectKey, configKey);
    project(projectKey).targeting.get(configKey).patch(body.get("environmentKey").asText(),
        body.get("instructions"), targetingVariations(projectKey, config), clock.millis());
    return targetingView(projectKey, config);
  }

  synchronized void editTargeting(
      String projectKey, String configKey, String environmentKey, java.util.function.Consumer<ObjectNode> edit) {
    config(projectKey, configKey);
    project(projectKey).targeting.get(configKey).edit(environmentKey, edit, clock.millis());
  }

  synchronized Optional<ObjectNode> findTargeting(String projectKey, String configKey) {
    Project project = projects.get(projectKey);
    return Optional.ofNullable(project == null ? null : project.configs.get(configKey))
        .map(c -> targetingView(projectKey, c));
  }

  // ---- model configs

  synchronized ArrayNode listModelConfigs(String projectKey, boolean restrictedOnly) {
    Project project = project(projectKey);
    ArrayNode list = JSON.arrayNode();
    for (ObjectNode model : globalModelConfigs) {
      if (!restrictedOnly || model.path("isRestricted").asBoolean()) {
        list.add(model.deepCopy());
      }
    }
    for (ObjectNode model : project.modelConfigs.values()) {
      if (!restrictedOnly || model.path("isRestricted").asBoolean()) {
        list.add(model.deepCopy());
      }
    }
    return list;
  }

  synchronized ObjectNode getModelConfig(String projectKey, String key) {
    return modelConfig(projectKey, key).deepCopy();
  }

  synchronized ObjectNode createModelConfig(String projectKey, JsonNode body) {
    Project project = project(projectKey);
    String key = requiredKey(body);
    requiredText(body, "name");
    requiredText(body, "id");
    if (project.modelConfigs.containsKey(key) || global(key).isPresent()) {
      throw StandInError.conflict("A model config with key " + key + " already exists");
    }
    ObjectNode model = modelFrom(body);
    project.modelConfigs.put(key, model);
    return model.deepCopy();
  }

  synchronized void deleteModelConfig(String projectKey, String key) {
    Project project = project(projectKey);
    if (global(key).isPresent()) {
      throw StandInError.invalid("Global model config " + key + " cannot be deleted");
    }
    if (!project.modelConfigs.containsKey(key)) {
      throw StandInError.notFound("Model config " + key);
    }
    List<String> users = usersOf(project, key);
    if (!users.isEmpty()) {
      throw StandInError.invalid("Model config " + key + " is in use by " + String.join(", ", users));
    }
    project.modelConfigs.remove(key);
  }

  synchronized void putModelConfig(String projectKey, ObjectNode seed) {
    project(projectKey).modelConfigs.put(seed.path("key").asText(), modelFrom(seed));
  }

  synchronized Optional<ObjectNode> findModelConfig(String projectKey, String key) {
    Project project = projects.get(projectKey);
    return Optional.ofNullable(project == null ? null : project.modelConfigs.get(key))
        .or(() -> global(key))
        .map(ObjectNode::deepCopy);
  }

  synchronized void deleteModelConfigDirectly(String projectKey, String key) {
    project(projectKey).modelConfigs.remove(key);
  }

  // ---- AI tools and prompt snippets

  synchronized ObjectNode listVersioned(VersionedObjects.Kind kind, String projectKey, ConfigListing listing) {
    VersionedObjects objects = project(projectKey).versioned.get(kind);
    return page(listing.sorted(objects.latest()), listing, "/api/v2/projects/" + projectKey + kind.path,
        latest -> objects.view(projectKey, latest));
  }

  synchronized ObjectNode getVersioned(VersionedObjects.Kind kind, String projectKey, String key) {
    VersionedObjects objects = project(projectKey).versioned.get(kind);
    return objects.view(projectKey, objects.latest(key));
  }

  synchronized ObjectNode createVersioned(VersionedObjects.Kind kind, String projectKey, JsonNode body) {
    VersionedObjects objects = project(projectKey).versioned.get(kind);
    return objects.view(projectKey, objects.create(body));
  }

  synchronized ObjectNode patchVersioned(VersionedObjects.Kind kind, String projectKey, String key, JsonNode body) {
    VersionedObjects objects = project(projectKey).versioned.get(kind);
    return objects.view(projectKey, objects.patch(key, body));
  }

  /**
   * A tool a variation pins is not deleted, as a model config in use is not; a snippet is. The description
   * lists 400 among the answers of a tool DELETE and not of a snippet DELETE: the stand-in reads that as this.
   */
  synchronized void deleteVersioned(VersionedObjects.Kind kind, String projectKey, String key) {
    Project project = project(projectKey);
    VersionedObjects objects = project.versioned.get(kind);
    objects.versions(key);
    if (kind == VersionedObjects.Kind.TOOL) {
      List<String> users = references(project, kind, key).stream()
          .map(r -> r.path("aiConfigKey").asText() + "/" + r.path("variationKey").asText()).distinct().toList();
      if (!users.isEmpty()) {
        throw StandInError.invalid(kind.described + " " + key + " is in use by " + String.join(", ", users));
      }
    }
    objects.delete(key);
  }

  /** Every version, newest first. */
  synchronized ObjectNode versionsOf(VersionedObjects.Kind kind, String projectKey, String key, ConfigListing paging) {
    VersionedObjects objects = project(projectKey).versioned.get(kind);
    List<ObjectNode> newestFirst = new ArrayList<>(objects.versions(key));
    Collections.reverse(newestFirst);
    return page(newestFirst, paging, "/api/v2/projects/" + projectKey + kind.path + "/" + key + "/versions",
        version -> objects.view(projectKey, version));
  }

  /** The variations whose latest version pins the object, one entry per version pinned. */
  synchronized ObjectNode referencesTo(VersionedObjects.Kind kind, String projectKey, String key, ConfigListing paging) {
    Project project = project(projectKey);
    project.versioned.get(kind).versions(key);
    ObjectNode page = page(references(project, kind, key), paging,
        "/api/v2/projects/" + projectKey + kind.path + "/" + key + "/references", ObjectNode::deepCopy);
    page.put("resourceKey", key);
    page.put("resourceType", kind.resourceType);
    return page;
  }

  synchronized Optional<ObjectNode> findVersioned(VersionedObjects.Kind kind, String projectKey, String key) {
    return Optional.ofNullable(projects.get(projectKey)).map(project -> project.versioned.get(kind))
        .flatMap(objects -> objects.find(key).map(latest -> objects.view(projectKey, latest)));
  }

  synchronized void putVersioned(VersionedObjects.Kind kind, String projectKey, ObjectNode seed) {
    project(projectKey).versioned.get(kind).put(seed);
  }

  synchronized void editVersioned(
      VersionedObjects.Kind kind, String projectKey, String key, Consumer<ObjectNode> edit) {
    project(projectKey).versioned.get(kind).edit(key, edit);
  }

  synchronized void deleteVersionedDirectly(VersionedObjects.Kind kind, String projectKey, String key) {
    project(projectKey).versioned.get(kind).delete(key);
  }

  // ---- agent graphs

  /** One page of the project's graphs, each without its edges. */
  synchronized ObjectNode listAgentGraphs(String projectKey, ConfigListing paging) {
    return page(project(projectKey).agentGraphs.listed(), paging, "/api/v2/projects/" + projectKey + "/agent-graphs",
        UnaryOperator.identity());
  }

  synchronized ObjectNode getAgentGraph(String projectKey, String key) {
    return project(projectKey).agentGraphs.get(key);
  }

  synchronized ObjectNode createAgentGraph(String projectKey, JsonNode body) {
    Project project = project(projectKey);
    return project.agentGraphs.create(body, project.configs.keySet());
  }

  synchronized ObjectNode patchAgentGraph(String projectKey, String key, JsonNode body) {
    Project project = project(projectKey);
    return project.agentGraphs.patch(key, body, project.configs.keySet());
  }

  synchronized void deleteAgentGraph(String projectKey, String key) {
    project(projectKey).agentGraphs.delete(key);
  }

  synchronized Optional<ObjectNode> findAgentGraph(String projectKey, String key) {
    return Optional.ofNullable(projects.get(projectKey)).flatMap(project -> project.agentGraphs.find(key));
  }

  synchronized void putAgentGraph(String projectKey, ObjectNode seed) {
    project(projectKey).agentGraphs.put(seed);
  }

  synchronized void editAgentGraph(String projectKey, String key, Consumer<ObjectNode> edit) {
    project(projectKey).agentGraphs.edit(key, edit);
  }

  // ---- helpers

  private Project project(String projectKey) {
    Project project = projects.get(projectKey);
    if (project == null) {
      throw StandInError.notFound("Project " + projectKey);
    }
    return project;
  }

  private ObjectNode config(String projectKey, String configKey) {
    ObjectNode config = project(projectKey).configs.get(configKey);
    if (config == null) {
      throw StandInError.notFound("AI Config " + configKey);
    }
    return config;
  }

  private List<ObjectNode> versions(String projectKey, String configKey, String variationKey) {
    config(projectKey, configKey);
    List<ObjectNode> versions = project(projectKey).variations.get(configKey).get(variationKey);
    if (versions == null) {
      throw StandInError.notFound("Variation " + variationKey);
    }
    return versions;
  }

  private ObjectNode modelConfig(String projectKey, String key) {
    ObjectNode model = project(projectKey).modelConfigs.get(key);
    if (model != null) {
      return model;
    }
    return global(key).orElseThrow(() -> StandInError.notFound("Model config " + key));
  }

  private Optional<ObjectNode> global(String key) {
    return globalModelConfigs.stream().filter(m -> key.equals(m.path("key").asText())).findFirst();
  }

  private void checkModelConfigExists(String projectKey, JsonNode body) {
    String modelConfigKey = body.path("modelConfigKey").asText(null);
    if (modelConfigKey != null
        && !project(projectKey).modelConfigs.containsKey(modelConfigKey)
        && global(modelConfigKey).isEmpty()) {
      throw StandInError.invalid("Model config " + modelConfigKey + " does not exist");
    }
  }

  /** Refuses a variation body pinning a tool or snippet version that does not exist. */
  private static void checkPinsExist(Project project, JsonNode variation) {
    project.versioned.forEach((kind, objects) -> kind.pinsIn(variation).forEach(pin -> {
      if (!objects.has(pin.key())) {
        throw StandInError.invalid(kind.described + " " + pin.key() + " does not exist");
      }
      if (!objects.has(pin)) {
        throw StandInError.invalid(kind.described + " " + pin.key() + " has no version " + pin.version());
      }
    }));
  }

  /**
   * The {@code ToolReference}s or {@code SnippetReference}s to one object: a variation's latest version
   * pinning it, archived or not, in the order of configs and their variations, once per version it pins.
   */
  private static List<ObjectNode> references(Project project, VersionedObjects.Kind kind, String key) {
    List<ObjectNode> references = new ArrayList<>();
    project.variations.forEach((configKey, variations) -> variations.forEach((variationKey, versions) -> {
      ObjectNode latest = versions.get(versions.size() - 1);
      kind.pinsIn(latest).stream().filter(pin -> pin.key().equals(key)).map(VersionedObjects.Pin::version).distinct()
          .forEach(version -> {
            ObjectNode reference = JSON.objectNode();
            reference.put("aiConfigKey", configKey);
            reference.put("aiConfigName", project.configs.get(configKey).path("name").asText());
            reference.put("variationId", latest.path("_id").asText());
            reference.put("variationKey", variationKey);
            reference.put("variationName", latest.path("name").asText());
            reference.put(kind.referenceVersionField, version);
            references.add(reference);
          });
    }));
    return references;
  }

  /**
   * One page of a paged listing ({@code items}, {@code totalCount}, {@code _links}) of {@code all}, already
   * filtered and sorted, each item answered as {@code view} shows it.
   */
  private static ObjectNode page(
      List<ObjectNode> all, ConfigListing listing, String base, UnaryOperator<ObjectNode> view) {
    int limit = listing.limit();
    int offset = listing.offset();
    ObjectNode page = JSON.objectNode();
    ArrayNode items = page.putArray("items");
    for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
      items.add(view.apply(all.get(i)));
    }
    page.put("totalCount", all.size());
    ObjectNode links = page.putObject("_links");
    link(links, "self", listing.href(base, offset));
    link(links, "first", listing.href(base, 0));
    link(links, "last", listing.href(base, all.isEmpty() ? 0 : ((all.size() - 1) / limit) * limit));
    if (offset + limit < all.size()) {
      link(links, "next", listing.href(base, offset + limit));
    }
    if (offset > 0) {
      link(links, "prev", listing.href(base, Math.max(0, offset - limit)));
    }
    return page;
  }

  private List<String> usersOf(Project project, String modelConfigKey) {
    List<String> users = new ArrayList<>();
    project.variations.forEach((configKey, variations) -> variations.forEach((variationKey, versions) -> {
      if (modelConfigKey.equals(versions.get(versions.size() - 1).path("modelConfigKey").asText(null))) {
        users.add(configKey + "/" + variationKey);
      }
    }));
    return users;
  }

  private ObjectNode configView(String projectKey, ObjectNode config) {
    ObjectNode view = config.deepCopy();
    String self = "/api/v2/projects/" + projectKey + "/ai-configs/" + config.path("key").asText();
    ObjectNode links = view.putObject("_links");
    links.putObject("self").put("href", self).put("type", "application/json");
    links.putObject("parent").put("href", "/api/v2/projects/" + projectKey).put("type", "application/json");
    ArrayNode variations = view.putArray("variations");
    Map<String, List<ObjectNode>> byKey =
        projects.get(projectKey).variations.getOrDefault(config.path("key").asText(), Map.of());
    byKey.values().forEach(versions -> variations.add(versions.get(versions.size() - 1).deepCopy()));
    addDependencies(view, projects.get(projectKey).agentGraphs.using(config.path("key").asText()));
    return view;
  }

  /** {@code AIConfig.dependencies}: the agent graphs using the config; left out when there are none. */
  private static void addDependencies(ObjectNode view, List<String> graphKeys) {
    if (graphKeys.isEmpty()) {
      return;
    }
    ArrayNode dependencies = view.putArray("dependencies");
    graphKeys.forEach(key -> dependencies.addObject().put("type", "agent-graph").put("key", key));
  }

  private ObjectNode targetingView(String projectKey, ObjectNode config) {
    return project(projectKey).targeting.get(config.path("key").asText())
        .view(config, targetingVariations(projectKey, config));
  }

  /** The entries of {@code AIConfigTargeting.variations}: the disabled one, then the config's, by index. */
  private List<ObjectNode> targetingVariations(String projectKey, ObjectNode config) {
    String configKey = config.path("key").asText();
    ConfigTargeting targeting = project(projectKey).targeting.get(configKey);
    Map<String, List<ObjectNode>> variations = project(projectKey).variations.get(configKey);
    List<ObjectNode> entries = new ArrayList<>();
    entries.add(targetingVariation(targeting.disabledId(), "disabled", "", ServedValue.disabled()));
    targeting.variationIds().forEach((key, id) -> {
      List<ObjectNode> versions = variations.get(key);
      ObjectNode latest = versions.get(versions.size() - 1);
      Optional<ObjectNode> modelConfig = Optional.ofNullable(latest.path("modelConfigKey").asText(null))
          .flatMap(modelConfigKey -> findModelConfig(projectKey, modelConfigKey));
      entries.add(targetingVariation(id, latest.path("name").asText(), latest.path("description").asText(""),
          ServedValue.of(config, latest, modelConfig)));
    });
    return entries;
  }

  private static ObjectNode targetingVariation(String id, String name, String description, ObjectNode value) {
    ObjectNode entry = JSON.objectNode();
    entry.put("_id", id);
    entry.put("name", name);
    entry.put("description", description);
    entry.set("value", value);
    return entry;
  }

  private ObjectNode newVersion(JsonNode body, ObjectNode previous) {
    long now = clock.millis();
    ObjectNode version = JSON.objectNode();
    version.put("_id", UUID.randomUUID().toString().replace("-", ""));
    version.put("key", body.path("key").asText());
    version.put("name", body.path("name").asText());
    version.put("version", previous == null ? 1 : previous.path("version").asInt() + 1);
    version.put("createdAt", now);
    version.set("messages", body.has("messages") ? body.get("messages").deepCopy() : JSON.arrayNode());
    version.set("model", body.has("model") ? body.get("model").deepCopy() : JSON.objectNode());
    copyIfPresent(body, version, "modelConfigKey", "comment", "description", "instructions", "tools",
        "judgeConfiguration", "outputFormat", "_publishedAt", "_archivedAt");
    String state = body.path("state").asText(null);
    if ("archived".equals(state)) {
      version.put("state", "archived");
      version.put("_archivedAt", now);
    } else if ("published".equals(state) || body.path("published").asBoolean(false)) {
      version.put("state", "published");
      version.put("_publishedAt", now);
    } else if (state != null) {
      version.put("state", state);
    }
    return version;
  }

  /** The latest version with the fields of {@code AIConfigVariationPatch} the patch holds; others are ignored. */
  private static ObjectNode merge(ObjectNode latest, JsonNode patch) {
    ObjectNode merged = latest.deepCopy();
    patch.fields().forEachRemaining(e -> {
      if (RequestSchemas.AI_CONFIG_VARIATION_PATCH.fields().contains(e.getKey())) {
        merged.set(e.getKey(), e.getValue().deepCopy());
      }
    });
    return merged;
  }

  private ObjectNode modelFrom(JsonNode body) {
    ObjectNode model = JSON.objectNode();
    model.put("key", body.path("key").asText());
    model.put("name", body.path("name").asText());
    model.put("id", body.path("id").asText());
    copyIfPresent(body, model, "icon", "provider", "params", "customParams", "costPerInputToken",
        "costPerOutputToken", "costPerCachedInputToken");
    model.set("tags", body.has("tags") ? body.get("tags").deepCopy() : JSON.arrayNode());
    model.put("global", false);
    model.put("isRestricted", body.path("isRestricted").asBoolean(false));
    model.put("version", 1);
    return model;
  }

  private static ObjectNode globalModel(String key, String name, String id, String provider) {
    ObjectNode model = JSON.objectNode();
    model.put("key", key).put("name", name).put("id", id).put("provider", provider);
    model.putArray("tags");
    model.put("global", true).put("isRestricted", false).put("version", 1);
    return model;
  }

  private void bump(ObjectNode config) {
    config.put("version", config.path("version").asInt() + 1);
    config.put("updatedAt", clock.millis());
  }

  static void setMaintainer(ObjectNode config, JsonNode body) {
    if (body.hasNonNull("maintainerId")) {
      config.putObject("_maintainer").put("kind", "member").put("_id", body.get("maintainerId").asText())
          .put("email", body.get("maintainerId").asText() + "@example.com").put("role", "writer");
    } else if (body.hasNonNull("maintainerTeamKey")) {
      String team = body.get("maintainerTeamKey").asText();
      config.putObject("_maintainer").put("kind", "team").put("key", team).put("name", team);
    }
  }

  private static void copyIfPresent(JsonNode from, ObjectNode to, String... fields) {
    for (String field : fields) {
      if (from.hasNonNull(field)) {
        to.set(field, from.get(field).deepCopy());
      }
    }
  }

  static String requiredKey(JsonNode body) {
    String key = requiredText(body, "key");
    if (!KEY.matcher(key).matches()) {
      throw StandInError.invalid("key must match " + KEY.pattern());
    }
    return key;
  }

  static String requiredText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw StandInError.invalid(field + " is required");
    }
    return value.asText();
  }

  private static void link(ObjectNode links, String name, String href) {
    links.putObject(name).put("href", href).put("type", "application/json");
  }
}
