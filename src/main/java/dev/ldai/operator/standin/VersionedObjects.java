package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's AI tools, or its prompt snippets: every version of each, oldest first. Creating one makes
 * version 1 and each PATCH (or edit) the next; a read answers the latest. Not thread-safe: the store guards it.
 */
final class VersionedObjects {

  /** What tells AI tools and prompt snippets apart. */
  enum Kind {
    TOOL("AI tool", "/ai-tools", "ai-tool", "toolVersion", RequestSchemas.AI_TOOL_POST, RequestSchemas.AI_TOOL_PATCH,
        List.of()),
    PROMPT_SNIPPET("Prompt snippet", "/ai-configs/prompt-snippets", "prompt-snippet", "resourceVersion",
        RequestSchemas.PROMPT_SNIPPET_POST, RequestSchemas.PROMPT_SNIPPET_PATCH, List.of("name", "text"));

    /**
     * A pin of a snippet version in a message or in instructions. LaunchDarkly's description does not give
     * the tag's grammar; the stand-in takes spaces inside the braces, as Mustache templates do.
     */
    private static final Pattern SNIPPET_TAG =
        Pattern.compile("\\{\\{\\s*snippet\\.([a-zA-Z0-9][a-zA-Z0-9._-]*)#(\\d{1,9})\\s*}}");

    final String described;
    /** The collection's path below {@code /api/v2/projects/{projectKey}}. */
    final String path;
    final String resourceType;
    /** The field of a reference that holds the pinned version. */
    final String referenceVersionField;
    final ObjectSchema post;
    final ObjectSchema patch;
    /** Text fields that must not be blank. */
    final List<String> requiredTexts;

    Kind(String described, String path, String resourceType, String referenceVersionField, ObjectSchema post,
        ObjectSchema patch, List<String> requiredTexts) {
      this.described = described;
      this.path = path;
      this.resourceType = resourceType;
      this.referenceVersionField = referenceVersionField;
      this.post = post;
      this.patch = patch;
      this.requiredTexts = requiredTexts;
    }

    /**
     * The pins of objects of this kind in a variation (or a variation POST or PATCH body), in the order they
     * appear: a tool by an entry {@code {key, version}} of {@code tools}, a snippet by a
     * {@code {{snippet.KEY#VERSION}}} tag in a message's content or in the instructions.
     */
    List<Pin> pinsIn(JsonNode variation) {
      List<Pin> pins = new ArrayList<>();
      if (this == TOOL) {
        variation.path("tools").forEach(tool -> pins.add(new Pin(tool.path("key").asText(), tool.path("version").asInt())));
        return pins;
      }
      variation.path("messages").forEach(message -> addSnippetPins(message.path("content").asText(""), pins));
      addSnippetPins(variation.path("instructions").asText(""), pins);
      return pins;
    }

    private static void addSnippetPins(String text, List<Pin> pins) {
      Matcher tag = SNIPPET_TAG.matcher(text);
      while (tag.find()) {
        pins.add(new Pin(tag.group(1), Integer.parseInt(tag.group(2))));
      }
    }
  }

  /** A variation's use of one version of a tool or snippet. */
  record Pin(String key, int version) {}

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> MAINTAINER_FIELDS = Set.of("maintainerId", "maintainerTeamKey");

  private final Kind kind;
  private final Clock clock;
  private final Map<String, List<ObjectNode>> versionsByKey = new LinkedHashMap<>();

  VersionedObjects(Kind kind, Clock clock) {
    this.kind = kind;
    this.clock = clock;
  }

  /** The latest version of each, in creation order. */
  List<ObjectNode> latest() {
    return versionsByKey.values().stream().map(VersionedObjects::last).toList();
  }

  ObjectNode latest(String key) {
    return last(versions(key));
  }

  Optional<ObjectNode> find(String key) {
    return Optional.ofNullable(versionsByKey.get(key)).map(VersionedObjects::last);
  }

  /** Every version, oldest first; 404 when there is no such object. */
  List<ObjectNode> versions(String key) {
    List<ObjectNode> versions = versionsByKey.get(key);
    if (versions == null) {
      throw StandInError.notFound(kind.described + " " + key);
    }
    return versions;
  }

  boolean has(Pin pin) {
    List<ObjectNode> versions = versionsByKey.get(pin.key());
    return versions != null && pin.version() >= 1 && pin.version() <= versions.size();
  }

  boolean has(String key) {
    return versionsByKey.containsKey(key);
  }

  ObjectNode create(JsonNode body) {
    String key = StandInStore.requiredKey(body);
    kind.requiredTexts.forEach(field -> StandInStore.requiredText(body, field));
    if (versionsByKey.containsKey(key)) {
      throw StandInError.conflict(kind.described + " " + key + " already exists");
    }
    ObjectNode first = JSON.objectNode();
    first.put("key", key);
    set(first, body, kind.post);
    first.putIfAbsent("tags", JSON.arrayNode());
    stamp(first, 1);
    versionsByKey.put(key, new ArrayList<>(List.of(first)));
    return first;
  }

  /** A new version: the latest with the fields of the PATCH body set; fields its schema lacks are ignored. */
  ObjectNode patch(String key, JsonNode body) {
    versions(key);
    for (String field : kind.requiredTexts) {
      if (body.has(field)) {
        StandInStore.requiredText(body, field);
      }
    }
    return edit(key, next -> set(next, body, kind.patch));
  }

  /** A new version edited from a copy of the latest, like an edit in LaunchDarkly's UI. */
  ObjectNode edit(String key, Consumer<ObjectNode> edit) {
    List<ObjectNode> versions = versions(key);
    ObjectNode next = last(versions).deepCopy();
    edit.accept(next);
    stamp(next, versions.size() + 1);
    versions.add(next);
    return next;
  }

  /**
   * Seeds (or replaces) an object at its {@code version} (1 when absent); the earlier versions are copies of
   * it, so that any of them can be pinned.
   */
  void put(ObjectNode seed) {
    int version = seed.path("version").asInt(1);
    List<ObjectNode> versions = new ArrayList<>();
    for (int v = 1; v <= version; v++) {
      ObjectNode copy = seed.deepCopy();
      copy.putIfAbsent("tags", JSON.arrayNode());
      stamp(copy, v);
      versions.add(copy);
    }
    versionsByKey.put(seed.path("key").asText(), versions);
  }

  void delete(String key) {
    versions(key);
    versionsByKey.remove(key);
  }

  /** A stored version as the API answers it, with {@code _links}. */
  ObjectNode view(String projectKey, ObjectNode version) {
    ObjectNode view = version.deepCopy();
    String project = "/api/v2/projects/" + projectKey;
    ObjectNode links = view.putObject("_links");
    links.putObject("self").put("href", project + kind.path + "/" + version.path("key").asText())
        .put("type", "application/json");
    links.putObject("parent").put("href", project).put("type", "application/json");
    return view;
  }

  private static ObjectNode last(List<ObjectNode> versions) {
    return versions.get(versions.size() - 1);
  }

  private void stamp(ObjectNode version, int number) {
    version.put("version", number);
    version.put("createdAt", clock.millis());
  }

  /** Sets the body's fields that {@code schema} declares (except the key) on {@code version}. */
  private static void set(ObjectNode version, JsonNode body, ObjectSchema schema) {
    for (String field : schema.fields()) {
      if (!field.equals("key") && !MAINTAINER_FIELDS.contains(field) && body.has(field)) {
        version.set(field, body.get(field).deepCopy());
      }
    }
    StandInStore.setMaintainer(version, body);
  }
}
