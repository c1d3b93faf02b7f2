package dev.ldai.operator.standin;

/** An error answer of the stand-in, sent as LaunchDarkly's {@code {code, message}} body. */
final class StandInError extends RuntimeException {

  final int status;
  final String code;

  StandInError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static StandInError notFound(String what) {
    return new StandInError(404, "not_found", what + " not found");
  }

  static StandInError invalid(String message) {
    return new StandInError(400, "invalid_request", message);
  }

  static StandInError conflict(String message) {
    return new StandInError(409, "conflict", message);
  }
}
