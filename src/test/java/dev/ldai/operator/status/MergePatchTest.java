package dev.ldai.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.testing.ApiServerCrudDispatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergePatchTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} -> {1} is {2}")
  @CsvSource(delimiter = '|', value = {
      "{}                                  | {\"a\":1}                          | {\"a\":1}",
      "{\"a\":1}                           | {\"a\":1}                          | {}",
      "{\"a\":1,\"b\":2}                   | {\"a\":1}                          | {\"b\":null}",
      "{\"a\":1}                           | {\"a\":null}                       | {\"a\":null}",
      "{\"e\":{\"code\":\"x\",\"m\":\"y\"}} | {\"e\":{\"m\":\"z\"}}               | {\"e\":{\"code\":null,\"m\":\"z\"}}",
      "{\"l\":[1,2]}                       | {\"l\":[2]}                        | {\"l\":[2]}",
      "{\"o\":{\"a\":1}}                   | {\"o\":[1]}                        | {\"o\":[1]}",
      "{\"k\":\"v\"}                       | {\"k\":\"v\",\"n\":null}             | {}",
  })
  void thePatchHoldsWhatChangedAndNullsWhatWentAway(String from, String to, String expected) throws Exception {
    JsonNode patch = MergePatch.between(JSON.readTree(from), JSON.readTree(to));

    assertThat(patch).isEqualTo(JSON.readTree(expected));
    JsonNode expectedResult = JSON.readTree(to);
    if (expectedResult instanceof ObjectNode object) {
      object.properties().removeIf(member -> member.getValue().isNull());
    }
    assertThat(ApiServerCrudDispatcher.applyMergePatch(JSON.readTree(from), patch)).isEqualTo(expectedResult);
  }
}
