package dev.ldai.operator.aiconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import java.util.List;
import org.junit.jupiter.api.Test;

class AIConfigMappingTest {

  @Test
  void thePostCarriesEveryFieldOfTheSpec() {
    AIConfigSpec spec = spec();
    spec.setMode(AIConfigMode.agent);
    spec.setMaintainerTeamKey("platform");
    spec.setIsInverted(true);

    LdAIConfigPost post = AIConfigMapping.toPost("bot", spec);

    assertThat(post).isEqualTo(new LdAIConfigPost(
        "bot", "Bot", "Answers questions", "agent", List.of("a", "b"), null, "platform", "accuracy", true));
  }

  @Test
  void nothingDiffersWhenLaunchDarklyMatchesTheSpec() {
    assertThat(AIConfigMapping.patchFor(spec(), actual(List.of("b", "a"), null)).isEmpty()).isTrue();
  }

  @Test
  void onlyTheDifferingFieldsArePatched() {
    AIConfigSpec spec = spec();
    spec.setDescription("Answers questions politely");

    LdAIConfigPatch patch = AIConfigMapping.patchFor(spec, actual(List.of("a", "b"), null));

    assertThat(patch).isEqualTo(new LdAIConfigPatch(null, "Answers questions politely", null, null, null, null, null));
  }

  @Test
  void tagsCompareAsASet() {
    assertThat(AIConfigMapping.patchFor(spec(), actual(List.of("b", "a", "a"), null)).isEmpty()).isTrue();
    assertThat(AIConfigMapping.patchFor(spec(), actual(List.of("a"), null)).tags()).containsExactly("a", "b");
  }

  @Test
  void fieldsTheSpecLeavesOutAreNotManaged() {
    AIConfigSpec spec = new AIConfigSpec();
    spec.setName("Bot");

    LdAIConfig actual = new LdAIConfig("bot", "Bot", "set in the UI", "completion", List.of("ui"), 3, 1L, 2L,
        "metric", false, null, List.of(), null);

    assertThat(AIConfigMapping.patchFor(spec, actual).isEmpty()).isTrue();
  }

  @Test
  void theMaintainerIsComparedWithWhatLaunchDarklyReports() {
    AIConfigSpec spec = spec();
    spec.setMaintainerId("member-1");
    ObjectNode sameMember = JsonNodeFactory.instance.objectNode().put("kind", "member").put("_id", "member-1");
    ObjectNode otherMember = JsonNodeFactory.instance.objectNode().put("kind", "member").put("_id", "member-2");
    ObjectNode team = JsonNodeFactory.instance.objectNode().put("kind", "team").put("key", "platform");

    assertThat(AIConfigMapping.patchFor(spec, actual(List.of("a", "b"), sameMember)).isEmpty()).isTrue();
    assertThat(AIConfigMapping.patchFor(spec, actual(List.of("a", "b"), otherMember)).maintainerId()).isEqualTo("member-1");
    assertThat(AIConfigMapping.patchFor(spec, actual(List.of("a", "b"), team)).maintainerId()).isEqualTo("member-1");
    assertThat(AIConfigMapping.patchFor(spec, actual(List.of("a", "b"), null)).isEmpty())
        .as("no maintainer reported: nothing to compare, no churn")
        .isTrue();
  }

  @Test
  void variationsAreSummarisedByKey() {
    LdVariation second = variation("v2", "Second", 3);
    LdVariation first = variation("v1", "First", 1);
    LdAIConfig config = new LdAIConfig("bot", "Bot", "", "completion", List.of(), 1, 1L, 1L, null, null, null,
        List.of(second, first), null);

    assertThat(AIConfigMapping.variations(config))
        .extracting(VariationSummary::getKey, VariationSummary::getName, VariationSummary::getVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("v1", "First", 1),
            org.assertj.core.groups.Tuple.tuple("v2", "Second", 3));
  }

  private static LdVariation variation(String key, String name, int version) {
    return new LdVariation("id-" + key, key, name, version, 1L, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  private static AIConfigSpec spec() {
    AIConfigSpec spec = new AIConfigSpec();
    spec.setProjectKey("default");
    spec.setName("Bot");
    spec.setDescription("Answers questions");
    spec.setTags(List.of("a", "b"));
    spec.setEvaluationMetricKey("accuracy");
    return spec;
  }

  private static LdAIConfig actual(List<String> tags, ObjectNode maintainer) {
    return new LdAIConfig("bot", "Bot", "Answers questions", "completion", tags, 4, 1L, 2L, "accuracy", null,
        maintainer, List.of(), null);
  }
}
