package dev.ldai.operator.variation;

import dev.ldai.operator.common.DependencyNotReadyException;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.drift.ProjectSnapshot.Part;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.versioned.SnippetTags;
import dev.ldai.operator.versioned.VersionedStatus;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves what a variation follows into the versions it pins ({@link VariationPins}): each {@code toolRef} to
 * its AITool's key and current (or pinned) version, each following {@code {{snippet.KEY}}} tag to the current
 * version of snippet KEY — the PromptSnippet of this namespace and project that makes it, else LaunchDarkly's.
 * A referent that is missing or not Ready is waited for; one that can never be used is an invalid spec.
 */
public final class Pinning {

  /**
   * Where referents are looked up.
   *
   * @param tools the AITool of a name in the variation's namespace
   * @param snippets the PromptSnippets of the variation's namespace whose key is the given one
   * @param inLaunchDarkly the current version of a snippet in LaunchDarkly; empty when it does not exist
   */
  public record Lookups(Function<String, Optional<AITool>> tools, Function<String, List<PromptSnippet>> snippets,
      Function<String, Optional<Integer>> inLaunchDarkly) {}

  private Pinning() {}

  /** The AITools the spec's tools name, for the dependency that wakes the variation. */
  static List<LocalReference> toolRefs(AIConfigVariationSpec spec) {
    return spec == null || spec.getTools() == null
        ? List.of()
        : spec.getTools().stream().map(Tool::getToolRef).filter(Objects::nonNull).toList();
  }

  /** The keys of the snippets a tag of the spec follows, each once, in order. */
  static List<String> followedSnippetKeys(AIConfigVariationSpec spec) {
    return VariationPins.tagsIn(spec).stream().filter(SnippetTags.Tag::follows).map(SnippetTags.Tag::key).distinct().toList();
  }

  /** The keys of the snippets a tag of the spec names, following or pinned, each once, in order. */
  static List<String> snippetKeys(AIConfigVariationSpec spec) {
    return VariationPins.tagsIn(spec).stream().map(SnippetTags.Tag::key).distinct().toList();
  }

  public static VariationPins resolve(AIConfigVariation variation, String project, Lookups lookups) {
    AIConfigVariationSpec spec = variation.getSpec();
    String namespace = variation.getMetadata().getNamespace();
    List<ToolPin> tools = new ArrayList<>();
    List<Tool> entries = spec.getTools() == null ? List.of() : spec.getTools();
    for (int i = 0; i < entries.size(); i++) {
      Tool entry = entries.get(i);
      Optional<AITool> managed = entry.getToolRef() == null ? Optional.empty() : lookups.tools().apply(entry.getToolRef().getName());
      tools.add(tool("spec.tools[%d]".formatted(i), entry, project, namespace, managed));
    }
    for (SnippetTags.Tag tag : VariationPins.tagsIn(spec).stream().filter(tag -> !tag.follows()).distinct().toList()) {
      awaitPinnedVersion(tag, project, namespace, lookups.snippets().apply(tag.key()));
    }
    Map<String, Integer> followed = new LinkedHashMap<>();
    for (String key : followedSnippetKeys(spec)) {
      followed.put(key, snippetVersion(key, project, namespace, lookups.snippets().apply(key), lookups.inLaunchDarkly()));
    }
    return VariationPins.of(spec, tools, followed);
  }

  /**
   * One entry of {@code spec.tools}: a tool named by key as written; an AITool's key and its current version,
   * or the version the entry pins once the AITool has it.
   */
  static ToolPin tool(String field, Tool entry, String project, String namespace, Optional<AITool> managed) {
    if (entry.getToolRef() == null) {
      return new ToolPin(entry.getKey(), entry.getVersion(), null);
    }
    String name = entry.getToolRef().getName();
    AITool tool = managed.orElseThrow(() -> new DependencyNotReadyException(
        "Waiting for AITool %s/%s, which does not exist".formatted(namespace, name)));
    if (!project.equals(tool.getSpec().getProjectKey())) {
      throw new InvalidSpecException("%s.toolRef: AITool %s is in project %s, but the AI Config is in project %s"
          .formatted(field, name, tool.getSpec().getProjectKey(), project));
    }
    Optional<Integer> served = servedVersion(tool);
    if (served.isEmpty()) {
      throw new DependencyNotReadyException("Waiting for AITool %s/%s to be Ready".formatted(namespace, name));
    }
    int current = served.get();
    if (entry.getVersion() != null && entry.getVersion() > current) {
      throw new DependencyNotReadyException("%s: AITool %s/%s is at version %d; waiting for version %d"
          .formatted(field, namespace, name, current, entry.getVersion()));
    }
    return new ToolPin(tool.getStatus().getKey(), entry.getVersion() == null ? current : entry.getVersion(), name);
  }

  /**
   * The current version of the snippet a tag follows: the Ready PromptSnippet of this namespace and project
   * that makes it, else LaunchDarkly's.
   *
   * @param managed the PromptSnippets of the namespace with that key, of any project
   */
  static int snippetVersion(String key, String project, String namespace, List<PromptSnippet> managed,
      Function<String, Optional<Integer>> inLaunchDarkly) {
    List<PromptSnippet> here = madeHere(managed, project);
    if (!here.isEmpty()) {
      return here.stream()
          .map(Pinning::servedVersion)
          .flatMap(Optional::stream)
          .findFirst()
          .orElseThrow(() -> new DependencyNotReadyException("{{snippet.%s}}: waiting for PromptSnippet %s/%s to be Ready"
              .formatted(key, namespace, here.get(0).getMetadata().getName())));
    }
    return inLaunchDarkly.apply(key).orElseThrow(() -> new InvalidSpecException(
        "{{snippet.%s}}: prompt snippet %s does not exist in project %s, and no PromptSnippet of namespace %s makes it"
            .formatted(key, key, project, namespace)));
  }

  /**
   * A tag pinning a version of a snippet that a PromptSnippet of this namespace and project makes waits until
   * it is Ready with that version (a later spec change of it may make the version); a snippet not managed
   * here is LaunchDarkly's to check.
   *
   * @param managed the PromptSnippets of the namespace with the tag's key, of any project
   */
  static void awaitPinnedVersion(SnippetTags.Tag tag, String project, String namespace, List<PromptSnippet> managed) {
    List<PromptSnippet> here = madeHere(managed, project);
    if (here.isEmpty()) {
      return;
    }
    boolean made = here.stream().map(Pinning::servedVersion).flatMap(Optional::stream)
        .anyMatch(version -> version >= tag.version());
    if (!made) {
      PromptSnippet snippet = here.get(0);
      Integer current = snippet.getStatus() == null ? null : snippet.getStatus().getVersion();
      throw new DependencyNotReadyException("{{snippet.%s#%d}}: waiting for PromptSnippet %s/%s to be Ready with version %d%s"
          .formatted(tag.key(), tag.version(), namespace, snippet.getMetadata().getName(), tag.version(),
              current == null ? "" : " (it is at version %d)".formatted(current)));
    }
  }

  /** Of the namespace's PromptSnippets with a key, those of the project, by name. */
  private static List<PromptSnippet> madeHere(List<PromptSnippet> managed, String project) {
    return managed.stream()
        .filter(snippet -> project.equals(snippet.getSpec().getProjectKey()))
        .sorted(Comparator.comparing(snippet -> snippet.getMetadata().getName()))
        .toList();
  }

  /**
   * The version of a tool or snippet managed here that LaunchDarkly serves: it is Ready with a version, also
   * while it catches up with a spec change (its followers are re-pinned once the new version is made, rather
   * than waiting meanwhile); empty while it has none.
   */
  static Optional<Integer> servedVersion(CustomResource<?, VersionedStatus> referent) {
    VersionedStatus status = referent.getStatus();
    return status != null && status.getKey() != null && status.getVersion() != null && status.isReadyAt(null)
        ? Optional.of(status.getVersion())
        : Optional.empty();
  }

  /**
   * Why LaunchDarkly refused tools named by key, when one of them is the reason: a tool it does not have, or
   * a version it never made; empty when they all exist.
   *
   * @param latestVersion LaunchDarkly's current version of a tool; empty when it does not exist
   */
  public static Optional<String> missingUnmanagedTool(List<Tool> entries, String project, Function<String, Optional<Integer>> latestVersion) {
    List<Tool> tools = entries == null ? List.of() : entries;
    for (int i = 0; i < tools.size(); i++) {
      Tool entry = tools.get(i);
      if (entry.getToolRef() != null) {
        continue;
      }
      Optional<Integer> latest = latestVersion.apply(entry.getKey());
      if (latest.isEmpty()) {
        return Optional.of("spec.tools[%d]: AI tool %s does not exist in project %s".formatted(i, entry.getKey(), project));
      }
      if (entry.getVersion() > latest.get()) {
        return Optional.of("spec.tools[%d]: AI tool %s has no version %d in project %s (its latest is %d)"
            .formatted(i, entry.getKey(), entry.getVersion(), project, latest.get()));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a listing of the variation's project holds snippets and shows a snippet the variation follows at
   * another version than the one it pinned: the variation is then re-pinned (for a snippet not managed here,
   * only the listing tells).
   */
  static boolean followedSnippetMoved(AIConfigVariation variation, ProjectSnapshot listing) {
    AIConfigVariationStatus status = variation.getStatus();
    if (!listing.lists(Part.SNIPPETS) || !listing.project().equals(status.getProjectKey())) {
      return false;
    }
    List<SnippetPin> pinned = status.getSnippets() == null ? List.of() : status.getSnippets();
    return followedSnippetKeys(variation.getSpec()).stream().anyMatch(key -> listing.snippet(key)
        .map(LdPromptSnippet::version)
        .filter(version -> !pinned.contains(new SnippetPin(key, version, true)))
        .isPresent());
  }

  /** The key a PromptSnippet makes, by which variations follow it. */
  static String keyOf(PromptSnippet snippet) {
    return snippet.getSpec() == null ? null : Keys.effectiveKey(snippet, snippet.getSpec());
  }
}
