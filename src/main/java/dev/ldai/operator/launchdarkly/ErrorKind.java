package dev.ldai.operator.launchdarkly;

/** What a LaunchDarkly failure means for the caller. */
public enum ErrorKind {
  /** 400/422: the request itself is wrong; retrying the same request cannot succeed. */
  INVALID_REQUEST,
  /** 401/403: the token is missing, wrong or lacks permission; may succeed once credentials change. */
  UNAUTHORIZED,
  /** 404: the object (or project) does not exist. */
  NOT_FOUND,
  /** 409, or a 400 saying the key already exists. */
  ALREADY_EXISTS,
  /** 429: wait as advised, then retry. */
  RATE_LIMITED,
  /** 5xx, I/O errors and timeouts: retry with backoff. */
  TRANSIENT
}
