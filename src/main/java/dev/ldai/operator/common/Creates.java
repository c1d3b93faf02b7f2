package dev.ldai.operator.common;

import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.status.CommonStatus;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * The capability of a kind that makes its LaunchDarkly object (an AI Config, a variation, a model config).
 * A kind without it (an environment's targeting, which exists with its config) is taken over, never created.
 */
public interface Creates<R extends CustomResource<? extends ManagedSpec, S>, S extends CommonStatus, T extends Target, O> {

  /** Creates the object; LaunchDarkly's ALREADY_EXISTS propagates. */
  O create(Sync<R, S, T> sync);

  /** What the listing shows under the target's key, and whether it carries this resource's owner tag. */
  Listed listed(Sync<R, S, T> sync, ProjectSnapshot listing);

  /**
   * Whether the object LaunchDarkly holds under the key carries this resource's owner tag: this resource
   * made it (a create whose answer was lost), rather than someone else since.
   */
  boolean carriesOwnerTag(Sync<R, S, T> sync, O observed);

  /**
   * Records in the status what a create sends that LaunchDarkly does not show back: before the create
   * intent is written, and when taking back an object this resource made (which carries what it sent).
   */
  default void recordSent(Sync<R, S, T> sync) {}

  /** What a listing shows of the object a resource would create. */
  enum Listed {
    /** No object under the key. */
    ABSENT,
    /** An object carrying this resource's owner tag: it made the object, and takes it back. */
    OWN,
    /** An object this resource did not make: adopted only under {@code adoptionPolicy: Adopt}. */
    FOREIGN
  }
}
