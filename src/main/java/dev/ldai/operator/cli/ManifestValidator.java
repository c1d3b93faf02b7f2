package dev.ldai.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.variation.AIConfigVariation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses, without a cluster, the manifests of the operator's kinds that kube-apiserver 1.28 would refuse on create:
 * by {@code metadata} (name, namespace, labels, annotations, finalizers), by the structural schema of the CRD's
 * served version and by its CEL rules ({@code x-kubernetes-validations}; transition rules, which need the old
 * object, are left out). Unknown fields are refused as kubectl's strict field validation refuses them. A manifest's
 * {@code status} is dropped on create, so only its unknown fields count.
 *
 * <p>Violations come in document order, an object's (its CEL rules') before those of its fields. As the API server
 * does, no CEL rule is evaluated once a required field is missing, a value has the wrong type or a string, list or
 * map is too long: fix those first.
 */
public final class ManifestValidator {

  /** The operator's kinds. The jar carries the CRD of each as {@code crds/<plural>.<group>-v1.yml}, as crds/ has it. */
  private static final List<Class<? extends HasMetadata>> KINDS = List.of(AIConfig.class, AIConfigVariation.class,
      AIModelConfig.class, AIConfigTargeting.class, AITool.class, PromptSnippet.class, AIAgentGraph.class);
  private static final YAMLMapper YAML = new YAMLMapper();

  private record Served(StructuralSchema schema, boolean statusSubresource) {}

  /** By {@code apiVersion kind}. */
  private final Map<String, Served> served;

  private ManifestValidator(Map<String, Served> served) {
    this.served = served;
  }

  /** The validator of the CRDs the jar carries, those of {@code crds/}. */
  public static ManifestValidator bundled() {
    List<JsonNode> crds = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : KINDS) {
      String resource = "crds/" + HasMetadata.getFullResourceName(kind) + "-v1.yml";
      try (InputStream in = ManifestValidator.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("The operator's jar does not carry " + resource);
        }
        crds.add(YAML.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
    }
    return of(crds);
  }

  /**
   * The validator of {@code crds} (apiextensions.k8s.io/v1 CustomResourceDefinitions); an
   * {@link IllegalArgumentException} if one has what this validation does not check, or a rule that does not compile.
   */
  static ManifestValidator of(List<JsonNode> crds) {
    Map<String, Served> served = new LinkedHashMap<>();
    for (JsonNode crd : crds) {
      String group = crd.at("/spec/group").asText();
      String kind = crd.at("/spec/names/kind").asText();
      for (JsonNode version : crd.at("/spec/versions")) {
        if (!version.path("served").asBoolean()) {
          continue;
        }
        String where = crd.at("/metadata/name").asText() + " " + version.path("name").asText();
        JsonNode schema = version.at("/schema/openAPIV3Schema");
        if (!schema.isObject()) {
          throw new IllegalArgumentException(where + " has no schema");
        }
        StructuralSchema root = new StructuralSchema(schema, where);
        if (root.hasRules()) {
          // They may read self.metadata, which the check of metadata leaves out of the values it makes.
          throw new IllegalArgumentException(
              where + " has CEL rules on the whole object, which the offline validation does not check");
        }
        served.put(group + "/" + version.path("name").asText() + " " + kind,
            new Served(root, version.at("/subresources/status").isObject()));
      }
    }
    return new ManifestValidator(Map.copyOf(served));
  }

  /** Whether one of the CRDs serves {@code kind} in {@code apiVersion} (group/version). */
  public boolean knows(String apiVersion, String kind) {
    return served.containsKey(apiVersion + " " + kind);
  }

  /**
   * Why the API server would refuse to create {@code manifest}; empty when it would accept it. A manifest of a
   * kind no CRD serves is one violation, of {@code kind} or {@code apiVersion}.
   */
  public List<Violation> validate(JsonNode manifest) {
    if (manifest == null || !manifest.isObject()) {
      return List.of(new Violation("", "a manifest must be an object"));
    }
    String apiVersion = manifest.path("apiVersion").asText();
    String kind = manifest.path("kind").asText();
    Served kindServed = served.get(apiVersion + " " + kind);
    if (kindServed == null) {
      return List.of(notServed(apiVersion, kind));
    }
    Findings findings = new Findings();
    ObjectMetadata.check(manifest.get("metadata"), findings);
    ObjectNode body = ((ObjectNode) manifest).deepCopy();
    body.remove(List.of("apiVersion", "kind", "metadata"));
    JsonNode status = kindServed.statusSubresource() ? body.remove("status") : null;
    kindServed.schema().check(body, "", findings);
    if (status != null) {
      StructuralSchema statusSchema = kindServed.schema().property("status");
      if (statusSchema == null) {
        findings.add("status", "unknown field \"status\"");
      } else {
        statusSchema.reportUnknownFields(status, "status", findings);
      }
    }
    return findings.violations();
  }

  private Violation notServed(String apiVersion, String kind) {
    List<String> versions = served.keySet().stream().filter(key -> key.endsWith(" " + kind))
        .map(key -> key.substring(0, key.indexOf(' '))).sorted().toList();
    if (!kind.isEmpty() && !versions.isEmpty()) {
      return new Violation("apiVersion", kind + " is served as " + String.join(", ", versions) + ", not as " + apiVersion);
    }
    return new Violation("kind", "no CRD of the operator defines " + (kind.isEmpty() ? "this kind" : kind)
        + (apiVersion.isEmpty() ? "" : " in " + apiVersion));
  }
}
