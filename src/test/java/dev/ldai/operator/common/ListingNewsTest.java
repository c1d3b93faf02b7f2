package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.AIConfigReconciler;
import dev.ldai.operator.aiconfig.AIConfigSpec;
import dev.ldai.operator.aiconfig.AIConfigStatus;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which resources a project listing reconciles (the kinds' own version comparisons have their tests). */
class ListingNewsTest {

  static final ProjectSnapshot LISTING = ProjectSnapshot.of("proj", Instant.parse("2026-11-23T10:00:00Z"),
      List.of(Serialization.unmarshal("{\"key\": \"bot\", \"version\": 3, \"variations\": []}", LdAIConfig.class)),
      List.of());

  final LaunchDarklyReconciler<AIConfig, AIConfigStatus, ?, ?, ?> reconciler = new AIConfigReconciler(null);

  @Test
  void aSyncedResourceWhoseObjectChangedOrVanishedIsConcerned() {
    assertThat(reconciler.concernedBy(config("bot", 2), LISTING)).isTrue();
    assertThat(reconciler.concernedBy(config("deleted-in-the-ui", 1), LISTING)).isTrue();
    assertThat(reconciler.concernedBy(config("bot", 3), LISTING)).isFalse();
  }

  @Test
  void aListingThatBeganBeforeTheLastReconcileIsNotNews() {
    // The listing may predate the resource's own write (say, the PATCH that made version 4): waking the
    // resource for it would only cost a read, since such a listing cannot stand in for one.
    AIConfig patchedSince = config("bot", 4);
    reconciler.freshness().attempted(patchedSince.getMetadata().getUid(), LISTING.takenAt().plusSeconds(1));
    AIConfig reconciledBefore = config("bot", 2);
    reconciledBefore.getMetadata().setUid("uid-bot-in-another-namespace");
    reconciler.freshness().attempted(reconciledBefore.getMetadata().getUid(), LISTING.takenAt().minusSeconds(1));

    assertThat(reconciler.concernedBy(patchedSince, LISTING)).isFalse();
    assertThat(reconciler.concernedBy(reconciledBefore, LISTING)).isTrue();
  }

  @Test
  void aResourceBeingDeletedIsLeftToItsCleanupOnceThatStarted() {
    AIConfig deleting = config("deleted-in-the-ui", 1);
    deleting.getMetadata().setDeletionTimestamp("2026-11-23T10:00:01Z");
    reconciler.freshness().cleanupStarted(deleting.getMetadata().getUid());

    assertThat(reconciler.concernedBy(deleting, LISTING)).isFalse();
  }

  @Test
  void aResourceBeingDeletedWhoseCleanupNeverStartedIsWokenWhateverTheListingShows() {
    // The operator SDK drops the deletion's event when a status write of the resource crossed it.
    AIConfig deleting = config("bot", 3);
    deleting.getMetadata().setDeletionTimestamp("2026-11-23T10:00:01Z");
    reconciler.freshness().attempted(deleting.getMetadata().getUid(), LISTING.takenAt().plusSeconds(1));

    assertThat(reconciler.concernedBy(deleting, LISTING)).isTrue();
  }

  @Test
  void aSpecChangeNoStatusReportsYetIsWokenWhateverTheListingShows() {
    AIConfig changed = config("bot", 3);
    changed.getMetadata().setGeneration(2L);
    changed.getStatus().setObservedGeneration(1L);
    reconciler.freshness().attempted(changed.getMetadata().getUid(), LISTING.takenAt().plusSeconds(1));
    AIConfig caughtUp = config("bot", 3);
    caughtUp.getMetadata().setUid("uid-caught-up");
    caughtUp.getMetadata().setGeneration(2L);
    caughtUp.getStatus().setObservedGeneration(2L);

    assertThat(reconciler.concernedBy(changed, LISTING)).isTrue();
    assertThat(reconciler.concernedBy(caughtUp, LISTING)).isFalse();
  }

  @Test
  void aResourceNeverSyncedIsNotConcerned() {
    AIConfig fresh = config("bot", 2);
    fresh.setStatus(null);

    assertThat(reconciler.concernedBy(fresh, LISTING)).isFalse();
  }

  private static AIConfig config(String key, int version) {
    AIConfigSpec spec = new AIConfigSpec();
    spec.setProjectKey("proj");
    AIConfigStatus status = new AIConfigStatus();
    status.setKey(key);
    status.setVersion(version);
    AIConfig config = new AIConfig();
    config.setMetadata(new ObjectMetaBuilder().withName(key).withNamespace("team").withUid("uid-" + key).build());
    config.setSpec(spec);
    config.setStatus(status);
    return config;
  }
}
