package dev.ldai.operator.common;

/** The spec can not be applied as written; the message names the field. */
public class InvalidSpecException extends RuntimeException {

  public InvalidSpecException(String message) {
    super(message);
  }
}
