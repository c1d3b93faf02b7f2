package dev.ldai.operator.common;

/** Writes one resource's status; {@link MergePatchStatusWriter} is the operator's. */
interface StatusWriter<R, S> {

  /** Writes {@code next} unless the stored status already is it; answers the resource as stored. */
  R write(S next);

  /** The resource as last stored. */
  R stored();
}
