package dev.ldai.operator.status;

/** Condition types, chosen so that kstatus, {@code kubectl wait} and Argo CD understand them. */
public final class ConditionTypes {

  /** Always present: True when LaunchDarkly matches the spec of {@code observedGeneration}. */
  public static final String READY = "Ready";

  /** True while work is in flight; absent when Ready. */
  public static final String RECONCILING = "Reconciling";

  /** True only for terminal errors that need a human; absent otherwise. */
  public static final String STALLED = "Stalled";

  private ConditionTypes() {}
}
