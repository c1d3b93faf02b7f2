package dev.ldai.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.versioned.Pin;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectSnapshotTest {

  static final ProjectSnapshot SNAPSHOT = ProjectSnapshot.of("proj", Instant.parse("2026-11-23T10:00:00Z"),
      List.of(Serialization.unmarshal("""
          {"key": "bot", "version": 3, "variations": [{"key": "friendly", "_version": 2, "version": 2}]}""",
          LdAIConfig.class)),
      List.of(Serialization.unmarshal("{\"key\": \"house-gpt\", \"version\": 1}", LdModelConfig.class)));

  @Test
  void aResourceThatSawTheListedVersionIsUpToDate() {
    assertThat(SNAPSHOT.configDiffers("proj", "bot", 3)).isFalse();
    assertThat(SNAPSHOT.variationDiffers("proj", "bot", "friendly", 2)).isFalse();
    assertThat(SNAPSHOT.modelDiffers("proj", "house-gpt", 1)).isFalse();
  }

  @Test
  void anotherVersionOrAMissingObjectIsOutOfDate() {
    assertThat(SNAPSHOT.configDiffers("proj", "bot", 2)).isTrue();
    assertThat(SNAPSHOT.configDiffers("proj", "deleted-in-the-ui", 1)).isTrue();
    assertThat(SNAPSHOT.variationDiffers("proj", "bot", "friendly", 1)).isTrue();
    assertThat(SNAPSHOT.variationDiffers("proj", "bot", "gone", 1)).isTrue();
    assertThat(SNAPSHOT.modelDiffers("proj", "house-gpt", 2)).isTrue();
  }

  @Test
  void theListedObjectsStandInForReadingThem() {
    assertThat(SNAPSHOT.config("bot")).get().extracting(LdAIConfig::version).isEqualTo(3);
    assertThat(SNAPSHOT.variation("bot", "friendly")).get().extracting(LdVariation::version).isEqualTo(2);
    assertThat(SNAPSHOT.model("house-gpt")).get().extracting(LdModelConfig::version).isEqualTo(1);
    assertThat(SNAPSHOT.config("gone")).isEmpty();
    assertThat(SNAPSHOT.variation("bot", "gone")).isEmpty();
    assertThat(SNAPSHOT.variation("other", "friendly")).isEmpty();
  }

  @Test
  void resourcesOfOtherProjectsOrNotYetSyncedAreNotConcerned() {
    assertThat(SNAPSHOT.configDiffers("other", "bot", 2)).isFalse();
    assertThat(SNAPSHOT.configDiffers("proj", "bot", null)).isFalse();
    assertThat(SNAPSHOT.variationDiffers("proj", null, "friendly", 1)).isFalse();
    assertThat(SNAPSHOT.modelDiffers("proj", null, 1)).isFalse();
  }

  @Test
  void toolsAndSnippetsAreListedOnlyWhenAskedForAndOnlyThenTellOfOtherVersions() {
    assertThat(SNAPSHOT.lists(ProjectSnapshot.Part.TOOLS)).isFalse();
    assertThat(SNAPSHOT.toolDiffers("proj", "web-search", 1)).isFalse();

    ProjectSnapshot withTools = ProjectSnapshot.of("proj", Instant.parse("2026-11-23T10:00:00Z"), List.of(), List.of(),
        Optional.of(List.of(Serialization.unmarshal("{\"key\": \"web-search\", \"version\": 2}", LdAITool.class))),
        Optional.empty(), Optional.empty());

    assertThat(withTools.lists(ProjectSnapshot.Part.TOOLS)).isTrue();
    assertThat(withTools.lists(ProjectSnapshot.Part.SNIPPETS)).isFalse();
    assertThat(withTools.toolDiffers("proj", "web-search", 2)).isFalse();
    assertThat(withTools.toolDiffers("proj", "web-search", 1)).isTrue();
    assertThat(withTools.toolDiffers("proj", "deleted-in-the-ui", 1)).isTrue();
    assertThat(withTools.snippetDiffers("proj", "brand-voice", 1)).isFalse();
  }

  @Test
  void pinsAreTheListedVariationsToolsAndVersionedSnippetTags() {
    ProjectSnapshot listing = ProjectSnapshot.of("proj", Instant.parse("2026-11-23T10:00:00Z"),
        List.of(Serialization.unmarshal("""
            {"key": "bot", "version": 1, "variations": [
              {"key": "b", "version": 4, "tools": [{"key": "web-search", "version": 2}, {"key": "other", "version": 1}],
               "messages": [{"role": "system", "content": "{{snippet.voice#3}} and {{ snippet.voice#3 }}, {{snippet.voice}}"}]},
              {"key": "a", "version": 1, "tools": [{"key": "web-search", "version": 1}],
               "instructions": "{{snippet.voice#1}} {{snippet.voiceover#5}}"}]}""", LdAIConfig.class)),
        List.of());

    assertThat(listing.toolPins("web-search")).containsExactly(new Pin("bot", "a", 1), new Pin("bot", "b", 2));
    assertThat(listing.snippetPins("voice")).containsExactly(new Pin("bot", "a", 1), new Pin("bot", "b", 3));
    assertThat(listing.toolPins("unused")).isEmpty();
  }
}
