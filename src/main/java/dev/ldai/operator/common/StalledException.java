package dev.ldai.operator.common;

import dev.ldai.operator.status.Reason;

/** The resource cannot progress until a human acts; the message says what to do. */
public class StalledException extends RuntimeException {

  private final Reason reason;

  public StalledException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
