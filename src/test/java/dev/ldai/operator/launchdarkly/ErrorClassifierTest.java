package dev.ldai.operator.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

  @Test
  void statusesMapToKinds() {
    assertThat(ErrorClassifier.classify(400, "invalid_request", "name is required")).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(ErrorClassifier.classify(422, null, null)).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(ErrorClassifier.classify(401, "unauthorized", "Invalid access token")).isEqualTo(ErrorKind.UNAUTHORIZED);
    assertThat(ErrorClassifier.classify(403, "forbidden", "Access denied")).isEqualTo(ErrorKind.UNAUTHORIZED);
    assertThat(ErrorClassifier.classify(404, "not_found", "Unknown")).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(ErrorClassifier.classify(409, "conflict", "exists")).isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(ErrorClassifier.classify(429, "rate_limited", "slow down")).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(ErrorClassifier.classify(500, null, null)).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(ErrorClassifier.classify(503, null, null)).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(ErrorClassifier.classify(0, null, "Connection reset")).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(ErrorClassifier.classify(405, null, null)).isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void aBadRequestSayingTheKeyExistsMeansAlreadyExists() {
    assertThat(ErrorClassifier.classify(400, "invalid_request", "An AI Config with key bot already exists"))
        .isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(ErrorClassifier.classify(400, "already_exists", "duplicate")).isEqualTo(ErrorKind.ALREADY_EXISTS);
  }

  @Test
  void passingConditionsWordedAsBadRequestsAreRetried() {
    assertThat(ErrorClassifier.classify(400, "invalid_request", "Rate limit exceeded, try again later"))
        .isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(ErrorClassifier.classify(400, null, "Too many requests")).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(ErrorClassifier.classify(400, "invalid_request", "Could not delete AI Config bot"))
        .isEqualTo(ErrorKind.TRANSIENT);
    assertThat(ErrorClassifier.classify(403, "forbidden", "Rate limit settings are not yours to change"))
        .isEqualTo(ErrorKind.UNAUTHORIZED);
  }

  @Test
  void retryAfterSecondsWinsOverTheResetTime() {
    assertThat(ErrorClassifier.retryAfter("7", "1700000030000", NOW)).contains(Duration.ofSeconds(7));
  }

  @Test
  void theResetTimeIsAnEpochMillisecondInstant() {
    assertThat(ErrorClassifier.retryAfter(null, "1700000030000", NOW)).contains(Duration.ofSeconds(30));
    assertThat(ErrorClassifier.retryAfter(null, "1699999990000", NOW)).contains(Duration.ZERO);
  }

  @Test
  void missingOrGarbledHeadersGiveNoAdvice() {
    assertThat(ErrorClassifier.retryAfter(null, null, NOW)).isEmpty();
    assertThat(ErrorClassifier.retryAfter("soon", "later", NOW)).isEmpty();
  }
}
