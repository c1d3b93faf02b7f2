package dev.ldai.operator.launchdarkly.api;

import java.util.List;

/** An object LaunchDarkly keeps in versions, each change making a new one: an AI tool, a prompt snippet. */
public interface LdVersioned {

  String key();

  Integer version();

  /** When this version was created, in epoch milliseconds. */
  Long createdAt();

  List<String> tags();
}
