package dev.ldai.operator.common;

import java.time.Duration;

/**
 * The capability of a kind whose objects no listing shows (an environment's targeting): each resource is
 * read again on its own schedule to find changes made in LaunchDarkly.
 */
public interface ReadPeriodically<R> {

  /** How long after a reconcile found the resource in sync it is read again. */
  Duration readAgainAfter(R resource);
}
