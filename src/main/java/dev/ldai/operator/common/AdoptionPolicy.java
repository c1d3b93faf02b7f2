package dev.ldai.operator.common;

/** What to do when the key already exists in LaunchDarkly and this resource did not create it. */
public enum AdoptionPolicy {
  /** Refuse: the resource is Stalled with reason AlreadyExists. */
  Never,
  /** Take the existing object over and bring it to the spec. */
  Adopt
}
