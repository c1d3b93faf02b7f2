package dev.ldai.operator.cli;

/** A command that cannot be done as asked: its message is the one line the user reads. */
final class CommandException extends RuntimeException {

  CommandException(String message) {
    super(message);
  }

  CommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
