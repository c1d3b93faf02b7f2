package dev.ldai.operator.variation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ldai.operator.common.DependencyNotReadyException;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.snippet.PromptSnippetSpec;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.tool.AIToolSpec;
import dev.ldai.operator.versioned.SnippetTags;
import dev.ldai.operator.versioned.VersionedStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PinningTest {

  static final String NS = "team";

  @Test
  void aToolNamedByKeyIsSentAsWritten() {
    assertThat(Pinning.tool("spec.tools[0]", new Tool("search", 4), "proj", NS, Optional.empty()))
        .isEqualTo(new ToolPin("search", 4, null));
  }

  @Test
  void aToolRefFollowsTheAIToolsCurrentVersionUnderItsLaunchDarklyKey() {
    AITool tool = tool("web-search", "proj", "search", 3, true);

    assertThat(Pinning.tool("spec.tools[0]", Tool.ref("web-search", null), "proj", NS, Optional.of(tool)))
        .isEqualTo(new ToolPin("search", 3, "web-search"));
    assertThat(Pinning.tool("spec.tools[0]", Tool.ref("web-search", 2), "proj", NS, Optional.of(tool)))
        .isEqualTo(new ToolPin("search", 2, "web-search"));
  }

  /**
   * A spec change of the tool makes its generation newer than its Ready condition until the new version is
   * made: meanwhile its followers keep the version LaunchDarkly serves rather than waiting, so that they are
   * re-pinned once, with no status write in between.
   */
  @Test
  void aToolCatchingUpWithASpecChangeIsFollowedAtTheVersionItServes() {
    AITool catchingUp = tool("web-search", "proj", "search", 3, true);
    catchingUp.getMetadata().setGeneration(2L);
    PromptSnippet snippetCatchingUp = snippet("tone", "proj", 4, true);
    snippetCatchingUp.getMetadata().setGeneration(2L);

    assertThat(Pinning.tool("spec.tools[0]", Tool.ref("web-search", null), "proj", NS, Optional.of(catchingUp)))
        .isEqualTo(new ToolPin("search", 3, "web-search"));
    assertThat(Pinning.snippetVersion("tone", "proj", NS, List.of(snippetCatchingUp), key -> Optional.empty())).isEqualTo(4);
  }

  @Test
  void aToolRefWaitsForAMissingOrUnreadyAIToolOrForAVersionItMayStillMake() {
    assertThatThrownBy(() -> Pinning.tool("spec.tools[0]", Tool.ref("later", null), "proj", NS, Optional.empty()))
        .isInstanceOf(DependencyNotReadyException.class).hasMessageContaining("AITool team/later");
    assertThatThrownBy(() -> Pinning.tool("spec.tools[0]", Tool.ref("busy", null), "proj", NS,
        Optional.of(tool("busy", "proj", "busy", 1, false))))
        .isInstanceOf(DependencyNotReadyException.class).hasMessageContaining("to be Ready");
    assertThatThrownBy(() -> Pinning.tool("spec.tools[1]", Tool.ref("search", 5), "proj", NS,
        Optional.of(tool("search", "proj", "search", 3, true))))
        .isInstanceOf(DependencyNotReadyException.class)
        .hasMessageContaining("spec.tools[1]").hasMessageContaining("version 3").hasMessageContaining("version 5");
  }

  @Test
  void anAIToolOfAnotherProjectIsAnInvalidSpecEvenBeforeItIsReady() {
    assertThatThrownBy(() -> Pinning.tool("spec.tools[2]", Tool.ref("elsewhere", null), "proj", NS,
        Optional.of(tool("elsewhere", "other", "elsewhere", 1, false))))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("spec.tools[2].toolRef").hasMessageContaining("AITool elsewhere").hasMessageContaining("other");
  }

  @Test
  void aFollowedSnippetManagedHereIsPinnedToItsVersionAndLaunchDarklyIsNotAsked() {
    List<String> asked = new ArrayList<>();

    int version = Pinning.snippetVersion("tone", "proj", NS, List.of(snippet("tone", "proj", 4, true)), key -> {
      asked.add(key);
      return Optional.of(9);
    });

    assertThat(version).isEqualTo(4);
    assertThat(asked).isEmpty();
  }

  @Test
  void aFollowedSnippetManagedHereWaitsUntilItIsReady() {
    assertThatThrownBy(() -> Pinning.snippetVersion("tone", "proj", NS, List.of(snippet("tone", "proj", 4, false)),
        key -> Optional.of(9)))
        .isInstanceOf(DependencyNotReadyException.class).hasMessageContaining("PromptSnippet team/tone");
  }

  @Test
  void aFollowedSnippetNotManagedHereIsLaunchDarklysAndOneThatExistsNowhereIsAnInvalidSpec() {
    List<PromptSnippet> otherProject = List.of(snippet("tone", "other", 4, true));

    assertThat(Pinning.snippetVersion("tone", "proj", NS, otherProject, key -> Optional.of(9))).isEqualTo(9);
    assertThatThrownBy(() -> Pinning.snippetVersion("tone", "proj", NS, otherProject, key -> Optional.empty()))
        .isInstanceOf(InvalidSpecException.class).hasMessageContaining("{{snippet.tone}}").hasMessageContaining("proj");
  }

  @Test
  void resolvingPinsEveryToolAndEachFollowedSnippetOnce() {
    AIConfigVariation variation = variation(spec -> {
      spec.setTools(List.of(Tool.ref("web-search", null), new Tool("calculator", 2)));
      spec.setMessages(List.of(new Message("system", "{{snippet.tone}} {{snippet.safety#1}} {{snippet.tone}}")));
      spec.setInstructions("{{snippet.house}}");
    });
    List<String> asked = new ArrayList<>();

    VariationPins pins = Pinning.resolve(variation, "proj", new Pinning.Lookups(
        name -> Optional.of(tool(name, "proj", "search", 6, true)),
        key -> key.equals("tone") ? List.of(snippet("tone", "proj", 3, true)) : List.of(),
        key -> {
          asked.add(key);
          return Optional.of(8);
        }));

    assertThat(pins.tools()).containsExactly(new ToolPin("search", 6, "web-search"), new ToolPin("calculator", 2, null));
    assertThat(pins.followedSnippets()).isEqualTo(Map.of("tone", 3, "house", 8));
    assertThat(asked).containsExactly("house");
    assertThat(pins.snippets()).containsExactly(
        new SnippetPin("tone", 3, true), new SnippetPin("safety", 1, false), new SnippetPin("house", 8, true));
  }

  @Test
  void theToolRefsAndSnippetTagsAVariationFollowsOrNames() {
    AIConfigVariationSpec spec = variation(s -> {
      s.setTools(List.of(Tool.ref("a", null), new Tool("b", 1), Tool.ref("c", 2)));
      s.setMessages(List.of(new Message("system", "{{snippet.x#2}} {{snippet.y}}"), new Message("user", "{{snippet.y}}")));
      s.setInstructions("{{ snippet.z }}");
    }).getSpec();

    assertThat(Pinning.toolRefs(spec)).extracting(LocalReference::getName).containsExactly("a", "c");
    assertThat(Pinning.followedSnippetKeys(spec)).containsExactly("y", "z");
    assertThat(Pinning.followedSnippetKeys(null)).isEmpty();
    assertThat(Pinning.snippetKeys(spec)).containsExactly("x", "y", "z");
  }

  @Test
  void aTagPinningAVersionOfASnippetManagedHereWaitsUntilItIsReadyWithThatVersion() {
    SnippetTags.Tag pinsTwo = new SnippetTags.Tag("tone", 2);

    assertThatThrownBy(() -> Pinning.awaitPinnedVersion(pinsTwo, "proj", NS, List.of(snippet("tone", "proj", 1, true))))
        .isInstanceOf(DependencyNotReadyException.class)
        .hasMessageContaining("{{snippet.tone#2}}").hasMessageContaining("PromptSnippet team/tone").hasMessageContaining("version 1");
    assertThatThrownBy(() -> Pinning.awaitPinnedVersion(pinsTwo, "proj", NS, List.of(snippet("tone", "proj", 2, false))))
        .isInstanceOf(DependencyNotReadyException.class);
    assertThatCode(() -> Pinning.awaitPinnedVersion(pinsTwo, "proj", NS, List.of(snippet("tone", "proj", 3, true))))
        .doesNotThrowAnyException();
    assertThatCode(() -> Pinning.awaitPinnedVersion(pinsTwo, "proj", NS, List.of(snippet("tone", "other", 1, true))))
        .as("a snippet of another project is LaunchDarkly's to check").doesNotThrowAnyException();
  }

  @Test
  void aRefusalIsExplainedByTheToolNamedByKeyThatLaunchDarklyLacks() {
    List<Tool> tools = List.of(Tool.ref("managed", null), new Tool("search", 2), new Tool("calculator", 5));
    Map<String, Integer> latest = Map.of("search", 2, "calculator", 3);

    assertThat(Pinning.missingUnmanagedTool(tools, "proj", key -> Optional.ofNullable(latest.get(key))))
        .contains("spec.tools[2]: AI tool calculator has no version 5 in project proj (its latest is 3)");
    assertThat(Pinning.missingUnmanagedTool(tools, "proj", key -> key.equals("search") ? Optional.empty() : Optional.of(9)))
        .contains("spec.tools[1]: AI tool search does not exist in project proj");
    assertThat(Pinning.missingUnmanagedTool(tools, "proj", key -> Optional.of(9))).isEmpty();
  }

  @Test
  void aListingShowingAFollowedSnippetAtAnotherVersionThanPinnedIsNewsForTheVariation() {
    AIConfigVariation variation = variation(s -> s.setInstructions("{{snippet.tone}} {{snippet.safety#1}}"));
    variation.setStatus(new AIConfigVariationStatus());
    variation.getStatus().setProjectKey("proj");
    variation.getStatus().setSnippets(List.of(new SnippetPin("tone", 2, true), new SnippetPin("safety", 1, false)));

    assertThat(Pinning.followedSnippetMoved(variation, listing("proj", Map.of("tone", 2, "safety", 5)))).isFalse();
    assertThat(Pinning.followedSnippetMoved(variation, listing("proj", Map.of("tone", 3, "safety", 1)))).isTrue();
    assertThat(Pinning.followedSnippetMoved(variation, listing("other", Map.of("tone", 3)))).isFalse();
    assertThat(Pinning.followedSnippetMoved(variation,
        ProjectSnapshot.of("proj", Instant.EPOCH, List.of(), List.of()))).as("snippets not listed").isFalse();
  }

  private static ProjectSnapshot listing(String project, Map<String, Integer> snippets) {
    return ProjectSnapshot.of(project, Instant.EPOCH, List.of(), List.of(), Optional.empty(), Optional.of(
        snippets.entrySet().stream()
            .map(e -> new LdPromptSnippet(e.getKey(), e.getKey(), null, "text", List.of(), e.getValue(), null, null, null))
            .toList()), Optional.empty());
  }

  static AITool tool(String name, String project, String key, int version, boolean ready) {
    AITool tool = new AITool();
    tool.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withGeneration(1L).build());
    AIToolSpec spec = new AIToolSpec();
    spec.setProjectKey(project);
    tool.setSpec(spec);
    tool.setStatus(versioned(key, version, ready));
    return tool;
  }

  static PromptSnippet snippet(String key, String project, int version, boolean ready) {
    PromptSnippet snippet = new PromptSnippet();
    snippet.setMetadata(new ObjectMetaBuilder().withName(key).withNamespace(NS).withGeneration(1L).build());
    PromptSnippetSpec spec = new PromptSnippetSpec();
    spec.setProjectKey(project);
    snippet.setSpec(spec);
    snippet.setStatus(versioned(key, version, ready));
    return snippet;
  }

  private static VersionedStatus versioned(String key, int version, boolean ready) {
    VersionedStatus status = new VersionedStatus();
    status.setKey(key);
    status.setVersion(version);
    Conditions.apply(status, ready ? Outcome.ready("in sync") : Outcome.reconciling(Reason.Updating, "updating"), 1L,
        Clock.systemUTC());
    return status;
  }

  static AIConfigVariation variation(java.util.function.Consumer<AIConfigVariationSpec> customize) {
    AIConfigVariation variation = new AIConfigVariation();
    variation.setMetadata(new ObjectMetaBuilder().withName("v").withNamespace(NS).withGeneration(1L).build());
    AIConfigVariationSpec spec = new AIConfigVariationSpec();
    spec.setName("V");
    customize.accept(spec);
    variation.setSpec(spec);
    return variation;
  }
}
