package dev.ldai.operator.cli;

import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import java.util.List;
import java.util.Map;

/**
 * What an export read from LaunchDarkly, each list sorted by key: the configs asked for with the latest version
 * of their variations, their targeting by config key (read only when environments were asked for), and the
 * project's model configs (global ones included), AI tools, prompt snippets and agent graphs with their edges.
 */
record ProjectContents(
    List<LdAIConfig> configs,
    Map<String, LdTargeting> targetings,
    List<LdModelConfig> modelConfigs,
    List<LdAITool> tools,
    List<LdPromptSnippet> snippets,
    List<LdAgentGraph> agentGraphs) {}
