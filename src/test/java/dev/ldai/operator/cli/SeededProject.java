package dev.ldai.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdAIToolPatch;
import dev.ldai.operator.launchdarkly.api.LdAIToolPost;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphEdge;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPost;
import dev.ldai.operator.launchdarkly.api.LdJudge;
import dev.ldai.operator.launchdarkly.api.LdJudgeConfiguration;
import dev.ldai.operator.launchdarkly.api.LdMessage;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPost;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdTargetingPatch;
import dev.ldai.operator.launchdarkly.api.LdTool;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.targeting.AIConfigTargetingSpec;
import dev.ldai.operator.targeting.Clause;
import dev.ldai.operator.targeting.IndividualTargets;
import dev.ldai.operator.targeting.Rollout;
import dev.ldai.operator.targeting.TargetingMapping;
import dev.ldai.operator.targeting.TargetingRule;
import dev.ldai.operator.targeting.Weight;
import java.util.List;
import java.util.function.Consumer;

/**
 * A LaunchDarkly project made as a team would make it in the UI, through the API: every field the kinds manage,
 * Unicode and multi-line prompts, a snippet pinned in a prompt, a tool (at its second version) pinned by a
 * variation, a custom and a global model config, judges, an archived variation, an agent graph with a handoff,
 * a key that is not a Kubernetes name, and targeting with rollouts, rules and individual targets of two context
 * kinds in one environment and a plain default in the other.
 */
final class SeededProject {

  static final String SUPPORT = "support-assistant";
  static final String TRIAGE = "Triage_Agent";
  static final String BILLING = "billing-agent";
  static final String JUDGE = "tone-judge";
  static final String HOUSE_MODEL = "house-gpt";
  static final String TOOL = "web-search";
  static final String SNIPPET = "brand-voice";
  static final String GRAPH = "support-flow";
  static final List<String> CONFIG_KEYS = List.of(SUPPORT, TRIAGE, BILLING, JUDGE);
  static final String SYSTEM_PROMPT = """
      Du bist der Support-Assistent von Ännchen & Co. — 丁寧に、簡潔に。🙂
      {{snippet.brand-voice#1}}

        Regeln:
        - nie raten
        - "Zitate" und 'Apostrophe' bleiben: key: value # kein Kommentar
      """;
  static final String INSTRUCTIONS = """
      Sort each request: billing goes to the billing agent.
      Everything else you answer yourself — briefly.
      """;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SeededProject() {}

  static void create(LaunchDarklyStandIn launchDarkly, LaunchDarklyClient client, String project) {
    launchDarkly.addProject(project);
    client.createModelConfig(project, new LdModelConfigPost(HOUSE_MODEL, "House GPT", "gpt-4o", "robot", "openai",
        JSON.objectNode().put("temperature", 0.2).put("maxTokens", 800), JSON.objectNode().put("region", "eu"),
        List.of("models"), 0.0000025, 0.00001, 0.00000125));
    client.createTool(project, new LdAIToolPost(TOOL, "Searches the help centre", schema("query"),
        JSON.objectNode().put("timeoutMs", 1500), List.of("search"), null, "platform"));
    client.patchTool(project, TOOL, new LdAIToolPatch(null, schema("question"), null, null, null, null));
    client.createPromptSnippet(project, new LdPromptSnippetPost(SNIPPET, "Brand voice", "How we sound",
        "Sprich freundlich und klar.\nKeine Floskeln.\n", List.of("voice"), null, null));

    client.createConfig(project, new LdAIConfigPost(JUDGE, "Tone judge", null, "judge", null, null, null, null, null));
    client.createVariation(project, JUDGE, new LdVariationPost("strict", "Strict", List.of(new LdMessage("system",
        "Rate the tone from 1 to 5.")), null, "OpenAI.gpt-4o", null, null, null, null, null));

    client.createConfig(project, new LdAIConfigPost(SUPPORT, "Support assistant", "Answers customers — in German too",
        "completion", List.of("support", "tier-1"), null, "support-team", "csat", false));
    ObjectNode model = JSON.objectNode().put("modelName", "gpt-4o");
    model.putObject("parameters").put("temperature", 0.7).put("maxTokens", 500).putArray("stop").add("\n\n");
    model.putObject("custom").put("tenant", "eu-1");
    client.createVariation(project, SUPPORT, new LdVariationPost("friendly", "Friendly", List.of(
            new LdMessage("system", SYSTEM_PROMPT), new LdMessage("user", "{{question}}")),
        model, HOUSE_MODEL, "tuned in the UI", null, null, List.of(new LdTool(TOOL, 1)),
        new LdJudgeConfiguration(List.of(new LdJudge(JUDGE, 0.25)))));
    client.createVariation(project, SUPPORT, new LdVariationPost("precise", "Precise", List.of(
        new LdMessage("system", "Answer precisely.")), null, "OpenAI.gpt-4o", null, null, null, null, null));
    client.createVariation(project, SUPPORT, new LdVariationPost("legacy", "Legacy", List.of(
        new LdMessage("system", "Old prompt.")), null, null, null, null, null, null, null));
    client.patchVariation(project, SUPPORT, "legacy",
        new LdVariationPatch(null, null, null, null, null, null, null, null, null, "archived"));

    client.createConfig(project, new LdAIConfigPost(TRIAGE, "Triage agent", null, "agent", null, null, null, null, null));
    client.createVariation(project, TRIAGE, new LdVariationPost("default", "Default", null, null, "OpenAI.gpt-4o", null,
        "Routes requests", INSTRUCTIONS, List.of(new LdTool(TOOL, 2)), null));
    client.createConfig(project, new LdAIConfigPost(BILLING, "Billing agent", null, "agent", null, null, null, null, null));
    client.createVariation(project, BILLING, new LdVariationPost("default", "Default", null, null, "OpenAI.gpt-4o-mini",
        null, null, null, null, null));
    client.createAgentGraph(project, new LdAgentGraphPost(GRAPH, "Support flow", "Triage hands billing over", null, null,
        TRIAGE, List.of(new LdAgentGraphEdge("to-billing", TRIAGE, BILLING, JSON.objectNode().put("reason", "billing question")))));

    target(client, project, SUPPORT, "production", spec -> {
      spec.setDefaultRollout(new Rollout(List.of(new Weight("friendly", 60000), new Weight("precise", 40000)), "key", "user"));
      spec.setOffVariation("precise");
      spec.setTargets(List.of(new IndividualTargets("user", List.of("bob", "ann"), "precise"),
          new IndividualTargets("org", List.of("acme"), "friendly")));
      spec.setRules(List.of(rule("Nordics", "friendly", null, clause("user", "country", false, "SE", "NO")),
          rule(null, null, new Rollout(List.of(new Weight("friendly", 50000), new Weight("precise", 50000)), "orgId", "org"),
              clause("org", "plan", true, "free"))));
    });
    target(client, project, SUPPORT, "test", spec -> spec.setDefaultVariation("friendly"));
  }

  private static ObjectNode schema(String parameter) {
    ObjectNode schema = JSON.objectNode().put("type", "object");
    schema.putObject("properties").putObject(parameter).put("type", "string").put("description", "What to look for");
    schema.putArray("required").add(parameter);
    return schema;
  }

  /** Sets an environment's targeting with the semantic patch that brings it to the spec. */
  private static void target(LaunchDarklyClient client, String project, String config, String environment,
      Consumer<AIConfigTargetingSpec> wanted) {
    AIConfigTargetingSpec spec = new AIConfigTargetingSpec();
    spec.setEnvironmentKey(environment);
    wanted.accept(spec);
    LdTargeting targeting = client.getTargeting(project, config).orElseThrow();
    List<ObjectNode> instructions =
        TargetingMapping.diff(spec, targeting, targeting.environment(environment).orElseThrow()).change();
    client.patchTargeting(project, config, new LdTargetingPatch(environment, instructions, "set in the UI"));
  }

  private static TargetingRule rule(String description, String variation, Rollout rollout, Clause clause) {
    TargetingRule rule = new TargetingRule();
    rule.setDescription(description);
    rule.setVariation(variation);
    rule.setRollout(rollout);
    rule.setClauses(List.of(clause));
    return rule;
  }

  private static Clause clause(String contextKind, String attribute, boolean negate, String... values) {
    Clause clause = new Clause();
    clause.setContextKind(contextKind);
    clause.setAttribute(attribute);
    clause.setOp("in");
    clause.setNegate(negate);
    clause.setValues(java.util.Arrays.stream(values).<JsonNode>map(TextNode::valueOf).toList());
    return clause;
  }
}
