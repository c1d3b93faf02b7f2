package dev.ldai.operator.status;

/** The fixed vocabulary of condition reasons. */
public enum Reason {
  Synced,
  Creating,
  Updating,
  DependencyNotReady,
  InvalidSpec,
  Unauthorized,
  RateLimited,
  LaunchDarklyUnavailable,
  AlreadyExists,
  Conflict,
  ModelConfigInUse,
  /** A tool or prompt snippet is not deleted while variations pin it. */
  InUse,
  NotFound,
  Paused,
  /** An error the operator did not anticipate (a defect, or the cluster refusing a write); retried with backoff. */
  OperatorError
}
