package dev.ldai.operator.launchdarkly;

import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdAIToolPatch;
import dev.ldai.operator.launchdarkly.api.LdAIToolPost;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPatch;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPost;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPatch;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPost;
import dev.ldai.operator.launchdarkly.api.LdTargetingPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

/**
 * The AI Configs endpoints of LaunchDarkly's REST API, AI tools, prompt snippets and agent graphs included,
 * as a Quarkus REST client. Every method answers the raw {@link Response}, so that status codes, headers and
 * error bodies are interpreted in one place ({@link RestLaunchDarklyClient}). Paths are those of
 * {@link Operation#route()}.
 * A method that sets {@code LD-API-Version} itself sends that version instead of the configured one
 * ({@link LaunchDarklyHeaders}).
 */
@Path("/api/v2/projects/{projectKey}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface LaunchDarklyApi {

  @GET
  @Path("/ai-configs")
  Response listConfigs(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @QueryParam("limit") int limit,
      @QueryParam("offset") int offset);

  @GET
  @Path("/ai-configs/{configKey}")
  Response getConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey);

  @POST
  @Path("/ai-configs")
  Response createConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      LdAIConfigPost body);

  @PATCH
  @Path("/ai-configs/{configKey}")
  Response patchConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      LdAIConfigPatch body);

  @DELETE
  @Path("/ai-configs/{configKey}")
  Response deleteConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey);

  @POST
  @Path("/ai-configs/{configKey}/variations")
  Response createVariation(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      LdVariationPost body);

  @GET
  @Path("/ai-configs/{configKey}/variations/{variationKey}")
  Response getVariation(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      @PathParam("variationKey") String variationKey);

  @PATCH
  @Path("/ai-configs/{configKey}/variations/{variationKey}")
  Response patchVariation(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      @PathParam("variationKey") String variationKey,
      LdVariationPatch body);

  @DELETE
  @Path("/ai-configs/{configKey}/variations/{variationKey}")
  Response deleteVariation(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      @PathParam("variationKey") String variationKey);

  @GET
  @Path("/ai-configs/model-configs")
  Response listModelConfigs(
      @HeaderParam("Authorization") String token, @PathParam("projectKey") String projectKey);

  @GET
  @Path("/ai-configs/model-configs/{modelConfigKey}")
  Response getModelConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("modelConfigKey") String modelConfigKey);

  @POST
  @Path("/ai-configs/model-configs")
  Response createModelConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      LdModelConfigPost body);

  @DELETE
  @Path("/ai-configs/model-configs/{modelConfigKey}")
  Response deleteModelConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("modelConfigKey") String modelConfigKey);

  @GET
  @Path("/ai-configs/{configKey}/targeting")
  Response getTargeting(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey);

  /** LaunchDarkly takes the body as a semantic patch only with this content type. */
  String SEMANTIC_PATCH = "application/json; domain-model=launchdarkly.semanticpatch";

  @PATCH
  @Path("/ai-configs/{configKey}/targeting")
  @Consumes(SEMANTIC_PATCH)
  Response patchTargeting(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      LdTargetingPatch body);

  @GET
  @Path("/ai-tools")
  Response listTools(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @QueryParam("limit") int limit,
      @QueryParam("offset") int offset);

  @GET
  @Path("/ai-tools/{toolKey}")
  Response getTool(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("toolKey") String toolKey);

  @POST
  @Path("/ai-tools")
  Response createTool(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      LdAIToolPost body);

  @PATCH
  @Path("/ai-tools/{toolKey}")
  Response patchTool(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("toolKey") String toolKey,
      LdAIToolPatch body);

  @DELETE
  @Path("/ai-tools/{toolKey}")
  Response deleteTool(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("toolKey") String toolKey);

  @GET
  @Path("/ai-tools/{toolKey}/versions")
  Response listToolVersions(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("toolKey") String toolKey,
      @QueryParam("limit") int limit,
      @QueryParam("offset") int offset);

  @GET
  @Path("/ai-tools/{toolKey}/references")
  Response listToolReferences(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("toolKey") String toolKey,
      @QueryParam("limit") int limit,
      @QueryParam("offset") int offset);

  @GET
  @Path("/ai-configs/prompt-snippets")
  Response listPromptSnippets(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @QueryParam("limit") int limit,
      @QueryParam("offset") int offset);

  @GET
  @Path("/ai-configs/prompt-snippets/{snippetKey}")
  Response getPromptSnippet(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("snippetKey") String snippetKey);

  @POST
  @Path("/ai-configs/prompt-snippets")
  Response createPromptSnippet(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      LdPromptSnippetPost body);

  @PATCH
  @Path("/ai-configs/prompt-snippets/{snippetKey}")
  Response patchPromptSnippet(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("snippetKey") String snippetKey,
      LdPromptSnippetPatch body);

  @DELETE
  @Path("/ai-configs/prompt-snippets/{snippetKey}")
  Response deletePromptSnippet(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("snippetKey") String snippetKey);

  @GET
  @Path("/ai-configs/prompt-snippets/{snippetKey}/versions")
  Response listPromptSnippetVersions(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("snippetKey") String snippetKey,
      @QueryParam("limit") int limit,
      @QueryParam("offset") int offset);

  @GET
  @Path("/ai-configs/prompt-snippets/{snippetKey}/references")
  Response listPromptSnippetReferences(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("snippetKey") String snippetKey,
      @QueryParam("limit") int limit,
      @QueryParam("offset") int offset);

  /** LaunchDarkly serves agent graphs in this API version only, and refuses any other. */
  String AGENT_GRAPHS_API_VERSION = "beta";

  @GET
  @Path("/agent-graphs")
  @ClientHeaderParam(name = LaunchDarklyHeaders.API_VERSION, value = AGENT_GRAPHS_API_VERSION)
  Response listAgentGraphs(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @QueryParam("limit") int limit,
      @QueryParam("offset") int offset);

  @GET
  @Path("/agent-graphs/{graphKey}")
  @ClientHeaderParam(name = LaunchDarklyHeaders.API_VERSION, value = AGENT_GRAPHS_API_VERSION)
  Response getAgentGraph(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("graphKey") String graphKey);

  @POST
  @Path("/agent-graphs")
  @ClientHeaderParam(name = LaunchDarklyHeaders.API_VERSION, value = AGENT_GRAPHS_API_VERSION)
  Response createAgentGraph(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      LdAgentGraphPost body);

  @PATCH
  @Path("/agent-graphs/{graphKey}")
  @ClientHeaderParam(name = LaunchDarklyHeaders.API_VERSION, value = AGENT_GRAPHS_API_VERSION)
  Response patchAgentGraph(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("graphKey") String graphKey,
      LdAgentGraphPatch body);

  @DELETE
  @Path("/agent-graphs/{graphKey}")
  @ClientHeaderParam(name = LaunchDarklyHeaders.API_VERSION, value = AGENT_GRAPHS_API_VERSION)
  Response deleteAgentGraph(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("graphKey") String graphKey);
}
