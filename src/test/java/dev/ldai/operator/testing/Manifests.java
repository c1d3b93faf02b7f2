package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.agentgraph.AIAgentGraphSpec;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.snippet.PromptSnippetSpec;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.tool.AIToolSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.AIConfigSpec;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.targeting.AIConfigTargetingSpec;
import dev.ldai.operator.modelconfig.AIModelConfigSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.AIConfigVariationSpec;
import dev.ldai.operator.variation.Message;
import java.util.List;
import java.util.function.Consumer;

/** Resources as a user would write them, for tests. */
public final class Manifests {

  public static final String PROJECT = "default";

  private Manifests() {}

  public static AIConfig aiConfig(String name, Consumer<AIConfigSpec> customize) {
    AIConfigSpec spec = new AIConfigSpec();
    spec.setProjectKey(PROJECT);
    spec.setName("Config " + name);
    customize.accept(spec);
    AIConfig config = new AIConfig();
    config.setMetadata(new ObjectMetaBuilder().withName(name).build());
    config.setSpec(spec);
    return config;
  }

  /** The targeting of the AIConfig {@code config} of this namespace in {@code environment}. */
  public static AIConfigTargeting targeting(
      String name, String config, String environment, Consumer<AIConfigTargetingSpec> customize) {
    AIConfigTargetingSpec spec = new AIConfigTargetingSpec();
    spec.setConfigRef(new LocalReference(config));
    spec.setEnvironmentKey(environment);
    customize.accept(spec);
    AIConfigTargeting targeting = new AIConfigTargeting();
    targeting.setMetadata(new ObjectMetaBuilder().withName(name).build());
    targeting.setSpec(spec);
    return targeting;
  }

  /** A variation of the AIConfig {@code parent} in this namespace. */
  public static AIConfigVariation variation(String name, String parent, Consumer<AIConfigVariationSpec> customize) {
    AIConfigVariationSpec spec = new AIConfigVariationSpec();
    spec.setConfigRef(new LocalReference(parent));
    spec.setName("Variation " + name);
    spec.setMessages(List.of(new Message("system", "You are " + name + ".")));
    customize.accept(spec);
    AIConfigVariation variation = new AIConfigVariation();
    variation.setMetadata(new ObjectMetaBuilder().withName(name).build());
    variation.setSpec(spec);
    return variation;
  }

  public static AIModelConfig modelConfig(String name, Consumer<AIModelConfigSpec> customize) {
    AIModelConfigSpec spec = new AIModelConfigSpec();
    spec.setProjectKey(PROJECT);
    spec.setName("Model " + name);
    spec.setId("gpt-4o");
    spec.setProvider("openai");
    customize.accept(spec);
    AIModelConfig model = new AIModelConfig();
    model.setMetadata(new ObjectMetaBuilder().withName(name).build());
    model.setSpec(spec);
    return model;
  }

  /** An AI tool whose schema takes one required string, {@code query}. */
  public static AITool aiTool(String name, Consumer<AIToolSpec> customize) {
    AIToolSpec spec = new AIToolSpec();
    spec.setProjectKey(PROJECT);
    spec.setDescription("Tool " + name);
    spec.setSchema(Serialization.unmarshal(
        "{\"type\": \"object\", \"properties\": {\"query\": {\"type\": \"string\"}}, \"required\": [\"query\"]}",
        JsonNode.class));
    customize.accept(spec);
    AITool tool = new AITool();
    tool.setMetadata(new ObjectMetaBuilder().withName(name).build());
    tool.setSpec(spec);
    return tool;
  }

  public static PromptSnippet promptSnippet(String name, Consumer<PromptSnippetSpec> customize) {
    PromptSnippetSpec spec = new PromptSnippetSpec();
    spec.setProjectKey(PROJECT);
    spec.setName("Snippet " + name);
    spec.setText("Text of " + name + ".");
    customize.accept(spec);
    PromptSnippet snippet = new PromptSnippet();
    snippet.setMetadata(new ObjectMetaBuilder().withName(name).build());
    snippet.setSpec(spec);
    return snippet;
  }

  /** An agent graph with no root and no edges yet; {@code customize} adds them. */
  public static AIAgentGraph agentGraph(String name, Consumer<AIAgentGraphSpec> customize) {
    AIAgentGraphSpec spec = new AIAgentGraphSpec();
    spec.setProjectKey(PROJECT);
    spec.setName("Graph " + name);
    customize.accept(spec);
    AIAgentGraph graph = new AIAgentGraph();
    graph.setMetadata(new ObjectMetaBuilder().withName(name).build());
    graph.setSpec(spec);
    return graph;
  }

  /** An AI Config as seeded in the stand-in, made outside the operator. */
  public static ObjectNode existingConfig(String key, String name) {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.put("key", key);
    config.put("name", name);
    return config;
  }
}
