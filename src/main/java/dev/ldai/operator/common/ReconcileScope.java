package dev.ldai.operator.common;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.stream.Stream;

/** What a reconcile uses of the cluster besides its own resource: the kind's other resources, and status writes. */
interface ReconcileScope<R extends CustomResource<?, S>, S> {

  /** The kind's resources as the operator's cache holds them. */
  Stream<R> resources();

  StatusWriter<R, S> statusWriter(R resource);

  static <R extends CustomResource<?, S>, S> ReconcileScope<R, S> of(Context<R> context) {
    return new ReconcileScope<>() {
      @Override
      public Stream<R> resources() {
        return context.getPrimaryCache().list();
      }

      @Override
      public StatusWriter<R, S> statusWriter(R resource) {
        return new MergePatchStatusWriter<>(resource, context);
      }
    };
  }
}
