package dev.ldai.operator.common;

/** What deleting the Kubernetes resource does to the LaunchDarkly object. */
public enum DeletionPolicy {
  /** Delete the object in LaunchDarkly too. */
  Delete,
  /** Leave the object in LaunchDarkly. */
  Retain
}
