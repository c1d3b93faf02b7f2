package dev.ldai.operator.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAIToolPatch;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolMappingTest {

  private static final String OWNER = OwnerTag.of("AITool", "team-a", "web-search");

  @Test
  void theSameSchemaWrittenInAnotherKeyOrderOrNumberFormatIsNoChange() {
    AIToolSpec spec = spec("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\", \"maximum\": 10}}}");
    LdAITool actual = tool("{\"properties\": {\"n\": {\"maximum\": 10.0, \"type\": \"integer\"}}, \"type\": \"object\"}");

    assertThat(ToolMapping.diff(spec, actual, Optional.of(OWNER)).isEmpty()).isTrue();
  }

  @Test
  void onlyTheDifferingFieldsAreSentAndUnmanagedOnesNever() {
    AIToolSpec spec = spec("{\"type\": \"object\", \"required\": [\"q\"]}");
    spec.setDescription("Searches the web");
    LdAITool actual = tool("{\"type\": \"object\"}");

    Diff<LdAIToolPatch> diff = ToolMapping.diff(spec, actual, Optional.of(OWNER));

    assertThat(diff.fields()).containsExactly("description", "schema");
    assertThat(diff.change().schema()).isEqualTo(spec.getSchema());
    assertThat(diff.change().customParameters()).isNull();
    assertThat(diff.change().tags()).isNull();
  }

  @Test
  void aMissingOwnerTagIsAPatchOfTheTagsReportedAsOwnerTag() {
    AIToolSpec spec = spec("{\"type\": \"object\"}");
    spec.setTags(List.of("search"));
    LdAITool actual = new LdAITool("web-search", "Tool", spec.getSchema(), null, List.of("search"), 1, 0L, null, null);

    Diff<LdAIToolPatch> diff = ToolMapping.diff(spec, actual, Optional.of(OWNER));

    assertThat(diff.fields()).containsExactly(OwnerTag.FIELD);
    assertThat(diff.change().tags()).containsExactly("search", OWNER);
    assertThat(ToolMapping.diff(spec, actual, Optional.empty()).isEmpty()).isTrue();
  }

  @Test
  void theSpecOfAToolAsLaunchDarklyHoldsItDiffersOnlyByTheOwnerTagATakeOverAdds() {
    JsonNode member = Serialization.unmarshal("{\"kind\": \"member\", \"_id\": \"m-7\"}", JsonNode.class);
    JsonNode schema = Serialization.unmarshal("{\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\"}}}", JsonNode.class);
    JsonNode custom = Serialization.unmarshal("{\"timeoutMs\": 500}", JsonNode.class);
    LdAITool held = new LdAITool("web-search", "Searches the web", schema, custom, List.of("search"), 4, 0L, member, null);

    AIToolSpec spec = ToolMapping.toSpec("support", held);

    assertThat(spec.getKey()).isEqualTo("web-search");
    assertThat(spec.getProjectKey()).isEqualTo("support");
    assertThat(spec.getSchema()).isEqualTo(schema);
    assertThat(spec.getCustomParameters()).isEqualTo(custom);
    assertThat(spec.getMaintainerId()).isEqualTo("m-7");
    assertThat(ToolMapping.diff(spec, held, Optional.empty()).isEmpty()).isTrue();
    assertThat(ToolMapping.diff(spec, held, Optional.of(OWNER)).fields()).containsExactly(OwnerTag.FIELD);
  }

  @Test
  void aCreateSendsTheSchemaAsWrittenAndTheOwnerTag() {
    AIToolSpec spec = spec("{\"type\": \"object\", \"x-vendor\": {\"keep\": [1, 2]}}");

    assertThat(ToolMapping.toPost("web-search", spec, OWNER).schema()).isEqualTo(spec.getSchema());
    assertThat(ToolMapping.toPost("web-search", spec, OWNER).tags()).containsExactly(OWNER);
  }

  private static AIToolSpec spec(String schema) {
    AIToolSpec spec = new AIToolSpec();
    spec.setProjectKey("default");
    spec.setSchema(Serialization.unmarshal(schema, JsonNode.class));
    return spec;
  }

  private static LdAITool tool(String schema) {
    return new LdAITool("web-search", "Tool", Serialization.unmarshal(schema, JsonNode.class), null, List.of(OWNER), 1, 0L,
        null, null);
  }
}
