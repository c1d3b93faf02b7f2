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
import java.util.Objects;
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
  private final Function<R, List<String>> names;
  private final Function<D, String> nameOf;

  private Dependency(Class<D> type, Function<R, List<String>> names, Function<D, String> nameOf) {
    this.type = type;
    this.kind = type.getSimpleName();
    this.names = names;
    this.nameOf = nameOf;
  }

  /** @param reference the dependent's reference to the referent; null when it names none */
  public static <R extends HasMetadata, D extends CustomResource<? extends ManagedSpec, ? extends CommonStatus>>
      Dependency<R, D> on(Class<D> type, Function<R, LocalReference> reference) {
    return onEach(type, resource -> nullToEmpty(reference.apply(resource)));
  }

  /**
   * A dependency on several referents by name (say, the AITools of a variation's tools). Read it with
   * {@link #referent(HasMetadata, String, Context)} and {@link #ready(HasMetadata, String, Context)}.
   *
   * @param references the dependent's references; empty (or null) when it names none
   */
  public static <R extends HasMetadata, D extends CustomResource<? extends ManagedSpec, ? extends CommonStatus>>
      Dependency<R, D> onEach(Class<D> type, Function<R, List<LocalReference>> references) {
    return new Dependency<>(type, resource -> namesOf(references.apply(resource)), referent -> referent.getMetadata().getName());
  }

  /**
   * A dependency on every referent of a group rather than on one by name: the dependent names the group
   * (say, an AIConfig), each referent tells its group (say, the AIConfig a variation belongs to). Read it
   * with {@link #group}; {@link #referent} and {@link #ready} are for a dependency on referents by name.
   */
  public static <R extends HasMetadata, D extends CustomResource<? extends ManagedSpec, ? extends CommonStatus>>
      Dependency<R, D> onEachOf(Class<D> type, Function<R, LocalReference> group, Function<D, String> groupOf) {
    return onEachOfGroups(type, resource -> namesOf(nullToEmpty(group.apply(resource))), groupOf);
  }

  /**
   * A dependency on the referents of several groups, each named by the dependent as a string rather than a
   * reference (say, the keys of the prompt snippets a variation follows; a PromptSnippet tells its key).
   * Read it with {@link #group(HasMetadata, String, Context)}.
   *
   * @param groups the groups the dependent names; empty (or null) for none
   */
  public static <R extends HasMetadata, D extends CustomResource<? extends ManagedSpec, ? extends CommonStatus>>
      Dependency<R, D> onEachOfGroups(Class<D> type, Function<R, List<String>> groups, Function<D, String> groupOf) {
    return new Dependency<>(type, resource -> {
      List<String> named = groups.apply(resource);
      return named == null ? List.of() : named.stream().filter(Objects::nonNull).distinct().toList();
    }, groupOf);
  }

  private static List<LocalReference> nullToEmpty(LocalReference reference) {
    return reference == null ? List.of() : List.of(reference);
  }

  private static List<String> namesOf(List<LocalReference> references) {
    return references == null
        ? List.of()
        : references.stream().filter(ref -> ref != null && ref.getName() != null).map(LocalReference::getName).distinct().toList();
  }

  /** The index key of a referenced resource: {@code namespace/name}. */
  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** What the dependent references, as index keys. */
  List<String> indexKeys(R resource) {
    return names.apply(resource).stream().map(name -> key(resource.getMetadata().getNamespace(), name)).toList();
  }

  InformerEventSource<D, R> eventSource(EventSourceContext<R> context) {
    String index = "by" + kind;
    context.getPrimaryCache().addIndexer(index, this::indexKeys);
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, context.getPrimaryResourceClass())
            .withSecondaryToPrimaryMapper(new ReferencingResources<D, R>(
                nameOf, key -> context.getPrimaryCache().byIndex(index, key)))
            .withOnUpdateFilter(ReferentChange::concernsDependents)
            .build(),
        context);
  }

  /**
   * The one referent the resource names, from the informer cache; empty when it names none or it does not
   * exist.
   */
  public Optional<D> referent(R resource, Context<R> context) {
    return onlyName(resource).flatMap(name -> referent(resource, name, context));
  }

  /** The referent of that name in the resource's namespace, from the informer cache; empty when it does not exist. */
  public Optional<D> referent(R resource, String name, Context<R> context) {
    return source(context).get(new ResourceID(name, resource.getMetadata().getNamespace()));
  }

  /** Every referent of the one group the resource names (see {@link #onEachOf}), from the informer cache. */
  public List<D> group(R resource, Context<R> context) {
    return onlyName(resource).map(name -> group(resource, name, context)).orElse(List.of());
  }

  /** Every referent of the group {@code name} in the resource's namespace, from the informer cache. */
  public List<D> group(R resource, String name, Context<R> context) {
    return source(context).list(resource.getMetadata().getNamespace(), referent -> name.equals(nameOf.apply(referent)))
        .toList();
  }

  /**
   * The one referent the resource names, Ready at its generation with its LaunchDarkly key; throws
   * {@link DependencyNotReadyException} otherwise, and the referent's own events wake the resource.
   */
  public D ready(R resource, Context<R> context) {
    return ready(resource, onlyName(resource).orElseThrow(), context);
  }

  /** The referent of that name, as {@link #ready(HasMetadata, Context)} requires it. */
  public D ready(R resource, String name, Context<R> context) {
    D referent = present(resource, name, context);
    if (!isReady(referent)) {
      throw new DependencyNotReadyException("Waiting for %s %s/%s to be Ready"
          .formatted(kind, resource.getMetadata().getNamespace(), name));
    }
    return referent;
  }

  /**
   * The referent of that name once its LaunchDarkly object exists: it synced at least once, with its key,
   * whether or not it is Ready at its generation now. For a dependent that needs only the object's key (an
   * agent graph naming a config), so that a change being made to the referent does not make it wait.
   * Throws {@link DependencyNotReadyException} before; the referent's first Ready wakes the resource.
   */
  public D existing(R resource, String name, Context<R> context) {
    D referent = present(resource, name, context);
    CommonStatus status = referent.getStatus();
    if (status == null || status.getKey() == null || status.getLastSyncTime() == null) {
      throw new DependencyNotReadyException("Waiting for %s %s/%s to be created in LaunchDarkly"
          .formatted(kind, resource.getMetadata().getNamespace(), name));
    }
    return referent;
  }

  /** The referent of that name; throws {@link DependencyNotReadyException} while it does not exist. */
  private D present(R resource, String name, Context<R> context) {
    return referent(resource, name, context).orElseThrow(() -> new DependencyNotReadyException(
        "Waiting for %s %s/%s, which does not exist".formatted(kind, resource.getMetadata().getNamespace(), name)));
  }

  /** Whether a referent can be used: Ready at its generation, with its LaunchDarkly key. */
  public static boolean isReady(CustomResource<?, ? extends CommonStatus> referent) {
    CommonStatus status = referent.getStatus();
    return status != null && status.getKey() != null && status.isReadyAt(referent.getMetadata().getGeneration());
  }

  private Optional<String> onlyName(R resource) {
    List<String> named = names.apply(resource);
    if (named.size() > 1) {
      throw new IllegalStateException("%s names %d referents of kind %s; name one".formatted(
          resource.getMetadata().getName(), named.size(), kind));
    }
    return named.stream().findFirst();
  }

  @SuppressWarnings("unchecked")
  private InformerEventSource<D, R> source(Context<R> context) {
    return (InformerEventSource<D, R>) context.eventSourceRetriever().getEventSourceFor(type);
  }
}
