package dev.ldai.operator.targeting;

/** What the targeting reconciler keeps of the targetings it read, for tests outside its package. */
public final class KnownTargetings {

  private KnownTargetings() {}

  public static int of(AIConfigTargetingReconciler reconciler) {
    return reconciler.reads.size();
  }
}
