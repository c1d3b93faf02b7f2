package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API server parses an Event's eventTime with exactly six fractional digits and refuses any other length. */
class MicroTimesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "2026-11-29T04:05:06Z,           2026-11-29T04:05:06.000000Z",
      "2026-11-29T04:05:06.123Z,       2026-11-29T04:05:06.123000Z",
      "2026-11-29T04:05:06.123456Z,    2026-11-29T04:05:06.123456Z",
      "2026-11-29T04:05:06.123456789Z, 2026-11-29T04:05:06.123456Z",
      "2026-11-29T04:05:06.999999999Z, 2026-11-29T04:05:06.999999Z",
      "2026-11-29T04:05:06.1+02:00,    2026-11-29T02:05:06.100000Z"
  })
  void writesSixFractionalDigitsInUtcWhateverThePrecisionOfTheInstant(String instant, String wire) {
    assertThat(MicroTimes.of(OffsetDateTime.parse(instant).toInstant()).getTime()).isEqualTo(wire);
  }
}
