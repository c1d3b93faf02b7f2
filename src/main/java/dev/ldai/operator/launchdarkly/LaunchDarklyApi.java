package dev.ldai.operator.launchdarkly;

import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
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

/**
 * The AI Configs endpoints of LaunchDarkly's REST API as a Quarkus REST client. Every method answers the
 * raw {@link Response}, so that status codes, headers and error bodies are interpreted in one place
 * ({@link RestLaunchDarklyClient}).
 */
@Path("/api/v2/projects/{projectKey}/ai-configs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface LaunchDarklyApi {

  @GET
  Response listConfigs(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @QueryParam("limit") int limit,
      @QueryParam("offset") int offset);

  @GET
  @Path("/{configKey}")
  Response getConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey);

  @POST
  Response createConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      LdAIConfigPost body);

  @PATCH
  @Path("/{configKey}")
  Response patchConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      LdAIConfigPatch body);

  @DELETE
  @Path("/{configKey}")
  Response deleteConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey);

  @POST
  @Path("/{configKey}/variations")
  Response createVariation(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      LdVariationPost body);

  @GET
  @Path("/{configKey}/variations/{variationKey}")
  Response getVariation(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      @PathParam("variationKey") String variationKey);

  @PATCH
  @Path("/{configKey}/variations/{variationKey}")
  Response patchVariation(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      @PathParam("variationKey") String variationKey,
      LdVariationPatch body);

  @DELETE
  @Path("/{configKey}/variations/{variationKey}")
  Response deleteVariation(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      @PathParam("variationKey") String variationKey);

  @GET
  @Path("/model-configs")
  Response listModelConfigs(
      @HeaderParam("Authorization") String token, @PathParam("projectKey") String projectKey);

  @GET
  @Path("/model-configs/{modelConfigKey}")
  Response getModelConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("modelConfigKey") String modelConfigKey);

  @POST
  @Path("/model-configs")
  Response createModelConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      LdModelConfigPost body);

  @DELETE
  @Path("/model-configs/{modelConfigKey}")
  Response deleteModelConfig(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("modelConfigKey") String modelConfigKey);

  @GET
  @Path("/{configKey}/targeting")
  Response getTargeting(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey);

  /** LaunchDarkly takes the body as a semantic patch only with this content type. */
  String SEMANTIC_PATCH = "application/json; domain-model=launchdarkly.semanticpatch";

  @PATCH
  @Path("/{configKey}/targeting")
  @Consumes(SEMANTIC_PATCH)
  Response patchTargeting(
      @HeaderParam("Authorization") String token,
      @PathParam("projectKey") String projectKey,
      @PathParam("configKey") String configKey,
      LdTargetingPatch body);
}
