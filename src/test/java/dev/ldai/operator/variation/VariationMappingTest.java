package dev.ldai.operator.variation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.launchdarkly.api.LdJudge;
import dev.ldai.operator.launchdarkly.api.LdJudgeConfiguration;
import dev.ldai.operator.launchdarkly.api.LdMessage;
import dev.ldai.operator.launchdarkly.api.LdTool;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VariationMappingTest {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Test
  void thePostCarriesTheSpecAndTheResolvedModelConfig() {
    LdVariationPost post = VariationMapping.toPost("v1", spec(), "house-model");

    assertThat(post.key()).isEqualTo("v1");
    assertThat(post.name()).isEqualTo("Friendly");
    assertThat(post.messages()).containsExactly(new LdMessage("system", "Be kind."), new LdMessage("user", "{{q}}"));
    assertThat(post.model()).isEqualTo(model());
    assertThat(post.modelConfigKey()).isEqualTo("house-model");
    assertThat(post.tools()).containsExactly(new LdTool("search", 2));
    assertThat(post.judgeConfiguration().judges()).containsExactly(new LdJudge("tone-judge", 0.5));
    assertThat(post.instructions()).isEqualTo("Help.");
  }

  @Test
  void nothingDiffersWhenTheLatestVersionMatches() {
    AIConfigVariationSpec spec = spec();
    Diff<LdVariationPatch> diff = VariationMapping.diff(spec, latest(model()), "house-model", applied(spec));

    assertThat(diff.isEmpty()).isTrue();
  }

  @Test
  void numbersInTheModelCompareByValue() {
    AIConfigVariationSpec spec = spec();
    ObjectNode sameWithDoubles = model();
    ((ObjectNode) sameWithDoubles.get("parameters")).put("maxTokens", 100.0);

    assertThat(VariationMapping.diff(spec, latest(sameWithDoubles), "house-model", applied(spec)).isEmpty()).isTrue();
  }

  @Test
  void messagesCompareInOrder() {
    AIConfigVariationSpec spec = spec();
    spec.setMessages(List.of(new Message("user", "{{q}}"), new Message("system", "Be kind.")));

    Diff<LdVariationPatch> diff = VariationMapping.diff(spec, latest(model()), "house-model", applied(spec));

    assertThat(diff.fields()).containsExactly("messages");
    assertThat(diff.change().messages()).extracting(LdMessage::role).containsExactly("user", "system");
    assertThat(diff.change().name()).isNull();
  }

  @Test
  void instructionsAndDescriptionDifferOnlyFromWhatWasLastApplied() {
    AIConfigVariationSpec spec = spec();
    AIConfigVariationStatus applied = applied(spec);
    spec.setInstructions("Help more.");

    Diff<LdVariationPatch> diff = VariationMapping.diff(spec, latest(model()), "house-model", applied);

    assertThat(diff.fields()).containsExactly("instructions");
    assertThat(diff.change().instructions()).isEqualTo("Help more.");
  }

  @Test
  void stateToolsJudgesAndModelConfigAreCompared() {
    AIConfigVariationSpec spec = spec();
    spec.setState(VariationState.archived);
    spec.setTools(List.of(new Tool("search", 3)));
    JudgeConfiguration judges = new JudgeConfiguration();
    judges.setJudges(List.of());
    spec.setJudgeConfiguration(judges);

    Diff<LdVariationPatch> diff = VariationMapping.diff(spec, latest(model()), "other-model", applied(spec));

    assertThat(diff.fields()).containsExactly("modelConfigKey", "tools", "judgeConfiguration", "state");
    assertThat(diff.change().state()).isEqualTo("archived");
    assertThat(diff.change().judgeConfiguration().judges()).isEmpty();
  }

  @Test
  void fieldsTheSpecLeavesOutAreNotManaged() {
    AIConfigVariationSpec spec = new AIConfigVariationSpec();
    spec.setName("Friendly");

    assertThat(VariationMapping.diff(spec, latest(model()), null, new AIConfigVariationStatus()).isEmpty()).isTrue();
  }

  @Test
  void theSpecOfTheLatestVersionAsLaunchDarklyListsItSendsNothingAndItsUnshownTextOnlyWhenNotShown() {
    LdVariation listed = new LdVariation("id-3", "v1", "Friendly", 3, 1L,
        List.of(new LdMessage("system", "Sei freundlich. 🙂\nZweite Zeile\n"), new LdMessage("user", "{{snippet.tone#2}} {{q}}")),
        model(), "house-model", "tuned", "For agents", "Help the user.", "archived", 1L, 2L,
        List.of(new LdTool("search", 2)), new LdJudgeConfiguration(List.of(new LdJudge("tone-judge", 0.25))));

    AIConfigVariationSpec spec = VariationMapping.toSpec(listed, new LocalReference("assistant"), key -> Optional.empty(),
        key -> Optional.empty());

    assertThat(spec.getConfigRef().getName()).isEqualTo("assistant");
    assertThat(spec.getKey()).isEqualTo("v1");
    assertThat(spec.getMessages()).extracting(Message::getContent)
        .containsExactly("Sei freundlich. 🙂\nZweite Zeile\n", "{{snippet.tone#2}} {{q}}");
    assertThat(spec.getModel().getModelName()).isEqualTo("gpt-4o");
    assertThat(spec.getModelConfigKey()).isEqualTo("house-model");
    assertThat(spec.getModelConfigRef()).isNull();
    assertThat(spec.getTools()).extracting(Tool::getKey, Tool::getVersion).containsExactly(tuple("search", 2));
    assertThat(spec.getJudgeConfiguration().getJudges()).extracting(Judge::getSamplingRate).containsExactly(0.25);
    assertThat(spec.getState()).isEqualTo(VariationState.archived);
    assertThat(spec.getComment()).isEqualTo("tuned");
    LdVariation read = new LdVariation(listed.id(), listed.key(), listed.name(), listed.version(), listed.createdAt(),
        listed.messages(), listed.model(), listed.modelConfigKey(), listed.comment(), null, null, listed.state(),
        listed.publishedAt(), listed.archivedAt(), listed.tools(), listed.judgeConfiguration());
    assertThat(VariationMapping.diff(spec, listed, "house-model", new AIConfigVariationStatus()).isEmpty())
        .as("the listing shows the text").isTrue();
    // Get-variation does not show them: a variation taken over from a read has no record of them having been sent.
    assertThat(VariationMapping.diff(spec, read, "house-model", new AIConfigVariationStatus()).fields())
        .containsExactly("description", "instructions");
    assertThat(VariationMapping.diff(spec, read, "house-model", applied(spec)).isEmpty()).isTrue();
    spec.setInstructions("Edited in Git.");
    assertThat(VariationMapping.diff(spec, listed, "house-model", applied(spec)).fields())
        .as("shown text that differs is sent, whatever was sent before").containsExactly("instructions");
  }

  @Test
  void exportedModelConfigsAndToolsAreNamedByResourceAndToolsKeepTheirVersion() {
    LdVariation listed = new LdVariation("id-1", "v1", "Friendly", 1, 1L, null, null, "house-model", null, null, null, null,
        null, null, List.of(new LdTool("search", 2), new LdTool("elsewhere", 1)), null);

    AIConfigVariationSpec spec = VariationMapping.toSpec(listed, new LocalReference("assistant"),
        key -> key.equals("house-model") ? Optional.of("house-model-1a2b") : Optional.empty(),
        key -> key.equals("search") ? Optional.of("web-search") : Optional.empty());

    assertThat(spec.getModelConfigRef().getName()).isEqualTo("house-model-1a2b");
    assertThat(spec.getModelConfigKey()).isNull();
    assertThat(spec.getTools().get(0).getToolRef().getName()).isEqualTo("web-search");
    assertThat(spec.getTools().get(0).getVersion()).isEqualTo(2);
    assertThat(spec.getTools().get(1).getKey()).isEqualTo("elsewhere");
    assertThat(spec.getMessages()).isNull();
    assertThat(spec.getModel()).isNull();
    assertThat(spec.getJudgeConfiguration()).isNull();
    assertThat(spec.getState()).isNull();
  }

  @Test
  void aModelWithFieldsTheSpecHasNoPlaceForIsLeftOut() {
    ObjectNode model = model().put("provider", "openai");
    LdVariation listed = new LdVariation("id-1", "v1", "Friendly", 1, 1L, null, model, null, null, null, null, null,
        null, null, null, null);

    AIConfigVariationSpec spec = VariationMapping.toSpec(listed, new LocalReference("assistant"), key -> Optional.empty(),
        key -> Optional.empty());

    assertThat(spec.getModel()).isNull();
    assertThat(VariationMapping.diff(spec, listed, null, new AIConfigVariationStatus()).isEmpty()).isTrue();
  }

  @Test
  void hashesAreStableHexSha256() {
    assertThat(VariationMapping.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(VariationMapping.sha256(null)).isNull();
  }

  private static AIConfigVariationSpec spec() {
    AIConfigVariationSpec spec = new AIConfigVariationSpec();
    spec.setName("Friendly");
    spec.setMessages(List.of(new Message("system", "Be kind."), new Message("user", "{{q}}")));
    Model model = new Model();
    model.setModelName("gpt-4o");
    model.setParameters(JSON.objectNode().put("temperature", 0.5).put("maxTokens", 100));
    spec.setModel(model);
    spec.setTools(List.of(new Tool("search", 2)));
    JudgeConfiguration judges = new JudgeConfiguration();
    judges.setJudges(List.of(new Judge("tone-judge", 0.5)));
    spec.setJudgeConfiguration(judges);
    spec.setInstructions("Help.");
    return spec;
  }

  private static ObjectNode model() {
    ObjectNode model = JSON.objectNode().put("modelName", "gpt-4o");
    model.putObject("parameters").put("temperature", 0.5).put("maxTokens", 100);
    return model;
  }

  private static AIConfigVariationStatus applied(AIConfigVariationSpec spec) {
    AIConfigVariationStatus status = new AIConfigVariationStatus();
    status.setAppliedInstructionsHash(VariationMapping.sha256(spec.getInstructions()));
    status.setAppliedDescriptionHash(VariationMapping.sha256(spec.getDescription()));
    return status;
  }

  private static LdVariation latest(ObjectNode model) {
    return new LdVariation("id-3", "v1", "Friendly", 3, 1L,
        List.of(new LdMessage("system", "Be kind."), new LdMessage("user", "{{q}}")), model, "house-model",
        null, null, null, null, null, null, List.of(new LdTool("search", 2)),
        new LdJudgeConfiguration(List.of(new LdJudge("tone-judge", 0.5))));
  }
}
