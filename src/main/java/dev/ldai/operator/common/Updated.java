package dev.ldai.operator.common;

/**
 * What an update did: the object as LaunchDarkly now holds it, whether it had to be replaced rather than
 * patched, and which fields it changed, for the Event.
 */
public record Updated<O>(O object, boolean replaced, String change) {

  public static <O> Updated<O> patched(O object, String change) {
    return new Updated<>(object, false, change);
  }

  public static <O> Updated<O> replaced(O object, String change) {
    return new Updated<>(object, true, change);
  }
}
