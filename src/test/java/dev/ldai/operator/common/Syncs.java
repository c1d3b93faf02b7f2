package dev.ldai.operator.common;

import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.status.CommonStatus;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Optional;

/** A kind's view of one reconcile, for tests of a kind's parts outside the reconciler. */
public final class Syncs {

  private Syncs() {}

  /** The first reconcile of the resource since the start, without a listing or a token, recording no intent. */
  public static <R extends CustomResource<? extends ManagedSpec, S>, S extends CommonStatus, T extends Target> Sync<R, S, T> of(
      R resource, S status, T target, LaunchDarklyClient client) {
    return new Sync<>(resource, status, target, null, client, null, Optional.empty(), (reason, message) -> {});
  }
}
