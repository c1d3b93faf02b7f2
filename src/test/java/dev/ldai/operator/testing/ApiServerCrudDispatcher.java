package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Fabric8 CRUD mock server, corrected where it answers differently from a real kube-apiserver in ways
 * the operator depends on:
 *
 * <ul>
 *   <li>A PATCH that removes the last finalizer of an object being deleted: the API server answers 200
 *       with the object as it was at that moment (then removes it); the mock answers 202 with an empty
 *       body, which the operator SDK reads as a null resource and fails on.
 *   <li>A JSON Patch that cannot be applied to the stored object (say, it removes a condition a concurrent
 *       write already removed): the API server answers 422; the mock fails with an exception and never
 *       answers, and the client waits out its request timeout.
 *   <li>A SelfSubjectRulesReview (leader election asks one): answered for a user allowed everything, as
 *       the mock cannot tell; it would otherwise store the review and answer it unfilled.
 *   <li>An {@code events.k8s.io/v1} Event whose {@code eventTime} is not a MicroTime with exactly six
 *       fractional digits: the API server refuses it with 400; the mock stores it.
 *   <li>A JSON merge patch: the API server applies RFC 7386 (a list is replaced whole, a null removes the
 *       member); the mock appends lists to the stored ones and stores nulls.
 * </ul>
 */
public class ApiServerCrudDispatcher extends KubernetesCrudDispatcher {

  /** The API server's MicroTime layout, {@code 2006-01-02T15:04:05.000000Z07:00}. */
  static final Pattern MICRO_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern EVENTS_V1 = Pattern.compile("/apis/events\\.k8s\\.io/v1/namespaces/[^/]+/events/?(\\?.*)?");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
  private static final String ALL_ALLOWED = """
      {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview",
       "status": {"incomplete": false, "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}]}}""";

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    if (request.getPath().startsWith(RULES_REVIEWS)) {
      return new MockResponse().setResponseCode(201).setBody(ALL_ALLOWED);
    }
    if (EVENTS_V1.matcher(request.getPath()).matches()) {
      JsonNode eventTime = read(body(request)).path("eventTime");
      if (!eventTime.isMissingNode() && !eventTime.isNull() && !MICRO_TIME.matcher(eventTime.asText()).matches()) {
        return badRequest("Event in version \"v1\" cannot be handled as a Event: parsing time \"%s\": eventTime must be a MicroTime with six fractional digits"
            .formatted(eventTime.asText()));
      }
    }
    return super.handleCreate(request);
  }

  /** One-shot merge patches of a resource to apply before its next status PATCH, by status path. */
  private static final Map<String, String> BEFORE_STATUS_PATCH = new ConcurrentHashMap<>();

  /**
   * Applies {@code mergePatch} to the resource at {@code path} (say
   * {@code /apis/ldai.dev/v1alpha1/namespaces/ns/aiconfigs/name}) right before its next status PATCH: the
   * change lands first, and its watch event goes out while that status write is under way, as a change
   * someone made at that moment would.
   */
  public static void beforeNextStatusPatch(String path, String mergePatch) {
    BEFORE_STATUS_PATCH.put(path + "/status", mergePatch);
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String statusPath = request.getPath().replaceAll("\\?.*", "");
    String first = BEFORE_STATUS_PATCH.remove(statusPath);
    if (first != null) {
      super.handlePatch(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, statusPath.replaceAll("/status$", ""),
          new Headers.Builder().add("Content-Type", "application/merge-patch+json").build(),
          new Buffer(first.getBytes(StandardCharsets.UTF_8))));
    }
    String patch = body(request);
    // Only a patch of the finalizers can release an object; looking it up costs a scan of the whole store.
    Map.Entry<?, String> before = patch.contains("finalizers") ? findResource(getKey(request.getPath())) : null;
    MockResponse response;
    try {
      response = super.handlePatch(request);
    } catch (JsonPatchException e) {
      return unprocessable("the server rejected our request due to an error in our request: " + e.getMessage());
    }
    if (before == null || response.code() != 202
        || response.getBody() != null && response.getBody().size() > 0) {
      return response;
    }
    return new MockResponse().setResponseCode(200)
        .setBody(lastState(read(before.getValue()), request.getHeader("Content-Type"), patch));
  }

  @Override
  public JsonNode merge(JsonNode stored, String patch) {
    return applyMergePatch(stored, read(patch));
  }

  /** RFC 7386's MergePatch function, as kube-apiserver applies an {@code application/merge-patch+json} body. */
  public static JsonNode applyMergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
    patch.fields().forEachRemaining(member -> {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        result.set(member.getKey(), applyMergePatch(result.get(member.getKey()), member.getValue()));
      }
    });
    return result;
  }

  /** The object as the removing patch left it: what the API server answers before it deletes it. */
  private static String lastState(JsonNode stored, String contentType, String patch) {
    JsonNode patched = String.valueOf(contentType).contains("json-patch")
        ? JsonPatch.apply(read(patch), stored)
        : applyMergePatch(stored, read(patch));
    ((ObjectNode) patched.get("metadata")).putArray("finalizers");
    return patched.toString();
  }

  private static MockResponse badRequest(String message) {
    return failure(400, "BadRequest", message);
  }

  private static MockResponse unprocessable(String message) {
    return failure(422, "Invalid", message);
  }

  private static MockResponse failure(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode()
        .put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
        .put("message", message).put("reason", reason).put("code", code);
    status.putObject("metadata");
    return new MockResponse().setResponseCode(code).setBody(status.toString());
  }

  /** The request body, read without consuming it (the mock server reads it after this class). */
  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "{}" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
