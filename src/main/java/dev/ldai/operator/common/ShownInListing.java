package dev.ldai.operator.common;

import dev.ldai.operator.drift.ProjectSnapshot;

/**
 * The capability of a kind whose objects the project listing shows: a listing tells when one changed, and
 * a resource is read again only then.
 */
public interface ShownInListing<R> {

  /** Whether LaunchDarkly now lists another version of the resource's object than it last saw, or none. */
  boolean outOfDate(R resource, ProjectSnapshot snapshot);
}
