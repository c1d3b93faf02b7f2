package dev.ldai.operator.cli;

/** An export that cannot be made as asked: its message is the one line the user reads. */
final class ExportException extends RuntimeException {

  ExportException(String message) {
    super(message);
  }

  ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
