package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {

  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$");

  @Test
  void aKeyThatIsAValidNameIsTheName() {
    Map<List<String>, String> names = ResourceNames.of(List.of(List.of("support-bot"), List.of("v1.2")));

    assertThat(names).containsEntry(List.of("support-bot"), "support-bot").containsEntry(List.of("v1.2"), "v1.2");
  }

  @Test
  void otherKeysKeepTheirReadablePartAndGetAHashOfTheKey() {
    String upper = ResourceNames.of(List.of(List.of("Support_Bot"))).get(List.of("Support_Bot"));
    String lower = ResourceNames.of(List.of(List.of("support_bot"))).get(List.of("support_bot"));

    assertThat(upper).startsWith("support-bot-").matches(DNS_LABEL);
    assertThat(lower).startsWith("support-bot-").matches(DNS_LABEL).isNotEqualTo(upper);
  }

  @Test
  void keysThatWouldCollideAllGetHashesAndDistinctNames() {
    List<List<String>> identities = List.of(List.of("a-b", "c"), List.of("a", "b-c"), List.of("A_B", "c"), List.of("a-b-c"));

    Map<List<String>, String> names = ResourceNames.of(identities);

    assertThat(names.values()).doesNotHaveDuplicates().allMatch(name -> DNS_LABEL.matcher(name).matches());
    assertThat(names.get(List.of("a-b", "c"))).startsWith("a-b-c-");
    assertThat(names.get(List.of("a", "b-c"))).startsWith("a-b-c-");
  }

  @Test
  void aLongKeyIsCutToSixtyThreeCharactersEndingInAHash() {
    String key = "a".repeat(70) + "-_x";

    String name = ResourceNames.of(List.of(List.of(key))).get(List.of(key));

    assertThat(name).hasSize(ResourceNames.MAX_LENGTH).matches(DNS_LABEL).startsWith("a".repeat(54) + "-");
  }

  @Test
  void theSameKeysGiveTheSameNamesWhateverTheirOrder() {
    List<List<String>> identities = List.of(List.of("Bot"), List.of("bot"), List.of("x"));

    assertThat(ResourceNames.of(identities)).isEqualTo(ResourceNames.of(List.of(List.of("x"), List.of("bot"), List.of("Bot"))));
  }
}
