package dev.ldai.operator.common;

import dev.ldai.operator.status.CommonStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A kind of resource that resources of another kind reference by name in their namespace and wait for.
 * Level-triggered: a waiting resource is woken whenever the referent's readiness <em>at its generation</em>
 * changes ({@link ReferentChange}), found through an index of the dependents' cache, never by a scan.
 *
 * @param <R> the dependent resource
 * @param <D> the referent
 */
public final class Dependency<R extends HasMetadata, D extends CustomResource<? extends ManagedSpec, ? extends CommonStatus>> {

  private final Class<D> type;
  private final String kind;
  private final Function<R, LocalReference> reference;
  private final Function<D, String> referentGroup;

  private Dependency(Class<D> type, Function<R, LocalReference> reference, Function<D, String> referentGroup) {
    this.type = type;
    this.kind = type.getSimpleName();
    this.reference = reference;
    this.referentGroup = referentGroup;
  }

  /** @param reference the dependent's reference to the referent; null when it names none */
  public static <R extends HasMetadata, D extends CustomResource<? extends ManagedSpec, ? extends CommonStatus>>
      Dependency<R, D> on(Class<D> type, Function<R, LocalReference> reference) {
    return new Dependency<>(type, reference, referent -> referent.getMetadata().getName());
  }

  /**
   * A dependency on every referent of a group rather than on one by name: the dependent names the group
   * (say, an AIConfig), each referent tells its group (say, the AIConfig a variation belongs to). Read it
   * with {@link #group}; {@link #referent} and {@link #ready} are for a dependency on one referent.
   */
  public static <R extends HasMetadata, D extends CustomResource<? extends ManagedSpec, ? extends CommonStatus>>
      Dependency<R, D> onEachOf(Class<D> type, Function<R, LocalReference> group, Function<D, String> groupOf) {
    return new Dependency<>(type, group, groupOf);
  }

  /** The index key of a referenced resource: {@code namespace/name}. */
  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** What the dependent references, as index keys. */
  List<String> indexKeys(R resource) {
    LocalReference ref = reference.apply(resource);
    return ref == null || ref.getName() == null
        ? List.of()
        : List.of(key(resource.getMetadata().getNamespace(), ref.getName()));
  }

  InformerEventSource<D, R> eventSource(EventSourceContext<R> context) {
    String index = "by" + kind;
    context.getPrimaryCache().addIndexer(index, this::indexKeys);
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, context.getPrimaryResourceClass())
            .withSecondaryToPrimaryMapper(new ReferencingResources<D, R>(
                referentGroup, key -> context.getPrimaryCache().byIndex(index, key)))
            .withOnUpdateFilter(ReferentChange::concernsDependents)
            .build(),
        context);
  }

  /** The referent the resource names, from the informer cache; empty when it names none or it does not exist. */
  @SuppressWarnings("unchecked")
  public Optional<D> referent(R resource, Context<R> context) {
    LocalReference ref = reference.apply(resource);
    if (ref == null) {
      return Optional.empty();
    }
    InformerEventSource<D, R> source = (InformerEventSource<D, R>) context.eventSourceRetriever().getEventSourceFor(type);
    return source.get(new ResourceID(ref.getName(), resource.getMetadata().getNamespace()));
  }

  /** Every referent of the group the resource names (see {@link #onEachOf}), from the informer cache. */
  @SuppressWarnings("unchecked")
  public List<D> group(R resource, Context<R> context) {
    LocalReference ref = reference.apply(resource);
    if (ref == null) {
      return List.of();
    }
    InformerEventSource<D, R> source = (InformerEventSource<D, R>) context.eventSourceRetriever().getEventSourceFor(type);
    return source.list(resource.getMetadata().getNamespace(), referent -> ref.getName().equals(referentGroup.apply(referent)))
        .toList();
  }

  /**
   * The referent the resource names, Ready at its generation with its LaunchDarkly key; throws
   * {@link DependencyNotReadyException} otherwise, and the referent's own events wake the resource.
   */
  public D ready(R resource, Context<R> context) {
    String name = reference.apply(resource).getName();
    String namespace = resource.getMetadata().getNamespace();
    D referent = referent(resource, context).orElseThrow(() -> new DependencyNotReadyException(
        "Waiting for %s %s/%s, which does not exist".formatted(kind, namespace, name)));
    CommonStatus status = referent.getStatus();
    if (status == null || status.getKey() == null || !status.isReadyAt(referent.getMetadata().getGeneration())) {
      throw new DependencyNotReadyException("Waiting for %s %s/%s to be Ready".formatted(kind, namespace, name));
    }
    return referent;
  }
}
