package dev.ldai.operator.testing;

import static org.awaitility.Awaitility.await;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.status.ConditionTypes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Test-side access to the mock Kubernetes API: apply, wait for conditions, clean up. */
public final class Cluster {

  public static final String NAMESPACE = KubernetesMockServerResource.NAMESPACE;
  public static final Duration TIMEOUT = Duration.ofSeconds(20);
  static final List<Class<? extends CustomResource<?, ?>>> KINDS =
      List.of(AIConfigVariation.class, AIConfig.class, AIModelConfig.class);

  private final KubernetesClient client;

  public Cluster(KubernetesClient client) {
    this.client = client;
  }

  public KubernetesClient client() {
    return client;
  }

  public <R extends HasMetadata> R create(R resource) {
    resource.getMetadata().setNamespace(NAMESPACE);
    return client.resource(resource).create();
  }

  public <R extends HasMetadata> R get(Class<R> type, String name) {
    return client.resources(type).inNamespace(NAMESPACE).withName(name).get();
  }

  public <R extends HasMetadata> R edit(Class<R> type, String name, java.util.function.UnaryOperator<R> change) {
    return client.resources(type).inNamespace(NAMESPACE).withName(name).edit(change);
  }

  /** Waits until the resource's status satisfies the predicate and returns it. */
  public <S extends CommonStatus, R extends CustomResource<?, S>> R awaitStatus(
      Class<R> type, String name, Predicate<S> predicate) {
    return await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> get(type, name), r -> r != null && r.getStatus() != null && predicate.test(r.getStatus()));
  }

  public <S extends CommonStatus, R extends CustomResource<?, S>> R awaitReady(Class<R> type, String name) {
    return awaitStatus(
        type,
        name,
        s -> s.isReadyAt(get(type, name).getMetadata().getGeneration()));
  }

  public <S extends CommonStatus, R extends CustomResource<?, S>> R awaitCondition(
      Class<R> type, String name, String conditionType, String reason) {
    return awaitStatus(
        type,
        name,
        s -> s.condition(conditionType)
            .filter(c -> "True".equals(c.getStatus()) && reason.equals(c.getReason()))
            .isPresent());
  }

  public static Optional<Condition> condition(CommonStatus status, String type) {
    return status.condition(type);
  }

  public static Condition ready(CommonStatus status) {
    return status.condition(ConditionTypes.READY).orElseThrow();
  }

  public void createTokenSecret(String name, String key, String token) {
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withStringData(Map.of(key, token))
                .build())
        .create();
  }

  public void delete(Class<? extends HasMetadata> type, String name) {
    client.resources(type).inNamespace(NAMESPACE).withName(name).delete();
  }

  public void awaitGone(Class<? extends HasMetadata> type, String name) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> get(type, name) == null);
  }

  /** Events recorded about the named resource. */
  public List<Event> events(String name) {
    return client.events().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> e.getRegarding() != null && name.equals(e.getRegarding().getName()))
        .toList();
  }

  /** Deletes every managed resource and waits until their finalizers have run. */
  public void deleteAllAndAwait() {
    for (Class<? extends CustomResource<?, ?>> kind : KINDS) {
      client.resources(kind).inAnyNamespace().delete();
    }
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> KINDS.stream().allMatch(k -> client.resources(k).inAnyNamespace().list().getItems().isEmpty()));
    client.secrets().inNamespace(NAMESPACE).delete();
  }
}
