package dev.ldai.operator.modelconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelConfigMappingTest {

  static final String OWN = OwnerTag.of("AIModelConfig", "support", "house-gpt");
  static final String FOREIGN = OwnerTag.of("AIModelConfig", "elsewhere", "house-gpt");

  @Test
  void thePostCarriesEveryFieldOfTheSpecAndTheOwnerTag() {
    AIModelConfigSpec spec = spec();

    LdModelConfigPost post = ModelConfigMapping.toPost("house-gpt", spec, OWN);

    assertThat(post).isEqualTo(new LdModelConfigPost("house-gpt", "House GPT", "gpt-4o", "robot", "openai",
        spec.getParams(), null, List.of("x", OWN), 0.5, 1.5, null));
  }

  @Test
  void aSpecWithoutTagsCreatesWithTheOwnerTagAlone() {
    AIModelConfigSpec spec = spec();
    spec.setTags(null);

    assertThat(ModelConfigMapping.toPost("house-gpt", spec, OWN).tags()).containsExactly(OWN);
  }

  @Test
  void nothingDiffersWhenLaunchDarklyMatches() {
    ObjectNode sameParamsAsDoubles = JsonNodeFactory.instance.objectNode().put("temperature", 0.2).put("maxTokens", 100.0);
    assertThat(ModelConfigMapping.differences(spec(), actual(sameParamsAsDoubles, 0.5))).isEmpty();
  }

  @Test
  void anOwnerTagIsNeverADifference() {
    ObjectNode params = spec().getParams().deepCopy();

    assertThat(ModelConfigMapping.differences(spec(), actual(params, 0.5, List.of("x"))))
        .as("missing").isEmpty();
    assertThat(ModelConfigMapping.differences(spec(), actual(params, 0.5, List.of("x", FOREIGN))))
        .as("another resource's").isEmpty();
  }

  @Test
  void tagsCompareWithoutOwnerTagsOnEitherSide() {
    ObjectNode params = spec().getParams().deepCopy();
    AIModelConfigSpec spec = spec();
    spec.setTags(List.of("x", FOREIGN));

    assertThat(ModelConfigMapping.differences(spec, actual(params, 0.5, List.of("x", OWN)))).isEmpty();
    assertThat(ModelConfigMapping.differences(spec, actual(params, 0.5, List.of("y", OWN)))).containsExactly("tags");
  }

  @Test
  void differingFieldsAreNamed() {
    ObjectNode otherParams = JsonNodeFactory.instance.objectNode().put("temperature", 0.9);

    assertThat(ModelConfigMapping.differences(spec(), actual(otherParams, 0.25)))
        .containsExactly("params", "costPerInputToken");
  }

  @Test
  void fieldsTheSpecLeavesOutAreNotManaged() {
    AIModelConfigSpec spec = new AIModelConfigSpec();
    spec.setName("House GPT");
    spec.setId("gpt-4o");

    assertThat(ModelConfigMapping.differences(spec, actual(JsonNodeFactory.instance.objectNode(), 9.0))).isEmpty();
  }

  @Test
  void theSpecOfAModelConfigAsLaunchDarklyHoldsItHasNoDifference() {
    ObjectNode custom = JsonNodeFactory.instance.objectNode().put("region", "eu");
    LdModelConfig held = new LdModelConfig("house-gpt", "House GPT", "gpt-4o", "robot", "openai", false,
        JsonNodeFactory.instance.objectNode().put("temperature", 0.2), custom, List.of("x", OWN), 3, 0.5, 1.5, 0.25, false);

    AIModelConfigSpec spec = ModelConfigMapping.toSpec("support", held);

    assertThat(spec.getKey()).isEqualTo("house-gpt");
    assertThat(spec.getProjectKey()).isEqualTo("support");
    assertThat(spec.getTags()).containsExactly("x");
    assertThat(spec.getCustomParams()).isEqualTo(custom);
    assertThat(spec.getCostPerCachedInputToken()).isEqualTo(0.25);
    assertThat(ModelConfigMapping.differences(spec, held)).isEmpty();
    assertThat(ModelConfigMapping.toSpec("support", actual(null, 0.5, List.of(OWN))).getTags()).isNull();
  }

  private static AIModelConfigSpec spec() {
    AIModelConfigSpec spec = new AIModelConfigSpec();
    spec.setProjectKey("default");
    spec.setName("House GPT");
    spec.setId("gpt-4o");
    spec.setProvider("openai");
    spec.setIcon("robot");
    spec.setParams(JsonNodeFactory.instance.objectNode().put("temperature", 0.2).put("maxTokens", 100));
    spec.setTags(List.of("x"));
    spec.setCostPerInputToken(0.5);
    spec.setCostPerOutputToken(1.5);
    return spec;
  }

  private static LdModelConfig actual(ObjectNode params, double costPerInputToken) {
    return actual(params, costPerInputToken, List.of("x", OWN));
  }

  private static LdModelConfig actual(ObjectNode params, double costPerInputToken, List<String> tags) {
    return new LdModelConfig("house-gpt", "House GPT", "gpt-4o", "robot", "openai", false, params, null,
        tags, 1, costPerInputToken, 1.5, null, false);
  }
}
