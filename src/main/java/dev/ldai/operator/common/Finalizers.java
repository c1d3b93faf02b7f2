package dev.ldai.operator.common;

/** The finalizer every managed resource carries until LaunchDarkly has been cleaned up. */
public final class Finalizers {

  public static final String NAME = "ldai.dev/finalizer";

  private Finalizers() {}
}
