package dev.ldai.operator.drift;

import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdMessage;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdTool;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.versioned.Pin;
import dev.ldai.operator.versioned.SnippetTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One project as one poll listed it: configs by key, their latest variations by
 * {@code configKey/variationKey}, model configs by key, and — for a project where some resource needs them
 * ({@link Part}) — AI tools, prompt snippets and agent graphs (without their edges) by key; and when the listing began. A resource is out of
 * date when the version it last saw is not the one listed here, including when its object is not listed at
 * all; a reconcile may use the listed object instead of reading it again.
 */
public record ProjectSnapshot(
    String project,
    Instant takenAt,
    Map<String, LdAIConfig> configs,
    Map<String, LdVariation> variations,
    Map<String, LdModelConfig> models,
    Set<Part> parts,
    Map<String, LdAITool> tools,
    Map<String, LdPromptSnippet> snippets,
    Map<String, LdAgentGraph> agentGraphs) {

  /** What a listing holds besides configs, variations and model configs, when a resource needs it. */
  public enum Part {
    TOOLS,
    SNIPPETS,
    AGENT_GRAPHS
  }

  public static ProjectSnapshot of(
      String project, Instant takenAt, List<LdAIConfig> configs, List<LdModelConfig> models) {
    return of(project, takenAt, configs, models, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** @param tools the project's tools, when listed; likewise {@code snippets} and {@code agentGraphs} */
  public static ProjectSnapshot of(String project, Instant takenAt, List<LdAIConfig> configs, List<LdModelConfig> models,
      Optional<List<LdAITool>> tools, Optional<List<LdPromptSnippet>> snippets, Optional<List<LdAgentGraph>> agentGraphs) {
    Map<String, LdAIConfig> configsByKey = new HashMap<>();
    Map<String, LdVariation> variationsByKey = new HashMap<>();
    for (LdAIConfig config : configs) {
      configsByKey.put(config.key(), config);
      for (LdVariation variation : config.variations() == null ? List.<LdVariation>of() : config.variations()) {
        variationsByKey.put(config.key() + "/" + variation.key(), variation);
      }
    }
    Set<Part> parts = EnumSet.noneOf(Part.class);
    tools.ifPresent(listed -> parts.add(Part.TOOLS));
    snippets.ifPresent(listed -> parts.add(Part.SNIPPETS));
    agentGraphs.ifPresent(listed -> parts.add(Part.AGENT_GRAPHS));
    return new ProjectSnapshot(project, takenAt, Collections.unmodifiableMap(configsByKey),
        Collections.unmodifiableMap(variationsByKey), byKey(models, LdModelConfig::key), Collections.unmodifiableSet(parts),
        byKey(tools.orElse(List.of()), LdAITool::key), byKey(snippets.orElse(List.of()), LdPromptSnippet::key),
        byKey(agentGraphs.orElse(List.of()), LdAgentGraph::key));
  }

  private static <O> Map<String, O> byKey(List<O> objects, Function<O, String> key) {
    Map<String, O> byKey = new HashMap<>();
    objects.forEach(object -> byKey.put(key.apply(object), object));
    return Collections.unmodifiableMap(byKey);
  }

  public Optional<LdAIConfig> config(String key) {
    return Optional.ofNullable(configs.get(key));
  }

  public Optional<LdVariation> variation(String configKey, String variationKey) {
    return Optional.ofNullable(variations.get(configKey + "/" + variationKey));
  }

  public Optional<LdModelConfig> model(String key) {
    return Optional.ofNullable(models.get(key));
  }

  /** Whether the listing holds the project's tools or snippets. */
  public boolean lists(Part part) {
    return parts.contains(part);
  }

  /** The tool at its latest version; empty when it is not listed (see {@link #lists}). */
  public Optional<LdAITool> tool(String key) {
    return Optional.ofNullable(tools.get(key));
  }

  /** The snippet at its latest version; empty when it is not listed (see {@link #lists}). */
  public Optional<LdPromptSnippet> snippet(String key) {
    return Optional.ofNullable(snippets.get(key));
  }

  /** The graph as listed, without its edges; empty when it is not listed (see {@link #lists}). */
  public Optional<LdAgentGraph> agentGraph(String key) {
    return Optional.ofNullable(agentGraphs.get(key));
  }

  /** The listed variations that pin the tool, in {@link Pin#ORDER}. */
  public List<Pin> toolPins(String toolKey) {
    return pins(variation -> (variation.tools() == null ? List.<LdTool>of() : variation.tools()).stream()
        .filter(tool -> toolKey.equals(tool.key()))
        .map(LdTool::version)
        .toList());
  }

  /**
   * The listed variations whose messages (or instructions, where listed) pin the snippet, in
   * {@link Pin#ORDER}; a variation pinning two versions is listed twice.
   */
  public List<Pin> snippetPins(String snippetKey) {
    return pins(variation -> {
      List<String> texts = new ArrayList<>();
      (variation.messages() == null ? List.<LdMessage>of() : variation.messages()).forEach(m -> texts.add(m.content()));
      texts.add(variation.instructions());
      return texts.stream().flatMap(text -> SnippetTags.in(text).stream())
          .filter(tag -> snippetKey.equals(tag.key()) && !tag.follows())
          .map(SnippetTags.Tag::version)
          .distinct()
          .toList();
    });
  }

  private List<Pin> pins(Function<LdVariation, List<Integer>> pinnedVersions) {
    List<Pin> pins = new ArrayList<>();
    for (LdAIConfig config : configs.values()) {
      for (LdVariation variation : config.variations() == null ? List.<LdVariation>of() : config.variations()) {
        pinnedVersions.apply(variation).forEach(version -> pins.add(new Pin(config.key(), variation.key(), version)));
      }
    }
    pins.sort(Pin.ORDER);
    return pins;
  }

  /** Whether the config LaunchDarkly lists differs from the version a resource last saw (or is gone). */
  public boolean configDiffers(String project, String key, Integer seenVersion) {
    return concerns(project, key, seenVersion)
        && !Objects.equals(config(key).map(LdAIConfig::version).orElse(null), seenVersion);
  }

  public boolean variationDiffers(String project, String configKey, String variationKey, Integer seenVersion) {
    return configKey != null && concerns(project, variationKey, seenVersion)
        && !Objects.equals(variation(configKey, variationKey).map(LdVariation::version).orElse(null), seenVersion);
  }

  public boolean modelDiffers(String project, String key, Integer seenVersion) {
    return concerns(project, key, seenVersion)
        && !Objects.equals(model(key).map(LdModelConfig::version).orElse(null), seenVersion);
  }

  /** Whether the listing holds the project's tools and shows another version of the tool (or none). */
  public boolean toolDiffers(String project, String key, Integer seenVersion) {
    return lists(Part.TOOLS) && concerns(project, key, seenVersion)
        && !Objects.equals(tool(key).map(LdAITool::version).orElse(null), seenVersion);
  }

  public boolean snippetDiffers(String project, String key, Integer seenVersion) {
    return lists(Part.SNIPPETS) && concerns(project, key, seenVersion)
        && !Objects.equals(snippet(key).map(LdPromptSnippet::version).orElse(null), seenVersion);
  }

  private boolean concerns(String project, String key, Integer seenVersion) {
    return this.project.equals(project) && key != null && seenVersion != null;
  }
}
