package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.aiconfig.AIConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileTriggersTest {

  final ReconcileTriggers triggers = new ReconcileTriggers();

  @Test
  void aSpecChangeADeletionAndTheFinalizerReconcile() {
    AIConfig synced = config(2, Map.of());

    assertThat(triggers.accept(config(3, Map.of()), synced)).as("new generation").isTrue();
    AIConfig deleting = config(2, Map.of());
    deleting.getMetadata().setDeletionTimestamp("2026-11-29T10:00:00Z");
    assertThat(triggers.accept(deleting, synced)).as("deletion").isTrue();
    AIConfig withoutFinalizer = config(2, Map.of());
    withoutFinalizer.getMetadata().setFinalizers(List.of());
    assertThat(triggers.accept(synced, withoutFinalizer)).as("finalizer just added").isTrue();
  }

  @Test
  void pausingAndUnpausingReconcile() {
    AIConfig running = config(2, Map.of());
    AIConfig paused = config(2, Map.of(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED));

    assertThat(triggers.accept(paused, running)).isTrue();
    assertThat(triggers.accept(running, paused)).isTrue();
  }

  @Test
  void aNewReconcileRequestReconcilesAndTheSameOneDoesNot() {
    AIConfig none = config(2, Map.of());
    AIConfig first = config(2, Map.of(ReconcileRequest.ANNOTATION, "2026-12-02T14:00:00Z"));
    AIConfig second = config(2, Map.of(ReconcileRequest.ANNOTATION, "2026-12-02T15:00:00Z"));

    assertThat(triggers.accept(first, none)).isTrue();
    assertThat(triggers.accept(second, first)).isTrue();
    assertThat(triggers.accept(config(2, Map.of(ReconcileRequest.ANNOTATION, "2026-12-02T15:00:00Z")), second)).isFalse();
  }

  @Test
  void aStatusWriteOrAnotherMetadataChangeDoesNot() {
    AIConfig before = config(2, Map.of());
    AIConfig labelled = config(2, Map.of("argocd.argoproj.io/tracking-id", "app:ldai.dev/AIConfig:ns/x"));

    assertThat(triggers.accept(config(2, Map.of()), before)).isFalse();
    assertThat(triggers.accept(labelled, before)).isFalse();
  }

  private static AIConfig config(long generation, Map<String, String> annotations) {
    AIConfig config = new AIConfig();
    config.setMetadata(new ObjectMetaBuilder().withName("x").withNamespace("ns").withGeneration(generation)
        .withAnnotations(annotations).withFinalizers(Finalizers.NAME).build());
    return config;
  }
}
