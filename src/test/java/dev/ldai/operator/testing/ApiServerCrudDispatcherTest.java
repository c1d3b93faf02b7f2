package dev.ldai.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test API server answers as kube-apiserver does where the operator depends on it. */
class ApiServerCrudDispatcherTest {

  static final String NAMESPACE = "dispatcher";

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new ApiServerCrudDispatcher(), false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void removingTheLastFinalizerOfADeletedObjectAnswersTheObjectThenRemovesIt() {
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("held").withNamespace(NAMESPACE)
        .withFinalizers("ldai.dev/finalizer").endMetadata().addToData("k", "v").build()).create();
    client.configMaps().inNamespace(NAMESPACE).withName("held").delete();
    ConfigMap deleting = client.configMaps().inNamespace(NAMESPACE).withName("held").get();
    assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();

    ConfigMap answered = client.resource(deleting).edit(c -> {
      c.getMetadata().setFinalizers(List.of());
      return c;
    });

    assertThat(answered).isNotNull();
    assertThat(answered.getMetadata().getName()).isEqualTo("held");
    assertThat(answered.getMetadata().getFinalizers()).isEmpty();
    assertThat(answered.getData()).containsEntry("k", "v");
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("held").get()).isNull();
  }

  @Test
  void aPatchThatKeepsTheObjectIsAnsweredAsBefore() {
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("kept").withNamespace(NAMESPACE).endMetadata()
        .addToData("k", "v").build()).create();

    ConfigMap answered = client.configMaps().inNamespace(NAMESPACE).withName("kept").edit(c -> {
      c.getData().put("k", "w");
      return c;
    });

    assertThat(answered.getData()).containsEntry("k", "w");
  }

  @Test
  void aJsonPatchThatDoesNotApplyIsRefusedWith422() {
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("patched").withNamespace(NAMESPACE)
        .withFinalizers("ldai.dev/finalizer").endMetadata().addToData("k", "v").build()).create();

    // As a patch computed against a cached copy that had one more finalizer or condition than is stored.
    assertThatThrownBy(() -> client.configMaps().inNamespace(NAMESPACE).withName("patched")
        .patch(PatchContext.of(PatchType.JSON), "[{\"op\": \"remove\", \"path\": \"/metadata/finalizers/1\"}]"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("patched").get().getData()).containsEntry("k", "v");
  }

  @Test
  void anEventTimeWithoutExactlySixFractionalDigitsIsRefused() {
    for (String time : List.of("2026-11-29T04:00:00Z", "2026-11-29T04:00:00.123Z", "2026-11-29T04:00:00.123456789Z")) {
      assertThatThrownBy(() -> client.resource(event("refused", time)).create())
          .as(time)
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    }

    client.resource(event("accepted", "2026-11-29T04:00:00.123456Z")).create();
    client.resource(event("accepted-offset", "2026-11-29T05:00:00.000000+01:00")).create();

    assertThat(client.events().v1().events().inNamespace(NAMESPACE).list().getItems())
        .extracting(e -> e.getMetadata().getName())
        .containsExactlyInAnyOrder("accepted", "accepted-offset");
  }

  private static Event event(String name, String eventTime) {
    return new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
        .withReason("Created").withAction("Create").withType("Normal")
        .withReportingController("ldai-operator").withReportingInstance("ldai-operator")
        .withEventTime(new MicroTime(eventTime))
        .build();
  }
}
