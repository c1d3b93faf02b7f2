package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.AIConfigVariationSpec;
import dev.ldai.operator.modelconfig.AIModelConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyTest {

  static final Dependency<AIConfigVariation, AIConfig> PARENT =
      Dependency.on(AIConfig.class, variation -> variation.getSpec().getConfigRef());
  static final Dependency<AIConfigVariation, AIModelConfig> MODEL_CONFIG =
      Dependency.on(AIModelConfig.class, variation -> variation.getSpec().getModelConfigRef());

  @Test
  void dependentsAreIndexedByTheResourcesTheyReference() {
    AIConfigVariation byRef = variation("a", "team-1", "chat", "house-model");
    AIConfigVariation byKeys = variation("b", "team-1", null, null);

    assertThat(PARENT.indexKeys(byRef)).containsExactly("team-1/chat");
    assertThat(MODEL_CONFIG.indexKeys(byRef)).containsExactly("team-1/house-model");
    assertThat(PARENT.indexKeys(byKeys)).isEmpty();
    assertThat(MODEL_CONFIG.indexKeys(byKeys)).isEmpty();
  }

  @Test
  void aDependentNamingSeveralReferentsIsIndexedUnderEachOnce() {
    Dependency<AIConfigVariation, AIModelConfig> several = Dependency.onEach(AIModelConfig.class,
        variation -> List.of(new LocalReference("a"), new LocalReference("b"), new LocalReference("a")));
    Dependency<AIConfigVariation, AIModelConfig> none = Dependency.onEach(AIModelConfig.class, variation -> null);

    assertThat(several.indexKeys(variation("v", "team-1", "chat", null))).containsExactly("team-1/a", "team-1/b");
    assertThat(none.indexKeys(variation("v", "team-1", "chat", null))).isEmpty();
  }

  @Test
  void aDependentNamingSeveralGroupsIsIndexedUnderEachAndWokenByAMemberOfAny() {
    Dependency<AIConfigVariation, AIModelConfig> byKeys = Dependency.onEachOfGroups(AIModelConfig.class,
        variation -> java.util.Arrays.asList("tone", null, "safety", "tone"), model -> model.getSpec().getKey());
    AIConfigVariation follower = variation("follower", "team-1", "chat", null);
    Map<String, List<AIConfigVariation>> index = Map.of("team-1/tone", List.of(follower), "team-1/safety", List.of(follower));
    ReferencingResources<AIModelConfig, AIConfigVariation> mapper =
        new ReferencingResources<>(model -> model.getSpec().getKey(), key -> index.getOrDefault(key, List.of()));

    assertThat(byKeys.indexKeys(follower)).containsExactly("team-1/tone", "team-1/safety");
    assertThat(mapper.toPrimaryResourceIDs(keyed("made-by-name", "team-1", "safety")))
        .containsExactly(new ResourceID("follower", "team-1"));
    assertThat(mapper.toPrimaryResourceIDs(keyed("safety", "team-1", "other"))).isEmpty();
  }

  @Test
  void aConfigMapsToTheVariationsReferencingItInItsNamespace() {
    AIConfigVariation first = variation("first", "team-1", "chat", null);
    AIConfigVariation second = variation("second", "team-1", "chat", null);
    Map<String, List<AIConfigVariation>> index = Map.of("team-1/chat", List.of(first, second));
    ReferencingResources<AIConfig, AIConfigVariation> mapper = new ReferencingResources<>(referent -> referent.getMetadata().getName(), key -> index.getOrDefault(key, List.of()));

    assertThat(mapper.toPrimaryResourceIDs(config("chat", "team-1")))
        .containsExactlyInAnyOrder(new ResourceID("first", "team-1"), new ResourceID("second", "team-1"));
    assertThat(mapper.toPrimaryResourceIDs(config("chat", "team-2"))).isEmpty();
  }

  @Test
  void variationsBeingDeletedAreNotWokenByTheirReferents() {
    AIConfigVariation leaving = variation("leaving", "team-1", "chat", null);
    leaving.getMetadata().setDeletionTimestamp("2026-11-23T10:00:00Z");
    AIConfigVariation staying = variation("staying", "team-1", "chat", null);
    ReferencingResources<AIConfig, AIConfigVariation> mapper = new ReferencingResources<>(referent -> referent.getMetadata().getName(), key -> List.of(leaving, staying));

    assertThat(mapper.toPrimaryResourceIDs(config("chat", "team-1"))).containsExactly(new ResourceID("staying", "team-1"));
  }

  @Test
  void aModelConfigMapsToTheVariationsUsingIt() {
    AIConfigVariation user = variation("user", "team-1", "chat", "house-model");
    ReferencingResources<AIModelConfig, AIConfigVariation> mapper = new ReferencingResources<>(referent -> referent.getMetadata().getName(),
        key -> key.equals("team-1/house-model") ? List.of(user) : List.of());
    AIModelConfig model = new AIModelConfig();
    model.setMetadata(new ObjectMetaBuilder().withName("house-model").withNamespace("team-1").build());

    assertThat(mapper.toPrimaryResourceIDs(model)).containsExactly(new ResourceID("user", "team-1"));
  }

  private static AIModelConfig keyed(String name, String namespace, String key) {
    AIModelConfig model = new AIModelConfig();
    model.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    model.setSpec(new dev.ldai.operator.modelconfig.AIModelConfigSpec());
    model.getSpec().setKey(key);
    return model;
  }

  private static AIConfig config(String name, String namespace) {
    AIConfig config = new AIConfig();
    config.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    return config;
  }

  private static AIConfigVariation variation(String name, String namespace, String configRef, String modelConfigRef) {
    AIConfigVariationSpec spec = new AIConfigVariationSpec();
    if (configRef != null) {
      spec.setConfigRef(new LocalReference(configRef));
    } else {
      spec.setProjectKey("default");
      spec.setConfigKey("external");
    }
    if (modelConfigRef != null) {
      spec.setModelConfigRef(new LocalReference(modelConfigRef));
    }
    AIConfigVariation variation = new AIConfigVariation();
    variation.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    variation.setSpec(spec);
    return variation;
  }
}
