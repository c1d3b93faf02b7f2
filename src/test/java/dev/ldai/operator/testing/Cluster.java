package dev.ldai.operator.testing;

import static org.awaitility.Awaitility.await;

import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.status.ConditionTypes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Test-side access to the mock Kubernetes API for one test class: apply, wait for conditions, clean up. Each
 * test class works in a namespace of its own, named after it, and cleans up only that namespace, so that
 * a slow deletion in one class cannot fail the next.
 */
public final class Cluster {

  public static final Duration TIMEOUT = Duration.ofSeconds(20);
  /** How long a clean-up waits for the operator's finalizers on a busy machine before it forces them off. */
  static final Duration CLEAN_UP_TIMEOUT = Duration.ofSeconds(90);
  static final List<Class<? extends CustomResource<?, ?>>> KINDS =
      List.of(AIAgentGraph.class, AIConfigTargeting.class, AIConfigVariation.class, AIConfig.class, AIModelConfig.class,
          AITool.class, PromptSnippet.class);

  private final KubernetesClient client;
  private final String namespace;

  /** The cluster as the test class {@code owner} sees it: its own namespace, created if absent. */
  public Cluster(KubernetesClient client, Class<?> owner) {
    this.client = client;
    this.namespace = namespaceOf(owner);
    if (client.namespaces().withName(namespace).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
  }

  /** The namespace of a test class: its simple name in lower case, a valid DNS label. */
  static String namespaceOf(Class<?> owner) {
    String name = owner.getSimpleName().toLowerCase(Locale.ROOT);
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  public KubernetesClient client() {
    return client;
  }

  public String namespace() {
    return namespace;
  }

  public <R extends HasMetadata> R create(R resource) {
    resource.getMetadata().setNamespace(namespace);
    return client.resource(resource).create();
  }

  public <R extends HasMetadata> R get(Class<R> type, String name) {
    return client.resources(type).inNamespace(namespace).withName(name).get();
  }

  /**
   * Changes the resource as {@code kubectl edit} would, trying again when the operator wrote its status
   * in between (409 Conflict).
   */
  public <R extends HasMetadata> R edit(Class<R> type, String name, java.util.function.UnaryOperator<R> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.resources(type).inNamespace(namespace).withName(name).edit(change);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 10) {
          throw e;
        }
      }
    }
  }

  /** Waits until the resource's status satisfies the predicate and returns it; a timeout shows the last status. */
  public <S extends CommonStatus, R extends CustomResource<?, S>> R awaitStatus(
      Class<R> type, String name, Predicate<S> predicate) {
    try {
      return await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> get(type, name), r -> r != null && r.getStatus() != null && predicate.test(r.getStatus()));
    } catch (ConditionTimeoutException e) {
      R last = get(type, name);
      throw new AssertionError("%s %s/%s: no such status within %s; last metadata %s, status %s".formatted(
          type.getSimpleName(), namespace, name, TIMEOUT, last == null ? null : Serialization.asJson(last.getMetadata()),
          last == null ? null : Serialization.asJson(last.getStatus())), e);
    }
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
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(Map.of(key, token))
                .build())
        .create();
  }

  public void delete(Class<? extends HasMetadata> type, String name) {
    client.resources(type).inNamespace(namespace).withName(name).delete();
  }

  public void awaitGone(Class<? extends HasMetadata> type, String name) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> get(type, name) == null);
  }

  /** Events recorded about the named resource. */
  public List<Event> events(String name) {
    return client.events().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> e.getRegarding() != null && name.equals(e.getRegarding().getName()))
        .toList();
  }

  /**
   * Deletes every managed resource of this class's namespace, waits until the operator's finalizers have
   * run, and deletes the namespace's Secrets. Should the operator not finish within
   * {@link #CLEAN_UP_TIMEOUT}, the finalizers are removed by force, so nothing is left to the next test, and
   * the clean-up fails naming what was stuck.
   */
  public void deleteAllAndAwait() {
    for (Class<? extends CustomResource<?, ?>> kind : KINDS) {
      client.resources(kind).inNamespace(namespace).delete();
    }
    awaitAllGone();
  }

  /**
   * Waits until the managed resources of this class's namespace, deleted already, are gone, then deletes the
   * namespace's Secrets; after {@link #CLEAN_UP_TIMEOUT} removes their finalizers by force and fails naming them.
   */
  public void awaitAllGone() {
    try {
      await().atMost(CLEAN_UP_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> resources().isEmpty());
    } catch (ConditionTimeoutException e) {
      List<String> stuck = resources().stream()
          .map(r -> r.getKind() + " " + r.getMetadata().getName() + " " + r.getMetadata().getFinalizers()).toList();
      forceRemoval();
      throw new AssertionError("The operator did not finish deleting within %s: %s".formatted(CLEAN_UP_TIMEOUT, stuck), e);
    } finally {
      client.secrets().inNamespace(namespace).delete();
    }
  }

  /**
   * Deletes every managed resource of this namespace without the operator: their finalizers are removed first,
   * as when a cluster is lost (or rebuilt from Git) while LaunchDarkly keeps what the operator made.
   */
  public void loseAll() {
    forceRemoval();
    for (Class<? extends CustomResource<?, ?>> kind : KINDS) {
      client.resources(kind).inNamespace(namespace).delete();
    }
    await().atMost(CLEAN_UP_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> resources().isEmpty());
  }

  /** Every resource of the operator's kinds in this namespace. */
  public List<? extends CustomResource<?, ?>> resources() {
    return KINDS.stream().flatMap(kind -> client.resources(kind).inNamespace(namespace).list().getItems().stream())
        .toList();
  }

  private void forceRemoval() {
    for (CustomResource<?, ?> resource : resources()) {
      client.resource(resource).edit(r -> {
        r.getMetadata().setFinalizers(List.of());
        return r;
      });
    }
  }
}
