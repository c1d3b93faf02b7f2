package dev.ldai.operator.common;

/**
 * An object in LaunchDarkly the resource needs (a config not managed in this cluster, or one LaunchDarkly
 * does not list yet) is not there. Nothing in the cluster announces its arrival, so the resource looks
 * for it again every resync interval, with reason {@code NotFound}.
 */
public class NotInLaunchDarklyException extends RuntimeException {

  public NotInLaunchDarklyException(String message) {
    super(message, null, false, false);
  }
}
