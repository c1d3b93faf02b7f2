package dev.ldai.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds another resource in the cluster that claims the same LaunchDarkly object. A claimant that
 * already manages the object wins; among the others the oldest (by creation time, which Kubernetes
 * records to the second, then namespace and name) wins. The losers are in conflict.
 */
public final class Claims {

  private static final Comparator<HasMetadata> AGE =
      Comparator.<HasMetadata, String>comparing(r -> r.getMetadata().getCreationTimestamp(),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(r -> r.getMetadata().getNamespace(), Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(r -> r.getMetadata().getName());

  private Claims() {}

  /**
   * The resource that wins over {@code resource} for what it claims, if any.
   *
   * @param manages whether a resource already manages its LaunchDarkly object
   */
  public static <R extends HasMetadata> Optional<R> olderClaimant(
      R resource, Stream<R> all, Function<R, String> claim, Predicate<R> manages) {
    Comparator<R> precedence =
        Comparator.<R, Boolean>comparing(r -> !manages.test(r)).thenComparing(AGE::compare);
    String wanted = claim.apply(resource);
    return all.filter(other -> !Objects.equals(other.getMetadata().getUid(), resource.getMetadata().getUid()))
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .filter(other -> wanted.equals(claim.apply(other)))
        .filter(other -> precedence.compare(other, resource) < 0)
        .min(precedence);
  }
}
