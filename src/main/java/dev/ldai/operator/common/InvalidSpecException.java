package dev.ldai.operator.common;

import dev.ldai.operator.status.Reason;

/** The spec can not be applied as written; the message names the field. */
public class InvalidSpecException extends StalledException {

  public InvalidSpecException(String message) {
    super(Reason.InvalidSpec, message);
  }
}
