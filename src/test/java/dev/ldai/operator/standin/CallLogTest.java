package dev.ldai.operator.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CallLogTest {

  final CallLog log = new CallLog(3);

  @Test
  void onlyTheLastCallsAreKeptAndTheCountersCountThemAll() {
    IntStream.range(0, 5).forEach(i -> log.record(call("GET", "/c" + i, 200)));
    log.record(call("POST", "/c5", 201));
    log.record(call("POST", "/c6", 409));

    assertThat(log.calls()).extracting(Call::path).containsExactly("/c4", "/c5", "/c6");
    assertThat(log.count("GET", Route.CONFIG)).isEqualTo(5);
    assertThat(log.count("POST")).isEqualTo(2);
    assertThat(log.writes()).isEqualTo(2);
    assertThat(log.appliedWrites()).isEqualTo(1);
  }

  @Test
  void clearingStartsAllOver() {
    log.record(call("POST", "/c0", 201));

    log.clear();

    assertThat(log.calls()).isEmpty();
    assertThat(log.count("POST")).isZero();
    assertThat(log.appliedWrites()).isZero();
  }

  private static Call call(String method, String path, int status) {
    return new Call(method, path, null, Route.CONFIG, status, null, Map.of(), null, 0, 0);
  }
}
