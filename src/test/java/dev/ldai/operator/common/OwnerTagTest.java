package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.modelconfig.AIModelConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnerTagTest {

  /** What LaunchDarkly accepts as a tag (its Terraform provider checks tags against this before sending). */
  static final String LAUNCHDARKLY_TAG = "[a-zA-Z0-9_.-]{1,64}";

  static final String LONGEST_NAMESPACE = "n".repeat(63);
  static final String LONGEST_NAME = "m".repeat(253);

  @Test
  void theTagNamesTheKindInLowerCaseTheNamespaceAndTheName() {
    assertThat(OwnerTag.of("AIConfig", "support", "chat-bot")).isEqualTo("ldai-operator_aiconfig_support_chat-bot");
    assertThat(OwnerTag.of("AIModelConfig", "team-a", "house.gpt")).isEqualTo("ldai-operator_aimodelconfig_team-a_house.gpt");
  }

  @Test
  void theKindOfAResourceComesFromItsType() {
    assertThat(OwnerTag.of(named(new AIConfig(), "support", "chat-bot"))).isEqualTo("ldai-operator_aiconfig_support_chat-bot");
    assertThat(OwnerTag.of(named(new AIModelConfig(), "support", "house-gpt")))
        .isEqualTo("ldai-operator_aimodelconfig_support_house-gpt");
  }

  @Test
  void aTagThatFitsLaunchDarklysLimitIsKeptWhole() {
    String prefix = "ldai-operator_aiconfig_ns_";
    String name = "a".repeat(OwnerTag.MAX_LENGTH - prefix.length());

    assertThat(OwnerTag.of("AIConfig", "ns", name)).isEqualTo(prefix + name).hasSize(OwnerTag.MAX_LENGTH);
  }

  @Test
  void aLongerTagIsCutToTheLimitKeepingItsBeginningAndAHashOfTheWhole() {
    String prefix = "ldai-operator_aiconfig_ns_";
    String name = "a".repeat(OwnerTag.MAX_LENGTH - prefix.length() + 1);

    String tag = OwnerTag.of("AIConfig", "ns", name);

    assertThat(tag).hasSize(OwnerTag.MAX_LENGTH).startsWith(prefix + "aaaa").matches(".*__[0-9a-f]{12}");
    assertThat(OwnerTag.of("AIConfig", "ns", name)).as("the same resource, the same tag").isEqualTo(tag);
  }

  @Test
  void longNamesThatDifferOnlyAfterTheCutGetDifferentTags() {
    String common = "a".repeat(100);

    assertThat(OwnerTag.of("AIConfig", "ns", common + "-one")).isNotEqualTo(OwnerTag.of("AIConfig", "ns", common + "-two"));
    assertThat(OwnerTag.of("AIConfig", LONGEST_NAMESPACE, "x")).isNotEqualTo(OwnerTag.of("AIConfig", LONGEST_NAMESPACE, "y"));
    assertThat(OwnerTag.of("AIConfig", LONGEST_NAMESPACE, "x"))
        .isNotEqualTo(OwnerTag.of("AIModelConfig", LONGEST_NAMESPACE, "x"));
  }

  @Test
  void aShortenedTagNeverEqualsAnotherResourcesWholeTag() {
    String shortened = OwnerTag.of("AIConfig", "ns", "b".repeat(80));
    String lookalikeName = shortened.substring("ldai-operator_aiconfig_ns_".length());

    assertThat(shortened).contains("__");
    assertThatThrownBy(() -> OwnerTag.of("AIConfig", "ns", lookalikeName))
        .as("no Kubernetes name holds '_', so no whole tag can be spelled like a shortened one")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyTagIsOneLaunchDarklyAccepts() {
    List<String> tags = List.of(
        OwnerTag.of("AIConfig", "a", "b"),
        OwnerTag.of("AIModelConfig", LONGEST_NAMESPACE, LONGEST_NAME),
        OwnerTag.of("AIConfig", LONGEST_NAMESPACE, "x"),
        OwnerTag.of("AIConfig", "ns", "with.dots-and-dashes." + "z".repeat(60)));

    assertThat(tags).allSatisfy(tag -> assertThat(tag).matches(LAUNCHDARKLY_TAG));
  }

  @Test
  void partsThatWouldMakeTheTagAmbiguousOrInvalidAreRefused() {
    assertThatThrownBy(() -> OwnerTag.of("AIConfig", "ns", "under_score")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> OwnerTag.of("AIConfig", null, "bot")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace");
    assertThatThrownBy(() -> OwnerTag.of("AIConfig", "ns", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OwnerTag.of("AI Config", "ns", "bot")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kind");
  }

  @Test
  void anyResourcesOwnerTagIsRecognisedAndNothingElse() {
    assertThat(OwnerTag.isOwnerTag(OwnerTag.of("AIConfig", "support", "bot"))).isTrue();
    assertThat(OwnerTag.isOwnerTag(OwnerTag.of("AIModelConfig", "other", "model"))).isTrue();
    assertThat(OwnerTag.isOwnerTag(OwnerTag.of("AIConfig", LONGEST_NAMESPACE, LONGEST_NAME))).isTrue();
    assertThat(OwnerTag.isOwnerTag("team-a")).isFalse();
    assertThat(OwnerTag.isOwnerTag("ldai-operator")).isFalse();
    assertThat(OwnerTag.isOwnerTag(null)).isFalse();
  }

  @Test
  void withoutOwnerTagsKeepsTheOtherTagsInTheirOrder() {
    String own = OwnerTag.of("AIConfig", "support", "bot");
    String foreign = OwnerTag.of("AIConfig", "elsewhere", "bot");

    assertThat(OwnerTag.withoutOwnerTags(List.of("b", own, "a", foreign))).containsExactly("b", "a");
    assertThat(OwnerTag.withoutOwnerTags(List.of(own))).isEmpty();
    assertThat(OwnerTag.withoutOwnerTags(null)).isEmpty();
  }

  @Test
  void carriesIsTrueOnlyForThatExactOwnerTag() {
    String own = OwnerTag.of("AIConfig", "support", "bot");

    assertThat(OwnerTag.carries(List.of("a", own), own)).isTrue();
    assertThat(OwnerTag.carries(List.of("a", OwnerTag.of("AIConfig", "elsewhere", "bot")), own)).isFalse();
    assertThat(OwnerTag.carries(List.of(), own)).isFalse();
    assertThat(OwnerTag.carries(null, own)).isFalse();
  }

  private static <T extends HasMetadata> T named(T resource, String namespace, String name) {
    resource.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    return resource;
  }
}
