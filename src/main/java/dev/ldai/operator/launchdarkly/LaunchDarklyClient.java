package dev.ldai.operator.launchdarkly;

import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPage;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAIToolPage;
import dev.ldai.operator.launchdarkly.api.LdAIToolPatch;
import dev.ldai.operator.launchdarkly.api.LdAIToolPost;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPage;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPatch;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPost;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
import dev.ldai.operator.launchdarkly.api.LdPage;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPage;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPatch;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPost;
import dev.ldai.operator.launchdarkly.api.LdSnippetReference;
import dev.ldai.operator.launchdarkly.api.LdSnippetReferences;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdTargetingPatch;
import dev.ldai.operator.launchdarkly.api.LdToolReference;
import dev.ldai.operator.launchdarkly.api.LdToolReferences;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import dev.ldai.operator.launchdarkly.api.LdVariationVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The AI Configs endpoints of LaunchDarkly's REST API, AI tools, prompt snippets and agent graphs included,
 * bound to one API token. Every failure is a {@link LaunchDarklyException}; a missing object is an empty
 * {@code Optional} (reads) or {@code false} (deletes), never an exception.
 */
public interface LaunchDarklyClient {

  /**
   * The page size of every listing: the largest page LaunchDarkly serves for configs. Its description states
   * none for tools, prompt snippets and their references; the same is used for them.
   */
  int PAGE_SIZE = 100;

  /** How many times a read refused with a 429 is asked in all; see {@link #askedAgainWhileRateLimited}. */
  int READ_ATTEMPTS = 4;

  /** One page of the project's configs, each with the latest version of its variations. */
  LdAIConfigPage listConfigs(String projectKey, int limit, int offset);

  /** All of the project's configs, read {@value #PAGE_SIZE} at a time. */
  default List<LdAIConfig> listAllConfigs(String projectKey) {
    return allPages(offset -> Optional.of(listConfigs(projectKey, PAGE_SIZE, offset))).orElseThrow();
  }

  Optional<LdAIConfig> getConfig(String projectKey, String configKey);

  LdAIConfig createConfig(String projectKey, LdAIConfigPost body);

  LdAIConfig patchConfig(String projectKey, String configKey, LdAIConfigPatch body);

  /** @return false when LaunchDarkly had no such config */
  boolean deleteConfig(String projectKey, String configKey);

  LdVariation createVariation(String projectKey, String configKey, LdVariationPost body);

  /** Every version LaunchDarkly holds for the variation key, with {@code totalCount}. */
  Optional<LdVariationVersions> getVariation(String projectKey, String configKey, String variationKey);

  LdVariation patchVariation(
      String projectKey, String configKey, String variationKey, LdVariationPatch body);

  /** @return false when LaunchDarkly had no such variation */
  boolean deleteVariation(String projectKey, String configKey, String variationKey);

  /** The project's model configs, global ones included. */
  List<LdModelConfig> listModelConfigs(String projectKey);

  Optional<LdModelConfig> getModelConfig(String projectKey, String modelConfigKey);

  LdModelConfig createModelConfig(String projectKey, LdModelConfigPost body);

  /** @return false when LaunchDarkly had no such model config */
  boolean deleteModelConfig(String projectKey, String modelConfigKey);

  /** The config's targeting in every environment; empty when LaunchDarkly has no such config. */
  Optional<LdTargeting> getTargeting(String projectKey, String configKey);

  LdTargeting patchTargeting(String projectKey, String configKey, LdTargetingPatch body);

  /** One page of the project's AI tools, each at its latest version. */
  LdAIToolPage listTools(String projectKey, int limit, int offset);

  /** All of the project's AI tools, read {@value #PAGE_SIZE} at a time. */
  default List<LdAITool> listAllTools(String projectKey) {
    return allPages(offset -> Optional.of(listTools(projectKey, PAGE_SIZE, offset))).orElseThrow();
  }

  /** The tool at its latest version. */
  Optional<LdAITool> getTool(String projectKey, String toolKey);

  LdAITool createTool(String projectKey, LdAIToolPost body);

  LdAITool patchTool(String projectKey, String toolKey, LdAIToolPatch body);

  /** @return false when LaunchDarkly had no such tool */
  boolean deleteTool(String projectKey, String toolKey);

  /** One page of the tool's versions, with {@code totalCount}; empty when LaunchDarkly has no such tool. */
  Optional<LdAIToolPage> listToolVersions(String projectKey, String toolKey, int limit, int offset);

  /** One page of the variations pinning the tool; empty when LaunchDarkly has no such tool. */
  Optional<LdToolReferences> listToolReferences(String projectKey, String toolKey, int limit, int offset);

  /** Every variation pinning the tool, read {@value #PAGE_SIZE} at a time; empty when it is gone. */
  default Optional<List<LdToolReference>> listAllToolReferences(String projectKey, String toolKey) {
    return allPages(offset -> listToolReferences(projectKey, toolKey, PAGE_SIZE, offset));
  }

  /** One page of the project's prompt snippets, each at its latest version. */
  LdPromptSnippetPage listPromptSnippets(String projectKey, int limit, int offset);

  /** All of the project's prompt snippets, read {@value #PAGE_SIZE} at a time. */
  default List<LdPromptSnippet> listAllPromptSnippets(String projectKey) {
    return allPages(offset -> Optional.of(listPromptSnippets(projectKey, PAGE_SIZE, offset))).orElseThrow();
  }

  /** The snippet at its latest version. */
  Optional<LdPromptSnippet> getPromptSnippet(String projectKey, String snippetKey);

  LdPromptSnippet createPromptSnippet(String projectKey, LdPromptSnippetPost body);

  /** Creates a new version of the snippet. */
  LdPromptSnippet patchPromptSnippet(String projectKey, String snippetKey, LdPromptSnippetPatch body);

  /** @return false when LaunchDarkly had no such prompt snippet */
  boolean deletePromptSnippet(String projectKey, String snippetKey);

  /**
   * One page of the snippet's versions, newest first, with {@code totalCount}; empty when LaunchDarkly has
   * no such snippet.
   */
  Optional<LdPromptSnippetPage> listPromptSnippetVersions(
      String projectKey, String snippetKey, int limit, int offset);

  /** One page of the variations pinning the snippet; empty when LaunchDarkly has no such snippet. */
  Optional<LdSnippetReferences> listPromptSnippetReferences(
      String projectKey, String snippetKey, int limit, int offset);

  /** Every variation pinning the snippet, read {@value #PAGE_SIZE} at a time; empty when it is gone. */
  default Optional<List<LdSnippetReference>> listAllPromptSnippetReferences(String projectKey, String snippetKey) {
    return allPages(offset -> listPromptSnippetReferences(projectKey, snippetKey, PAGE_SIZE, offset));
  }

  /** One page of the project's agent graphs, each without its edges. */
  LdAgentGraphPage listAgentGraphs(String projectKey, int limit, int offset);

  /** All of the project's agent graphs, without their edges, read {@value #PAGE_SIZE} at a time. */
  default List<LdAgentGraph> listAllAgentGraphs(String projectKey) {
    return allPages(offset -> Optional.of(listAgentGraphs(projectKey, PAGE_SIZE, offset))).orElseThrow();
  }

  /** The graph with its root config and edges. */
  Optional<LdAgentGraph> getAgentGraph(String projectKey, String graphKey);

  LdAgentGraph createAgentGraph(String projectKey, LdAgentGraphPost body);

  /** Replaces the fields the patch holds; edges sent replace all of the graph's edges. */
  LdAgentGraph patchAgentGraph(String projectKey, String graphKey, LdAgentGraphPatch body);

  /** @return false when LaunchDarkly had no such agent graph */
  boolean deleteAgentGraph(String projectKey, String graphKey);

  /**
   * A read asked again, up to {@value #READ_ATTEMPTS} times in all, while LaunchDarkly refuses it with a 429:
   * the refusal pauses the token's rate limiter, which holds the next attempt until the pause ends (or
   * throws {@link dev.ldai.operator.launchdarkly.ratelimit.ThrottledException} when that is too long). A read of
   * many calls, like a project listing that many reconciles wait for, is then not thrown away for one refused
   * call. A 429 means LaunchDarkly did not handle the call.
   */
  static <T> T askedAgainWhileRateLimited(Supplier<T> read) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (LaunchDarklyException e) {
        if (e.kind() != ErrorKind.RATE_LIMITED || attempt == READ_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * The items of every page of a listing, asking for the next page at the number of items read so far,
   * until {@code totalCount} is reached or a page is empty; empty when a page is not found (its object is
   * gone). A page refused with a 429 is asked again ({@link #askedAgainWhileRateLimited}).
   */
  private static <T> Optional<List<T>> allPages(IntFunction<Optional<? extends LdPage<T>>> pageAt) {
    List<T> all = new ArrayList<>();
    while (true) {
      int offset = all.size();
      Optional<? extends LdPage<T>> page = askedAgainWhileRateLimited(() -> pageAt.apply(offset));
      if (page.isEmpty()) {
        return Optional.empty();
      }
      List<T> items = page.get().items() == null ? List.of() : page.get().items();
      all.addAll(items);
      Integer total = page.get().totalCount();
      if (items.isEmpty() || total == null || all.size() >= total) {
        return Optional.of(all);
      }
    }
  }
}
