package dev.ldai.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds another resource in the cluster that claims the same LaunchDarkly object. The oldest claimant
 * (by creation time, then namespace and name) wins; the others are in conflict.
 */
public final class Claims {

  private static final Comparator<HasMetadata> AGE =
      Comparator.<HasMetadata, String>comparing(r -> r.getMetadata().getCreationTimestamp(),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(r -> r.getMetadata().getNamespace(), Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(r -> r.getMetadata().getName());

  private Claims() {}

  /** The older resource claiming what {@code resource} claims, if any. */
  public static <R extends HasMetadata> Optional<R> olderClaimant(
      R resource, Stream<R> all, Function<R, String> claim) {
    String wanted = claim.apply(resource);
    return all.filter(other -> !Objects.equals(other.getMetadata().getUid(), resource.getMetadata().getUid()))
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .filter(other -> wanted.equals(claim.apply(other)))
        .filter(other -> AGE.compare(other, resource) < 0)
        .min(AGE);
  }
}
