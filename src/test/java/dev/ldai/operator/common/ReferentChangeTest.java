package dev.ldai.operator.common;

import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.AIConfigStatus;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.modelconfig.AIModelConfigStatus;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.tool.AIToolSpec;
import dev.ldai.operator.versioned.VersionedStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ReferentChangeTest {

  static AIConfig ready() {
    AIConfig config = aiConfig("parent", spec -> {});
    config.getMetadata().setGeneration(1L);
    AIConfigStatus status = new AIConfigStatus();
    status.setKey("parent");
    status.setVersion(3);
    Conditions.apply(status, Outcome.ready("in sync"), 1L, Clock.systemUTC());
    config.setStatus(status);
    return config;
  }

  static AIConfig copy(AIConfig config) {
    return Serialization.clone(config);
  }

  @Test
  void becomingReadyOrUnreadyConcernsTheVariations() {
    AIConfig unready = copy(ready());
    Conditions.apply(unready.getStatus(), Outcome.reconciling(Reason.Creating, "creating"), 1L, Clock.systemUTC());

    assertThat(ReferentChange.concernsDependents(ready(), unready)).isTrue();
    assertThat(ReferentChange.concernsDependents(unready, ready())).isTrue();
  }

  @Test
  void aSpecChangeAndTheObservedGenerationCatchingUpBothConcernTheVariations() {
    AIConfig changed = copy(ready());
    changed.getMetadata().setGeneration(2L);
    AIConfig caughtUp = copy(changed);
    Conditions.apply(caughtUp.getStatus(), Outcome.ready("in sync"), 2L, Clock.systemUTC());
    caughtUp.getStatus().setObservedGeneration(2L);

    assertThat(Cluster.ready(changed.getStatus()).getStatus()).isEqualTo(Cluster.ready(caughtUp.getStatus()).getStatus());
    assertThat(ReferentChange.concernsDependents(changed, ready())).isTrue();
    assertThat(ReferentChange.concernsDependents(caughtUp, changed)).isTrue();
  }

  @Test
  void aModelConfigCatchingUpWithItsGenerationConcernsTheVariations() {
    AIModelConfig model = modelConfig("model", spec -> {});
    model.getMetadata().setGeneration(2L);
    AIModelConfigStatus status = new AIModelConfigStatus();
    status.setKey("model");
    Conditions.apply(status, Outcome.ready("in sync"), 1L, Clock.systemUTC());
    status.setObservedGeneration(1L);
    model.setStatus(status);
    AIModelConfig caughtUp = Serialization.clone(model);
    Conditions.apply(caughtUp.getStatus(), Outcome.ready("in sync"), 2L, Clock.systemUTC());
    caughtUp.getStatus().setObservedGeneration(2L);

    assertThat(ReferentChange.concernsDependents(caughtUp, model)).isTrue();
    assertThat(ReferentChange.concernsDependents(Serialization.clone(caughtUp), caughtUp)).isFalse();
  }

  @Test
  void anotherKeyProjectOrCredentialsConcernTheVariations() {
    AIConfig moved = copy(ready());
    moved.getSpec().setProjectKey("other");
    AIConfig rekeyed = copy(ready());
    rekeyed.getStatus().setKey("parent-2");
    AIConfig recredentialed = copy(ready());
    recredentialed.getSpec().setCredentialsSecretRef(new dev.ldai.operator.common.SecretKeyReference("team", null));

    assertThat(ReferentChange.concernsDependents(moved, ready())).isTrue();
    assertThat(ReferentChange.concernsDependents(rekeyed, ready())).isTrue();
    assertThat(ReferentChange.concernsDependents(recredentialed, ready())).isTrue();
  }

  @Test
  void theParentsOwnVersionsAndVariationListDoNot() {
    AIConfig bumped = copy(ready());
    bumped.getStatus().setVersion(7);
    bumped.getStatus().setLastSyncTime("2026-11-23T03:00:00Z");

    assertThat(ReferentChange.concernsDependents(bumped, ready())).isFalse();
  }

  @Test
  void aToolsVersionMovingWithoutANewGenerationConcernsTheVariationsFollowingIt() {
    AITool tool = new AITool();
    tool.setMetadata(new ObjectMetaBuilder().withName("search").withNamespace("team").withGeneration(1L).build());
    tool.setSpec(new AIToolSpec());
    VersionedStatus status = new VersionedStatus();
    status.setKey("search");
    status.setVersion(2);
    Conditions.apply(status, Outcome.ready("in sync"), 1L, Clock.systemUTC());
    tool.setStatus(status);
    AITool reverted = Serialization.clone(tool);
    reverted.getStatus().setVersion(3);
    AITool resynced = Serialization.clone(tool);
    resynced.getStatus().setLastSyncTime("2026-11-23T03:00:00Z");

    assertThat(ReferentChange.concernsDependents(reverted, tool)).isTrue();
    assertThat(ReferentChange.concernsDependents(resynced, tool)).isFalse();
  }

  /** Its followers keep the version it serves meanwhile, so waking them would be a reconcile for nothing. */
  @Test
  void aToolsSpecChangeConcernsTheVariationsOnlyOnceItMakesANewVersion() {
    AITool tool = new AITool();
    tool.setMetadata(new ObjectMetaBuilder().withName("search").withNamespace("team").withGeneration(1L).build());
    tool.setSpec(new AIToolSpec());
    VersionedStatus status = new VersionedStatus();
    status.setKey("search");
    status.setVersion(2);
    Conditions.apply(status, Outcome.ready("in sync"), 1L, Clock.systemUTC());
    tool.setStatus(status);
    AITool edited = Serialization.clone(tool);
    edited.getMetadata().setGeneration(2L);
    AITool patched = Serialization.clone(edited);
    patched.getStatus().setVersion(3);
    Conditions.apply(patched.getStatus(), Outcome.ready("in sync"), 2L, Clock.systemUTC());
    AITool refused = Serialization.clone(edited);
    Conditions.apply(refused.getStatus(), Outcome.stalled(Reason.InvalidSpec, "refused"), 2L, Clock.systemUTC());

    assertThat(ReferentChange.concernsDependents(edited, tool)).isFalse();
    assertThat(ReferentChange.concernsDependents(patched, edited)).isTrue();
    assertThat(ReferentChange.concernsDependents(refused, edited)).isTrue();
  }
}
