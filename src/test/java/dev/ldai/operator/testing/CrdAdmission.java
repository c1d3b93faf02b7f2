package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test-side admission of custom resources: what a real API server does with a create or update of a kind
 * defined by a CRD, which the Fabric8 mock server does not do. Reads the CRD YAML (normally the committed
 * {@code crds/*.yml}), then for each request:
 *
 * <ol>
 *   <li>drops {@code status} when the CRD has a status subresource (create; update keeps the old status);
 *   <li>prunes fields the schema does not declare — <em>silently</em>, reported by {@link
 *       Result#prunedFields()} and as {@code unknown field "spec.x"} {@link Result#warnings()} — drops
 *       {@code null}s of non-nullable fields and applies {@code default}s ({@link Result#object()} is the
 *       result);
 *   <li>validates {@code metadata.name} (required on create, a DNS subdomain), then the structural schema
 *       (type, required, enum, pattern, format, min/max(+exclusive), min/maxLength, min/maxItems,
 *       min/maxProperties, nullable, additionalProperties, x-kubernetes-preserve-unknown-fields,
 *       x-kubernetes-int-or-string);
 *   <li>evaluates the {@code x-kubernetes-validations} CEL rules ({@link CelRules}), unless a schema error
 *       of a blocking type exists, in which case the API server adds {@code <nil>: Invalid value: null:
 *       some validation rules were not checked because the object was invalid; ...} instead.
 * </ol>
 *
 * <p>On update, values equal to the old ones are not validated again and rules that do not use {@code
 * oldSelf} only warn on them (ratcheting, the default since Kubernetes 1.30). Errors read as the API
 * server writes them, e.g. {@code spec.mode: Unsupported value: "chat": supported values: "agent",
 * "completion", "judge"} or {@code spec: Invalid value: "object": key is immutable}.
 *
 * <p>Loading compiles every rule and fails with {@link InvalidCrdException} if one does not compile (a
 * real API server would refuse the CRD), and on schema keywords this class does not implement.
 *
 * <pre>{@code
 * CrdAdmission admission = CrdAdmission.load(Path.of("crds"));
 * CrdAdmission.Result created = admission.create(Manifests.aiConfig("a", spec -> spec.setKey("bad key")));
 * assertThat(created.violations()).containsExactly(
 *     "spec.key: Invalid value: \"bad key\": spec.key in body should match '^[a-zA-Z0-9][a-zA-Z0-9._-]*$'");
 * CrdAdmission.Result updated = admission.update(oldObject, newObject);   // JsonNode, Map, YAML text or resource
 * }</pre>
 *
 * <p>Not modelled: request size limits (~3 MiB), CEL cost budgets, server-side apply and strict field
 * validation (an unknown field is an error only with {@code fieldValidation=Strict}), metadata beyond the
 * name, admission webhooks and policies.
 */
public final class CrdAdmission {

  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final String DNS_SUBDOMAIN_MESSAGE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must"
          + " start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  private static final String RULES_NOT_CHECKED =
      "some validation rules were not checked because the object was invalid; correct the existing errors to"
          + " complete validation";

  /** A CRD whose rules do not compile, or whose schema uses what this class cannot check. */
  public static final class InvalidCrdException extends IllegalStateException {
    InvalidCrdException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * A CEL rule of a CRD.
   *
   * @param kind the kind, e.g. {@code AIConfig}
   * @param path where the rule sits, as an error path: {@code spec}, {@code spec.mode}, {@code
   *     spec.tools[*]} for list items; {@code <nil>} at the root
   * @param rule the expression
   * @param message the static message, or {@code null}
   * @param transition whether it uses {@code oldSelf} (evaluated on update only)
   */
  public record Rule(String kind, String path, String rule, String message, boolean transition) {}

  /** One served version of one kind. */
  private record Version(String kind, String group, String apiVersion, SchemaNode schema, CelRules rules, boolean statusSubresource) {}

  private final Map<String, Version> byApiVersionAndKind;
  private final List<Rule> rules;

  private CrdAdmission(Map<String, Version> versions) {
    this.byApiVersionAndKind = Collections.unmodifiableMap(versions);
    this.rules =
        versions.values().stream()
            .flatMap(
                v ->
                    v.rules().all().stream()
                        .map(c -> new Rule(c.kind(), FieldError.path(c.path()), c.spec().rule(), c.spec().message(), c.transition())))
            .toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Loading

  /** Every CRD in these files, or in the {@code .yml}/{@code .yaml} files of these directories. */
  public static CrdAdmission load(Path... filesOrDirectories) {
    List<String> documents = new ArrayList<>();
    for (Path path : filesOrDirectories) {
      try {
        if (Files.isDirectory(path)) {
          try (Stream<Path> files = Files.list(path)) {
            for (Path file : files.filter(CrdAdmission::isYaml).sorted().toList()) {
              documents.add(Files.readString(file));
            }
          }
        } else {
          documents.add(Files.readString(path));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + path, e);
      }
    }
    return fromYaml(documents.toArray(String[]::new));
  }

  /** Every CRD in these YAML texts (each may hold several documents). */
  public static CrdAdmission fromYaml(String... yamlTexts) {
    Map<String, Version> versions = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String text : yamlTexts) {
      for (JsonNode crd : documents(text)) {
        if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
          continue;
        }
        try {
          addCrd(crd, versions, problems);
        } catch (IllegalArgumentException e) {
          throw new InvalidCrdException(crd.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidCrdException("CEL rules that the API server would refuse:\n  " + String.join("\n  ", problems), null);
    }
    if (versions.isEmpty()) {
      throw new InvalidCrdException("No CustomResourceDefinition found", null);
    }
    return new CrdAdmission(versions);
  }

  private static void addCrd(JsonNode crd, Map<String, Version> versions, List<String> problems) {
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText();
    String kind = spec.path("names").path("kind").asText();
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean(false)) {
        continue;
      }
      String apiVersion = group + "/" + version.path("name").asText();
      JsonNode schemaNode = version.path("schema").path("openAPIV3Schema");
      if (schemaNode.isMissingNode()) {
        throw new IllegalArgumentException(apiVersion + " has no openAPIV3Schema");
      }
      SchemaNode schema = SchemaNode.parse(schemaNode, apiVersion + " " + kind + " openAPIV3Schema");
      CelRules rules = CelRules.compile(kind, schema, problems);
      boolean status = version.path("subresources").has("status");
      versions.put(apiVersion + "/" + kind, new Version(kind, group, apiVersion, schema, rules, status));
    }
  }

  /** The documents of a (multi-document) YAML or JSON text. */
  public static List<JsonNode> documents(String yaml) {
    try (MappingIterator<JsonNode> docs = Json.YAML.readerFor(JsonNode.class).readValues(yaml)) {
      List<JsonNode> result = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          result.add(doc);
        }
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("Not YAML", e);
    }
  }

  /** The documents of a YAML file, e.g. one of {@code examples/}. */
  public static List<JsonNode> documents(Path file) {
    try {
      return documents(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }

  /** The kinds this admission knows. */
  public Set<String> kinds() {
    return byApiVersionAndKind.values().stream().map(Version::kind).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Every CEL rule of every kind, all compiled. */
  public List<Rule> rules() {
    return rules;
  }

  /** The CEL rules of one kind. */
  public List<Rule> rules(String kind) {
    return rules.stream().filter(r -> r.kind().equals(kind)).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Admission

  /**
   * Admits a create of {@code object}: a Fabric8 resource, a {@code Map}, a {@code JsonNode}, or YAML/JSON
   * text. Its {@code apiVersion} and {@code kind} select the CRD.
   */
  public Result create(Object object) {
    ObjectNode request = (ObjectNode) Json.of(object);
    Version version = versionOf(request);
    if (version.statusSubresource()) {
      request.remove("status");
    }
    List<String> pruned = SchemaValidator.prepare(request, version.schema());
    List<FieldError> errors = new ArrayList<>(validateMetadata(request));
    return admit(version, request, null, pruned, errors);
  }

  /**
   * Admits an update from {@code oldObject} (as stored: it is pruned and defaulted first, as on read) to
   * {@code newObject}.
   */
  public Result update(Object oldObject, Object newObject) {
    ObjectNode old = (ObjectNode) Json.of(oldObject);
    ObjectNode request = (ObjectNode) Json.of(newObject);
    Version version = versionOf(request);
    Version oldVersion = versionOf(old);
    if (!oldVersion.kind().equals(version.kind())) {
      throw new IllegalArgumentException("Update from a " + oldVersion.kind() + " to a " + version.kind());
    }
    SchemaValidator.prepare(old, oldVersion.schema());
    if (version.statusSubresource()) {
      if (old.has("status")) {
        request.set("status", old.get("status").deepCopy());
      } else {
        request.remove("status");
      }
    }
    List<String> pruned = SchemaValidator.prepare(request, version.schema());
    List<FieldError> errors = new ArrayList<>();
    if (request.path("metadata").path("name").asText("").isEmpty()) {
      errors.add(FieldError.required("metadata.name", "name is required"));
    }
    return admit(version, request, old, pruned, errors);
  }

  private Result admit(Version version, ObjectNode request, ObjectNode old, List<String> pruned, List<FieldError> errors) {
    List<String> warnings = new ArrayList<>();
    pruned.forEach(p -> warnings.add("unknown field " + Json.goQuote(p)));
    errors.addAll(SchemaValidator.validate(request, version.schema(), old));
    if (errors.stream().anyMatch(e -> e.type().blocksCel())) {
      errors.add(FieldError.invalid("", "null", RULES_NOT_CHECKED));
    } else {
      errors.addAll(version.rules().validate(request, old, warnings));
    }
    String name = request.path("metadata").path("name").asText("");
    return new Result(version.kind() + "." + version.group(), name, errors, pruned, warnings, request);
  }

  private Version versionOf(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    Version version = byApiVersionAndKind.get(apiVersion + "/" + kind);
    if (version == null) {
      throw new IllegalArgumentException(
          "No CRD serves apiVersion " + Json.goQuote(apiVersion) + " kind " + Json.goQuote(kind) + "; known: "
              + byApiVersionAndKind.keySet());
    }
    return version;
  }

  private static List<FieldError> validateMetadata(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      if (metadata.path("generateName").asText("").isEmpty()) {
        return List.of(FieldError.required("metadata.name", "name or generateName is required"));
      }
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    if (name.length() > 253) {
      errors.add(FieldError.invalid("metadata.name", Json.goQuote(name), "must be no more than 253 characters"));
    }
    if (!DNS_SUBDOMAIN.matcher(name).matches()) {
      errors.add(FieldError.invalid("metadata.name", Json.goQuote(name), DNS_SUBDOMAIN_MESSAGE));
    }
    return errors;
  }

  /** What the API server would answer. */
  public static final class Result {
    private final String qualifiedKind;
    private final String name;
    private final List<FieldError> errors;
    private final List<String> prunedFields;
    private final List<String> warnings;
    private final JsonNode object;

    Result(String qualifiedKind, String name, List<FieldError> errors, List<String> prunedFields, List<String> warnings, JsonNode object) {
      this.qualifiedKind = qualifiedKind;
      this.name = name;
      this.errors = List.copyOf(errors);
      this.prunedFields = List.copyOf(prunedFields);
      this.warnings = List.copyOf(warnings);
      this.object = object;
    }

    /** Whether the API server would accept the request. */
    public boolean allowed() {
      return errors.isEmpty();
    }

    /** The refusals as the API server words them, e.g. {@code spec.name: Required value}. */
    public List<String> violations() {
      return errors.stream().map(FieldError::toString).toList();
    }

    /** The refusals, structured. */
    public List<FieldError> errors() {
      return errors;
    }

    /**
     * The paths of fields the API server dropped because the schema does not declare them, e.g. {@code
     * spec.promt} or {@code spec.messages[0].text}: not an error, and gone from the stored object.
     */
    public List<String> prunedFields() {
      return prunedFields;
    }

    /**
     * The warnings a client would get: {@code unknown field "spec.promt"} for each pruned field, and the
     * failures of rules that ratcheting turned into warnings on update.
     */
    public List<String> warnings() {
      return warnings;
    }

    /** The object as it would be stored: pruned and defaulted (its status dropped or kept from the old). */
    public JsonNode object() {
      return object.deepCopy();
    }

    /**
     * The Status message of the refusal, e.g. {@code AIConfig.ldai.dev "a" is invalid: spec.name: Required
     * value} (several errors in brackets, comma-separated); empty when allowed.
     */
    public String message() {
      if (errors.isEmpty()) {
        return "";
      }
      List<String> distinct = new ArrayList<>(new LinkedHashSet<>(violations()));
      String body = distinct.size() == 1 ? distinct.get(0) : "[" + String.join(", ", distinct) + "]";
      return qualifiedKind + " " + Json.goQuote(name) + " is invalid: " + body;
    }

    @Override
    public String toString() {
      return allowed() ? "allowed" + (warnings.isEmpty() ? "" : " with warnings " + warnings) : message();
    }
  }
}
