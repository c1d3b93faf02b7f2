package dev.ldai.operator.common;

/**
 * Where a resource's LaunchDarkly object lives, resolved from its spec and its referents.
 */
public interface Target {

  /** The LaunchDarkly project whose listing shows the object. */
  String project();

  /** The object's key. */
  String key();

  /** The object for messages, e.g. {@code AI Config support-bot}. */
  String what();

  /** Where the object lives, for messages, e.g. {@code project default}. */
  String where();
}
