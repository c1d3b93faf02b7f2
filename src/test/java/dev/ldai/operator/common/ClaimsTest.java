package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClaimsTest {

  static final Function<ConfigMap, String> CLAIM = c -> c.getData().get("claim");
  static final Predicate<ConfigMap> NONE = c -> false;
  static final Predicate<ConfigMap> MANAGING = c -> "true".equals(c.getData().get("manages"));

  @Test
  void theOlderClaimantOfTheSameObjectIsFound() {
    ConfigMap older = resource("a", "ns1", "2026-11-22T10:00:00Z", "default/bot");
    ConfigMap newer = resource("b", "ns2", "2026-11-22T11:00:00Z", "default/bot");
    ConfigMap unrelated = resource("c", "ns1", "2026-11-22T09:00:00Z", "default/other");

    assertThat(Claims.olderClaimant(newer, Stream.of(older, newer, unrelated), CLAIM, NONE)).contains(older);
    assertThat(Claims.olderClaimant(older, Stream.of(older, newer, unrelated), CLAIM, NONE)).isEmpty();
  }

  @Test
  void equalCreationTimesAreOrderedByNamespaceAndName() {
    ConfigMap first = resource("a", "ns1", "2026-11-22T10:00:00Z", "default/bot");
    ConfigMap second = resource("b", "ns1", "2026-11-22T10:00:00Z", "default/bot");

    assertThat(Claims.olderClaimant(second, Stream.of(first, second), CLAIM, NONE)).contains(first);
    assertThat(Claims.olderClaimant(first, Stream.of(first, second), CLAIM, NONE)).isEmpty();
  }

  @Test
  void aClaimantBeingDeletedNoLongerCounts() {
    ConfigMap older = resource("a", "ns1", "2026-11-22T10:00:00Z", "default/bot");
    older.getMetadata().setDeletionTimestamp("2026-11-22T12:00:00Z");
    ConfigMap newer = resource("b", "ns2", "2026-11-22T11:00:00Z", "default/bot");

    assertThat(Claims.olderClaimant(newer, Stream.of(older, newer), CLAIM, NONE)).isEmpty();
  }

  @Test
  void aClaimantAlreadyManagingTheObjectWinsWhateverItsAge() {
    ConfigMap older = resource("a", "ns1", "2026-11-22T10:00:00Z", "default/bot");
    ConfigMap managing = resource("b", "ns1", "2026-11-22T11:00:00Z", "default/bot");
    managing.getData().put("manages", "true");

    assertThat(Claims.olderClaimant(older, Stream.of(older, managing), CLAIM, MANAGING)).contains(managing);
    assertThat(Claims.olderClaimant(managing, Stream.of(older, managing), CLAIM, MANAGING)).isEmpty();
  }

  private static ConfigMap resource(String name, String namespace, String created, String claim) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withUid(namespace + "-" + name)
        .withCreationTimestamp(created)
        .endMetadata()
        .addToData("claim", claim)
        .build();
  }
}
