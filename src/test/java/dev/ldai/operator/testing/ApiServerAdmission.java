package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admission of the operator's resources by the {@link RealApiServer}: what it answers to a create or an
 * update of a manifest, leaving nothing behind.
 *
 * <p>Every manifest is sent to this admission's namespace, whatever namespace it names. A create is sent
 * with server-side dry run ({@code dryRun=All}). An update needs the old object stored: it is created (with
 * its status, through the status subresource) under a name of its own, the new object is sent as a dry-run
 * replace of it, and the old one is deleted again. Both send {@code fieldValidation=Warn}, so unknown fields
 * come back as warnings (they are pruned either way).
 *
 * <pre>{@code
 * ApiServerAdmission admission = ApiServerAdmission.in("crdadmissiontest");
 * assertThat(admission.create(Manifests.aiConfig("a", spec -> spec.setName(null))).violations())
 *     .contains("spec.name: Required value");
 * }</pre>
 */
public final class ApiServerAdmission {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String CONTENT_TYPE = "application/json";
  private static final String QUERY = "?dryRun=All&fieldValidation=Warn";
  /** As kubectl sends since 1.27 ({@code --validate=strict}): an unknown field is a refusal, not a warning. */
  private static final String STRICT_QUERY = "?dryRun=All&fieldValidation=Strict";
  /** The text of an RFC 7234 warning header as the API server writes it: {@code 299 - "text"}. */
  private static final Pattern WARNING = Pattern.compile("^\\d{3} \\S+ \"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern UNKNOWN_FIELD = Pattern.compile("^unknown field \"(.*)\"$");

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, String> pluralByKind = new HashMap<>();
  private final AtomicInteger serial = new AtomicInteger();

  private ApiServerAdmission(KubernetesClient client, String namespace, List<CustomResourceDefinition> crds) {
    this.client = client;
    this.namespace = namespace;
    for (CustomResourceDefinition crd : crds) {
      pluralByKind.put(crd.getSpec().getNames().getKind(), crd.getSpec().getNames().getPlural());
    }
  }

  /**
   * Admission by the real API server (the test is skipped where there is none) with the committed CRDs, for
   * resources of {@code namespace}, which is created if need be and belongs to the calling test class.
   */
  public static ApiServerAdmission in(String namespace) {
    RealApiServer server = RealApiServer.orSkip().withCrds();
    server.client().namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .serverSideApply();
    return new ApiServerAdmission(server.client(), namespace, Crds.committed());
  }

  /**
   * Admission of the kind {@code crd} defines as well: a CRD of the calling test's own, which the test installs
   * (and removes) itself.
   */
  public ApiServerAdmission alsoFor(CustomResourceDefinition crd) {
    pluralByKind.put(crd.getSpec().getNames().getKind(), crd.getSpec().getNames().getPlural());
    return this;
  }

  /** What the server answers to a create of {@code manifest}: a Fabric8 resource, a JSON tree or YAML text. */
  public Result create(Object manifest) {
    ObjectNode object = inNamespace(manifest);
    return send(HttpRequest.Builder::post, collection(object) + QUERY, object);
  }

  /**
   * What the server answers to a create of {@code manifest} with strict field validation, as kubectl sends it:
   * an unknown field is refused (400, {@code strict decoding error: unknown field "spec.foo"}) instead of pruned.
   */
  public Result createStrictly(Object manifest) {
    ObjectNode object = inNamespace(manifest);
    return send(HttpRequest.Builder::post, collection(object) + STRICT_QUERY, object);
  }

  /**
   * What the server answers to an update from {@code old}, stored first (a test error if the server refuses
   * it) and deleted after, to {@code updated}. Both are sent under a name of their own, so that cases never
   * collide.
   */
  public Result update(Object old, Object updated) {
    JsonNode stored = store(old);
    try {
      return replace(stored, updated);
    } finally {
      delete(stored);
    }
  }

  /**
   * Creates {@code manifest} for real, under its name with a number appended, then writes its status if it
   * has one; a test error if the server refuses either. Returns the object as stored.
   */
  public JsonNode store(Object manifest) {
    ObjectNode object = inNamespace(manifest);
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    metadata.put("name", metadata.path("name").asText() + "-" + serial.incrementAndGet());
    ObjectNode created = (ObjectNode) refusedIsATestError(send(HttpRequest.Builder::post, collection(object), object));
    if (!object.has("status")) {
      return created;
    }
    created.set("status", object.get("status"));
    return refusedIsATestError(send(HttpRequest.Builder::put, item(created) + "/status", created));
  }

  /** What the server answers to a replace of the {@code stored} object by {@code updated}, under the stored name. */
  public Result replace(JsonNode stored, Object updated) {
    ObjectNode object = inNamespace(updated);
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    metadata.put("name", stored.at("/metadata/name").asText());
    metadata.put("resourceVersion", stored.at("/metadata/resourceVersion").asText());
    return send(HttpRequest.Builder::put, item(object) + QUERY, object);
  }

  /** Deletes an object {@link #store stored} before. */
  public void delete(JsonNode stored) {
    refusedIsATestError(send((builder, type, body) -> builder.delete(type, body), item(stored), null));
  }

  private static JsonNode refusedIsATestError(Result result) {
    if (!result.allowed()) {
      throw new IllegalStateException("The server refused an object that a test needs stored: " + result);
    }
    return result.object();
  }

  private ObjectNode inNamespace(Object manifest) {
    ObjectNode object = tree(manifest);
    if (!object.path("metadata").isObject()) {
      object.putObject("metadata");
    }
    ((ObjectNode) object.get("metadata")).put("namespace", namespace);
    return object;
  }

  private static ObjectNode tree(Object manifest) {
    try {
      JsonNode tree = manifest instanceof String text ? Yaml.MAPPER.readTree(text) : SERIALIZATION.convertValue(manifest, JsonNode.class);
      if (!(tree instanceof ObjectNode object)) {
        throw new IllegalArgumentException("Not an object: " + manifest);
      }
      return object.deepCopy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String collection(JsonNode object) {
    String kind = object.path("kind").asText();
    String plural = pluralByKind.get(kind);
    if (plural == null) {
      throw new IllegalArgumentException("No CRD of this admission defines the kind " + kind + "; known: " + pluralByKind.keySet());
    }
    return client.getMasterUrl().toString().replaceAll("/$", "") + "/apis/" + object.path("apiVersion").asText()
        + "/namespaces/" + namespace + "/" + plural;
  }

  private String item(JsonNode object) {
    return collection(object) + "/" + object.at("/metadata/name").asText();
  }

  private interface Method {
    HttpRequest.Builder apply(HttpRequest.Builder builder, String contentType, String body);
  }

  private Result send(Method method, String uri, JsonNode body) {
    HttpRequest request = method.apply(client.getHttpClient().newHttpRequestBuilder().uri(uri), CONTENT_TYPE,
        body == null ? null : body.toString()).build();
    try {
      HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).get();
      return new Result(response.code(), JSON.readTree(response.body()), warnings(response.headers("Warning")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("No answer from the real API server to " + uri, e.getCause());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> warnings(List<String> headers) {
    List<String> warnings = new ArrayList<>();
    for (String header : headers == null ? List.<String>of() : headers) {
      Matcher matcher = WARNING.matcher(header);
      warnings.add(matcher.find() ? matcher.group(1).replaceAll("\\\\(.)", "$1") : header);
    }
    return warnings;
  }

  /** The server's answer. */
  public static final class Result {
    private final int code;
    private final JsonNode body;
    private final List<String> warnings;

    Result(int code, JsonNode body, List<String> warnings) {
      this.code = code;
      this.body = body;
      this.warnings = List.copyOf(warnings);
    }

    /** Whether the server accepted the request. */
    public boolean allowed() {
      return code >= 200 && code < 300;
    }

    /** The HTTP status code, e.g. 201, 422 (invalid) or 413 (too large). */
    public int code() {
      return code;
    }

    /**
     * The refusals as the API server words them, one per cause of its Status: {@code spec.name: Required
     * value}. A refusal without causes (e.g. a request too large) is its Status message alone.
     */
    public List<String> violations() {
      if (allowed()) {
        return List.of();
      }
      JsonNode causes = body.at("/details/causes");
      if (!causes.isArray() || causes.isEmpty()) {
        return List.of(message());
      }
      List<String> violations = new ArrayList<>();
      causes.forEach(cause -> violations.add(cause.path("field").asText() + ": " + cause.path("message").asText()));
      return violations;
    }

    /** The message of the refusal's Status, e.g. {@code AIConfig.ldai.dev "a" is invalid: ...}; empty when allowed. */
    public String message() {
      return allowed() ? "" : body.path("message").asText();
    }

    /** The texts of the server's {@code Warning} headers, e.g. {@code unknown field "spec.promt"}. */
    public List<String> warnings() {
      return warnings;
    }

    /** The fields the server dropped because the schema does not declare them, e.g. {@code spec.promt}. */
    public List<String> prunedFields() {
      List<String> fields = new ArrayList<>();
      for (String warning : warnings) {
        Matcher matcher = UNKNOWN_FIELD.matcher(warning);
        if (matcher.matches()) {
          fields.add(matcher.group(1));
        }
      }
      return fields;
    }

    /** The object as the server would store it (pruned and defaulted); only when allowed. */
    public JsonNode object() {
      if (!allowed()) {
        throw new IllegalStateException("Refused, no object: " + this);
      }
      return body.deepCopy();
    }

    @Override
    public String toString() {
      return allowed() ? "allowed" + (warnings.isEmpty() ? "" : " with warnings " + warnings) : code + " " + message();
    }
  }
}
