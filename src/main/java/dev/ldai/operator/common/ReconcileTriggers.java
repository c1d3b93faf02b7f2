package dev.ldai.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

/**
 * Which updates of a resource reconcile it: a new generation (a spec change), a deletion, the finalizer
 * missing or just added, the pause annotation set or removed, or a reconcile asked for by hand
 * ({@link ReconcileRequest}). Not a status write or another metadata change, which carry nothing to do in
 * LaunchDarkly.
 */
public class ReconcileTriggers implements OnUpdateFilter<HasMetadata> {

  @Override
  public boolean accept(HasMetadata newer, HasMetadata older) {
    return newerGeneration(newer, older)
        || (newer.isMarkedForDeletion() && !older.isMarkedForDeletion())
        || !newer.hasFinalizer(Finalizers.NAME)
        || !older.hasFinalizer(Finalizers.NAME)
        || ManagementPolicy.isPaused(newer) != ManagementPolicy.isPaused(older)
        || ReconcileRequest.changed(newer, older);
  }

  private static boolean newerGeneration(HasMetadata newer, HasMetadata older) {
    Long before = older.getMetadata().getGeneration();
    Long after = newer.getMetadata().getGeneration();
    return before == null || after == null || after > before;
  }
}
