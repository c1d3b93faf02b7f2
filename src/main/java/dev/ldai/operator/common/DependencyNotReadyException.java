package dev.ldai.operator.common;

/**
 * A resource this one depends on is missing or not Ready yet. Not an error: the dependency's own events
 * re-trigger the reconcile.
 */
public class DependencyNotReadyException extends RuntimeException {

  public DependencyNotReadyException(String message) {
    super(message, null, false, false);
  }
}
