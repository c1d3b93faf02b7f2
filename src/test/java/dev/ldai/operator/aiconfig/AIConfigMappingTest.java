package dev.ldai.operator.aiconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AIConfigMappingTest {

  static final String OWN = OwnerTag.of("AIConfig", "support", "bot");
  static final String FOREIGN = OwnerTag.of("AIConfig", "elsewhere", "bot");
  static final Optional<String> MANAGE = Optional.of(OWN);
  static final Optional<String> OBSERVE = Optional.empty();

  @Test
  void theSpecOfAConfigAsLaunchDarklyHoldsItDiffersOnlyByTheOwnerTagATakeOverAdds() {
    ObjectNode team = JsonNodeFactory.instance.objectNode().put("kind", "team").put("key", "platform").put("name", "Platform");
    LdAIConfig held = new LdAIConfig("bot", "Bot", "Answers — in Swedish too", "agent", List.of("b", FOREIGN, "a"), 4, 1L, 2L,
        "accuracy", true, team, List.of(), null, null);

    AIConfigSpec spec = AIConfigMapping.toSpec("support-project", held);

    assertThat(spec.getKey()).isEqualTo("bot");
    assertThat(spec.getProjectKey()).isEqualTo("support-project");
    assertThat(spec.getMode()).isEqualTo(AIConfigMode.agent);
    assertThat(spec.getTags()).containsExactly("b", "a");
    assertThat(spec.getMaintainerTeamKey()).isEqualTo("platform");
    assertThat(spec.getMaintainerId()).isNull();
    assertThat(spec.getEvaluationMetricKey()).isEqualTo("accuracy");
    assertThat(spec.getIsInverted()).isTrue();
    assertThat(AIConfigMapping.patchFor(spec, held, OBSERVE).isEmpty()).isTrue();
    assertThat(AIConfigMapping.patchFor(spec, held, MANAGE).fields()).containsExactly(OwnerTag.FIELD);
  }

  @Test
  void anEmptyDescriptionNoTagsAndNoMaintainerAreLeftOut() {
    ObjectNode member = JsonNodeFactory.instance.objectNode().put("kind", "member").put("_id", "m-1").put("email", "a@b.c");
    LdAIConfig held = new LdAIConfig("bot", "Bot", "", null, List.of(), 1, 1L, 1L, null, null, null, null, null, null);

    AIConfigSpec spec = AIConfigMapping.toSpec("p", held);

    assertThat(spec.getDescription()).isNull();
    assertThat(spec.getTags()).isNull();
    assertThat(spec.getMode()).isEqualTo(AIConfigMode.completion);
    assertThat(spec.getMaintainerId()).isNull();
    assertThat(spec.getMaintainerTeamKey()).isNull();
    LdAIConfig maintained = new LdAIConfig("bot", "Bot", "", null, List.of(), 1, 1L, 1L, null, null, member, null, null, null);
    assertThat(AIConfigMapping.toSpec("p", maintained).getMaintainerId()).isEqualTo("m-1");
    assertThat(AIConfigMapping.patchFor(AIConfigMapping.toSpec("p", maintained), maintained, OBSERVE).isEmpty()).isTrue();
  }

  @Test
  void thePostCarriesEveryFieldOfTheSpecAndTheOwnerTag() {
    AIConfigSpec spec = spec();
    spec.setMode(AIConfigMode.agent);
    spec.setMaintainerTeamKey("platform");
    spec.setIsInverted(true);

    LdAIConfigPost post = AIConfigMapping.toPost("bot", spec, OWN);

    assertThat(post).isEqualTo(new LdAIConfigPost(
        "bot", "Bot", "Answers questions", "agent", List.of("a", "b", OWN), null, "platform", "accuracy", true));
  }

  @Test
  void aSpecWithoutTagsCreatesWithTheOwnerTagAlone() {
    AIConfigSpec spec = spec();
    spec.setTags(null);

    assertThat(AIConfigMapping.toPost("bot", spec, OWN).tags()).containsExactly(OWN);
  }

  @Test
  void nothingDiffersWhenLaunchDarklyMatchesTheSpecAndCarriesTheOwnerTag() {
    assertThat(AIConfigMapping.patchFor(spec(), actual(List.of("b", OWN, "a"), null), MANAGE).isEmpty()).isTrue();
  }

  @Test
  void onlyTheDifferingFieldsArePatched() {
    AIConfigSpec spec = spec();
    spec.setDescription("Answers questions politely");

    Diff<LdAIConfigPatch> diff = AIConfigMapping.patchFor(spec, actual(List.of("a", "b", OWN), null), MANAGE);

    assertThat(diff.fields()).containsExactly("description");
    assertThat(diff.change())
        .isEqualTo(new LdAIConfigPatch(null, "Answers questions politely", null, null, null, null, null));
  }

  @Test
  void tagsCompareAsASet() {
    assertThat(AIConfigMapping.patchFor(spec(), actual(List.of("b", "a", "a", OWN), null), MANAGE).isEmpty()).isTrue();

    Diff<LdAIConfigPatch> diff = AIConfigMapping.patchFor(spec(), actual(List.of("a", OWN), null), MANAGE);

    assertThat(diff.fields()).containsExactly("tags");
    assertThat(diff.change().tags()).containsExactly("a", "b", OWN);
  }

  @Test
  void aMissingOwnerTagIsPatchedInAndReportedAsTheOwnerTag() {
    Diff<LdAIConfigPatch> diff = AIConfigMapping.patchFor(spec(), actual(List.of("a", "b"), null), MANAGE);

    assertThat(diff.fields()).containsExactly("ownerTag");
    assertThat(diff.change()).isEqualTo(new LdAIConfigPatch(null, null, List.of("a", "b", OWN), null, null, null, null));
    assertThat(diff.change().fields()).as("what is sent").containsExactly("tags");
  }

  @Test
  void anotherResourcesOwnerTagIsReplacedByThisOne() {
    Diff<LdAIConfigPatch> onlyForeign = AIConfigMapping.patchFor(spec(), actual(List.of("a", "b", FOREIGN), null), MANAGE);
    Diff<LdAIConfigPatch> both = AIConfigMapping.patchFor(spec(), actual(List.of("a", OWN, "b", FOREIGN), null), MANAGE);

    assertThat(onlyForeign.fields()).containsExactly("ownerTag");
    assertThat(onlyForeign.change().tags()).containsExactly("a", "b", OWN);
    assertThat(both.fields()).containsExactly("ownerTag");
    assertThat(both.change().tags()).containsExactly("a", "b", OWN);
  }

  @Test
  void differingTagsAreReportedAsTagsAndTheirPatchAlsoSetsTheOwnerTag() {
    Diff<LdAIConfigPatch> diff = AIConfigMapping.patchFor(spec(), actual(List.of("ui", FOREIGN), null), MANAGE);

    assertThat(diff.fields()).containsExactly("tags");
    assertThat(diff.change().tags()).containsExactly("a", "b", OWN);
  }

  @Test
  void tagsTheSpecLeavesOutStayAsTheyAreWhenTheOwnerTagIsPatchedIn() {
    AIConfigSpec spec = spec();
    spec.setTags(null);

    Diff<LdAIConfigPatch> diff = AIConfigMapping.patchFor(spec, actual(List.of("ui", FOREIGN), null), MANAGE);

    assertThat(diff.fields()).containsExactly("ownerTag");
    assertThat(diff.change().tags()).containsExactly("ui", OWN);
  }

  @Test
  void underObserveOwnerTagsAreNeitherDriftNorWritten() {
    assertThat(AIConfigMapping.patchFor(spec(), actual(List.of("a", "b"), null), OBSERVE).isEmpty()).isTrue();
    assertThat(AIConfigMapping.patchFor(spec(), actual(List.of("a", "b", FOREIGN), null), OBSERVE).isEmpty()).isTrue();

    Diff<LdAIConfigPatch> drift = AIConfigMapping.patchFor(spec(), actual(List.of("a", FOREIGN), null), OBSERVE);

    assertThat(drift.fields()).containsExactly("tags");
    assertThat(drift.change().tags()).containsExactly("a", "b");
  }

  @Test
  void ownerTagsNeverTakePartInTheComparisonWithSpecTags() {
    AIConfigSpec spec = spec();
    spec.setTags(List.of("a", "b", FOREIGN));

    Diff<LdAIConfigPatch> diff = AIConfigMapping.patchFor(spec, actual(List.of("a", "b", OWN), null), MANAGE);

    assertThat(diff.isEmpty()).as("an owner tag written in spec.tags is not compared").isTrue();
    assertThat(AIConfigMapping.toPost("bot", spec, OWN).tags()).containsExactly("a", "b", OWN);
  }

  @Test
  void fieldsTheSpecLeavesOutAreNotManaged() {
    AIConfigSpec spec = new AIConfigSpec();
    spec.setName("Bot");

    LdAIConfig actual = new LdAIConfig("bot", "Bot", "set in the UI", "completion", List.of("ui", OWN), 3, 1L, 2L,
        "metric", false, null, List.of(), null, null);

    assertThat(AIConfigMapping.patchFor(spec, actual, MANAGE).isEmpty()).isTrue();
  }

  @Test
  void theMaintainerIsComparedWithWhatLaunchDarklyReports() {
    AIConfigSpec spec = spec();
    spec.setMaintainerId("member-1");
    ObjectNode sameMember = JsonNodeFactory.instance.objectNode().put("kind", "member").put("_id", "member-1");
    ObjectNode otherMember = JsonNodeFactory.instance.objectNode().put("kind", "member").put("_id", "member-2");
    ObjectNode team = JsonNodeFactory.instance.objectNode().put("kind", "team").put("key", "platform");
    List<String> tags = List.of("a", "b", OWN);

    assertThat(AIConfigMapping.patchFor(spec, actual(tags, sameMember), MANAGE).isEmpty()).isTrue();
    assertThat(AIConfigMapping.patchFor(spec, actual(tags, otherMember), MANAGE).change().maintainerId())
        .isEqualTo("member-1");
    assertThat(AIConfigMapping.patchFor(spec, actual(tags, team), MANAGE).change().maintainerId()).isEqualTo("member-1");
    assertThat(AIConfigMapping.patchFor(spec, actual(tags, null), MANAGE).isEmpty())
        .as("no maintainer reported: nothing to compare, no churn")
        .isTrue();
  }

  @Test
  void variationsAreSummarisedByKey() {
    LdVariation second = variation("v2", "Second", 3);
    LdVariation first = variation("v1", "First", 1);
    LdAIConfig config = new LdAIConfig("bot", "Bot", "", "completion", List.of(), 1, 1L, 1L, null, null, null,
        List.of(second, first), null, null);

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
        maintainer, List.of(), null, null);
  }
}
