package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticTest {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Test
  void numbersCompareByValueAtAnyDepth() {
    ObjectNode ints = JSON.objectNode();
    ints.putObject("limits").put("max", 1);
    ObjectNode doubles = JSON.objectNode();
    doubles.putObject("limits").put("max", 1.0);

    assertThat(Semantic.sameJson(ints, doubles)).isTrue();
    assertThat(Semantic.sameJson(ints, JSON.objectNode().set("limits", JSON.objectNode().put("max", 2)))).isFalse();
  }

  @Test
  void anEmptyObjectEqualsNothing() {
    assertThat(Semantic.sameJson(JSON.objectNode(), null)).isTrue();
    assertThat(Semantic.sameJson(null, JSON.nullNode())).isTrue();
    assertThat(Semantic.sameJson(JSON.objectNode().put("a", 1), null)).isFalse();
  }

  @Test
  void tagsAreASet() {
    assertThat(Semantic.sameTags(List.of("a", "b"), List.of("b", "a"))).isTrue();
    assertThat(Semantic.sameTags(null, List.of())).isTrue();
    assertThat(Semantic.sameTags(List.of("a"), List.of("a", "b"))).isFalse();
  }
}
