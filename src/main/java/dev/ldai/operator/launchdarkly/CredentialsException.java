package dev.ldai.operator.launchdarkly;

/** No usable API token could be found; the message says where it was looked for, never a value. */
public class CredentialsException extends RuntimeException {

  public CredentialsException(String message) {
    super(message);
  }
}
