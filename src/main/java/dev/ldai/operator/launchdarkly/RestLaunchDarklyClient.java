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
import dev.ldai.operator.launchdarkly.api.LdError;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPage;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPatch;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPost;
import dev.ldai.operator.launchdarkly.api.LdSnippetReferences;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdTargetingPatch;
import dev.ldai.operator.launchdarkly.api.LdToolReferences;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import dev.ldai.operator.launchdarkly.api.LdVariationVersions;
import dev.ldai.operator.launchdarkly.ratelimit.RateLimitAdvice;
import dev.ldai.operator.launchdarkly.ratelimit.ThrottledException;
import dev.ldai.operator.launchdarkly.ratelimit.TokenRateLimiter;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * {@link LaunchDarklyClient} over the REST API, bound to one token: every call waits for the token's
 * rate limiter, feeds what LaunchDarkly says about the budgets back to it, and is measured.
 */
final class RestLaunchDarklyClient implements LaunchDarklyClient {

  private static final Logger LOG = Logger.getLogger(RestLaunchDarklyClient.class);
  private static final GenericType<List<LdModelConfig>> MODEL_CONFIG_LIST = new GenericType<>() {};

  private final LaunchDarklyApi api;
  private final ApiToken token;
  private final Clock clock;
  private final TokenRateLimiter limiter;
  private final LaunchDarklyMetrics metrics;
  private final Runnable onRevoked;

  /** {@code onRevoked}: run when LaunchDarkly answers that the token is not (or no longer) valid. */
  RestLaunchDarklyClient(LaunchDarklyApi api, ApiToken token, Clock clock, TokenRateLimiter limiter,
      LaunchDarklyMetrics metrics, Runnable onRevoked) {
    this.api = api;
    this.token = token;
    this.clock = clock;
    this.limiter = limiter;
    this.metrics = metrics;
    this.onRevoked = onRevoked;
  }

  @Override
  public LdAIConfigPage listConfigs(String projectKey, int limit, int offset) {
    return expect(Operation.LIST_CONFIGS, () -> api.listConfigs(token.reveal(), projectKey, limit, offset), r -> r.readEntity(LdAIConfigPage.class));
  }

  @Override
  public Optional<LdAIConfig> getConfig(String projectKey, String configKey) {
    return find(Operation.GET_CONFIG, () -> api.getConfig(token.reveal(), projectKey, configKey), r -> r.readEntity(LdAIConfig.class));
  }

  @Override
  public LdAIConfig createConfig(String projectKey, LdAIConfigPost body) {
    return expect(Operation.CREATE_CONFIG, () -> api.createConfig(token.reveal(), projectKey, body), r -> r.readEntity(LdAIConfig.class));
  }

  @Override
  public LdAIConfig patchConfig(String projectKey, String configKey, LdAIConfigPatch body) {
    return expect(Operation.PATCH_CONFIG, () -> api.patchConfig(token.reveal(), projectKey, configKey, body), r -> r.readEntity(LdAIConfig.class));
  }

  @Override
  public Optional<LdTargeting> getTargeting(String projectKey, String configKey) {
    return find(Operation.GET_TARGETING, () -> api.getTargeting(token.reveal(), projectKey, configKey),
        r -> r.readEntity(LdTargeting.class));
  }

  @Override
  public LdTargeting patchTargeting(String projectKey, String configKey, LdTargetingPatch body) {
    return expect(Operation.PATCH_TARGETING, () -> api.patchTargeting(token.reveal(), projectKey, configKey, body),
        r -> r.readEntity(LdTargeting.class));
  }

  @Override
  public boolean deleteConfig(String projectKey, String configKey) {
    return delete(Operation.DELETE_CONFIG, () -> api.deleteConfig(token.reveal(), projectKey, configKey));
  }

  @Override
  public LdVariation createVariation(String projectKey, String configKey, LdVariationPost body) {
    return expect(
        Operation.CREATE_VARIATION,
        () -> api.createVariation(token.reveal(), projectKey, configKey, body), r -> r.readEntity(LdVariation.class));
  }

  @Override
  public Optional<LdVariationVersions> getVariation(String projectKey, String configKey, String variationKey) {
    return find(
        Operation.GET_VARIATION,
        () -> api.getVariation(token.reveal(), projectKey, configKey, variationKey),
        r -> r.readEntity(LdVariationVersions.class));
  }

  @Override
  public LdVariation patchVariation(
      String projectKey, String configKey, String variationKey, LdVariationPatch body) {
    return expect(
        Operation.PATCH_VARIATION,
        () -> api.patchVariation(token.reveal(), projectKey, configKey, variationKey, body),
        r -> r.readEntity(LdVariation.class));
  }

  @Override
  public boolean deleteVariation(String projectKey, String configKey, String variationKey) {
    return delete(Operation.DELETE_VARIATION, () -> api.deleteVariation(token.reveal(), projectKey, configKey, variationKey));
  }

  @Override
  public List<LdModelConfig> listModelConfigs(String projectKey) {
    return expect(Operation.LIST_MODEL_CONFIGS, () -> api.listModelConfigs(token.reveal(), projectKey), r -> r.readEntity(MODEL_CONFIG_LIST));
  }

  @Override
  public Optional<LdModelConfig> getModelConfig(String projectKey, String modelConfigKey) {
    return find(
        Operation.GET_MODEL_CONFIG,
        () -> api.getModelConfig(token.reveal(), projectKey, modelConfigKey), r -> r.readEntity(LdModelConfig.class));
  }

  @Override
  public LdModelConfig createModelConfig(String projectKey, LdModelConfigPost body) {
    return expect(Operation.CREATE_MODEL_CONFIG, () -> api.createModelConfig(token.reveal(), projectKey, body), r -> r.readEntity(LdModelConfig.class));
  }

  @Override
  public boolean deleteModelConfig(String projectKey, String modelConfigKey) {
    return delete(Operation.DELETE_MODEL_CONFIG, () -> api.deleteModelConfig(token.reveal(), projectKey, modelConfigKey));
  }

  @Override
  public LdAIToolPage listTools(String projectKey, int limit, int offset) {
    return expect(Operation.LIST_TOOLS, () -> api.listTools(token.reveal(), projectKey, limit, offset),
        r -> r.readEntity(LdAIToolPage.class));
  }

  @Override
  public Optional<LdAITool> getTool(String projectKey, String toolKey) {
    return find(Operation.GET_TOOL, () -> api.getTool(token.reveal(), projectKey, toolKey), r -> r.readEntity(LdAITool.class));
  }

  @Override
  public LdAITool createTool(String projectKey, LdAIToolPost body) {
    return expect(Operation.CREATE_TOOL, () -> api.createTool(token.reveal(), projectKey, body), r -> r.readEntity(LdAITool.class));
  }

  @Override
  public LdAITool patchTool(String projectKey, String toolKey, LdAIToolPatch body) {
    return expect(Operation.PATCH_TOOL, () -> api.patchTool(token.reveal(), projectKey, toolKey, body),
        r -> r.readEntity(LdAITool.class));
  }

  @Override
  public boolean deleteTool(String projectKey, String toolKey) {
    return delete(Operation.DELETE_TOOL, () -> api.deleteTool(token.reveal(), projectKey, toolKey));
  }

  @Override
  public Optional<LdAIToolPage> listToolVersions(String projectKey, String toolKey, int limit, int offset) {
    return find(Operation.LIST_TOOL_VERSIONS, () -> api.listToolVersions(token.reveal(), projectKey, toolKey, limit, offset),
        r -> r.readEntity(LdAIToolPage.class));
  }

  @Override
  public Optional<LdToolReferences> listToolReferences(String projectKey, String toolKey, int limit, int offset) {
    return find(Operation.LIST_TOOL_REFERENCES,
        () -> api.listToolReferences(token.reveal(), projectKey, toolKey, limit, offset),
        r -> r.readEntity(LdToolReferences.class));
  }

  @Override
  public LdPromptSnippetPage listPromptSnippets(String projectKey, int limit, int offset) {
    return expect(Operation.LIST_PROMPT_SNIPPETS, () -> api.listPromptSnippets(token.reveal(), projectKey, limit, offset),
        r -> r.readEntity(LdPromptSnippetPage.class));
  }

  @Override
  public Optional<LdPromptSnippet> getPromptSnippet(String projectKey, String snippetKey) {
    return find(Operation.GET_PROMPT_SNIPPET, () -> api.getPromptSnippet(token.reveal(), projectKey, snippetKey),
        r -> r.readEntity(LdPromptSnippet.class));
  }

  @Override
  public LdPromptSnippet createPromptSnippet(String projectKey, LdPromptSnippetPost body) {
    return expect(Operation.CREATE_PROMPT_SNIPPET, () -> api.createPromptSnippet(token.reveal(), projectKey, body),
        r -> r.readEntity(LdPromptSnippet.class));
  }

  @Override
  public LdPromptSnippet patchPromptSnippet(String projectKey, String snippetKey, LdPromptSnippetPatch body) {
    return expect(Operation.PATCH_PROMPT_SNIPPET, () -> api.patchPromptSnippet(token.reveal(), projectKey, snippetKey, body),
        r -> r.readEntity(LdPromptSnippet.class));
  }

  @Override
  public boolean deletePromptSnippet(String projectKey, String snippetKey) {
    return delete(Operation.DELETE_PROMPT_SNIPPET, () -> api.deletePromptSnippet(token.reveal(), projectKey, snippetKey));
  }

  @Override
  public Optional<LdPromptSnippetPage> listPromptSnippetVersions(
      String projectKey, String snippetKey, int limit, int offset) {
    return find(Operation.LIST_PROMPT_SNIPPET_VERSIONS,
        () -> api.listPromptSnippetVersions(token.reveal(), projectKey, snippetKey, limit, offset),
        r -> r.readEntity(LdPromptSnippetPage.class));
  }

  @Override
  public Optional<LdSnippetReferences> listPromptSnippetReferences(
      String projectKey, String snippetKey, int limit, int offset) {
    return find(Operation.LIST_PROMPT_SNIPPET_REFERENCES,
        () -> api.listPromptSnippetReferences(token.reveal(), projectKey, snippetKey, limit, offset),
        r -> r.readEntity(LdSnippetReferences.class));
  }

  @Override
  public LdAgentGraphPage listAgentGraphs(String projectKey, int limit, int offset) {
    return expect(Operation.LIST_AGENT_GRAPHS, () -> api.listAgentGraphs(token.reveal(), projectKey, limit, offset),
        r -> r.readEntity(LdAgentGraphPage.class));
  }

  @Override
  public Optional<LdAgentGraph> getAgentGraph(String projectKey, String graphKey) {
    return find(Operation.GET_AGENT_GRAPH, () -> api.getAgentGraph(token.reveal(), projectKey, graphKey),
        r -> r.readEntity(LdAgentGraph.class));
  }

  @Override
  public LdAgentGraph createAgentGraph(String projectKey, LdAgentGraphPost body) {
    return expect(Operation.CREATE_AGENT_GRAPH, () -> api.createAgentGraph(token.reveal(), projectKey, body),
        r -> r.readEntity(LdAgentGraph.class));
  }

  @Override
  public LdAgentGraph patchAgentGraph(String projectKey, String graphKey, LdAgentGraphPatch body) {
    return expect(Operation.PATCH_AGENT_GRAPH, () -> api.patchAgentGraph(token.reveal(), projectKey, graphKey, body),
        r -> r.readEntity(LdAgentGraph.class));
  }

  @Override
  public boolean deleteAgentGraph(String projectKey, String graphKey) {
    return delete(Operation.DELETE_AGENT_GRAPH, () -> api.deleteAgentGraph(token.reveal(), projectKey, graphKey));
  }

  private <T> T expect(Operation operation, Supplier<Response> call, Function<Response, T> body) {
    try (Response response = send(operation, call)) {
      if (isSuccess(response)) {
        return body.apply(response);
      }
      throw failure(response);
    } catch (ProcessingException e) {
      throw ioFailure(e);
    }
  }

  private <T> Optional<T> find(Operation operation, Supplier<Response> call, Function<Response, T> body) {
    try (Response response = send(operation, call)) {
      if (response.getStatus() == 404) {
        return Optional.empty();
      }
      if (isSuccess(response)) {
        return Optional.of(body.apply(response));
      }
      throw failure(response);
    } catch (ProcessingException e) {
      throw ioFailure(e);
    }
  }

  private boolean delete(Operation operation, Supplier<Response> call) {
    try (Response response = send(operation, call)) {
      if (response.getStatus() == 404) {
        return false;
      }
      if (isSuccess(response)) {
        return true;
      }
      throw failure(response);
    } catch (ProcessingException e) {
      throw ioFailure(e);
    }
  }

  private Response send(Operation operation, Supplier<Response> call) {
    TokenRateLimiter.Permit permit;
    try {
      permit = limiter.acquire(operation.name());
    } catch (ThrottledException e) {
      metrics.throttled(operation);
      throw e;
    }
    try (permit) {
      long start = System.nanoTime();
      try {
        Response response = call.get();
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        limiter.observe(operation.name(), RateLimitAdvice.from(response.getStatus(), response::getHeaderString));
        metrics.request(operation, response.getStatus(), latency);
        LOG.debugf("LaunchDarkly %s %s -> %d in %d ms", operation.method(), operation.route(), response.getStatus(),
            latency.toMillis());
        if (response.getStatus() == 401) {
          onRevoked.run();
        }
        return response;
      } catch (ProcessingException e) {
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        metrics.request(operation, 0, latency);
        LOG.debugf("LaunchDarkly %s %s -> no answer after %d ms: %s", operation.method(), operation.route(),
            latency.toMillis(), e.getMessage());
        throw e;
      }
    }
  }

  private static boolean isSuccess(Response response) {
    return response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL;
  }

  private LaunchDarklyException failure(Response response) {
    int status = response.getStatus();
    LdError error = readError(response);
    String message = error.message() != null ? error.message() : "HTTP " + status + " without an error message";
    return new LaunchDarklyException(
        status,
        error.code(),
        message,
        ErrorClassifier.classify(status, error.code(), message),
        ErrorClassifier.retryAfter(
                response.getHeaderString("Retry-After"), response.getHeaderString("X-Ratelimit-Reset"), clock)
            .orElse(null),
        null);
  }

  private static LdError readError(Response response) {
    if (!response.hasEntity()) {
      return new LdError(null, null);
    }
    String text = response.readEntity(String.class);
    try {
      return io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().readValue(text, LdError.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return new LdError(null, "unreadable error body (" + Math.min(text.length(), 10_000) + " characters)");
    }
  }

  /** The cause's message names the host and the failure, never the headers that carry the token. */
  private static LaunchDarklyException ioFailure(ProcessingException e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String description = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return new LaunchDarklyException(0, null, description, ErrorKind.TRANSIENT, null, e);
  }
}
