package dev.ldai.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.ProjectScoped;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.variation.AIConfigVariation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The resources a set of manifests would make, typed, each in its namespace (its own, else the one asked for,
 * else {@code default}, as {@code kubectl apply} places them), and the file each came from. References among
 * them ({@code configRef}, {@code modelConfigRef}, {@code toolRef}) are looked up here by namespace and name.
 */
final class DesiredResources {

  /** The kinds, in the order the operator can make them: what a kind references comes before it. */
  static final List<Class<? extends CustomResource<?, ?>>> KINDS = List.of(AIModelConfig.class, AITool.class,
      PromptSnippet.class, AIConfig.class, AIConfigVariation.class, AIConfigTargeting.class, AIAgentGraph.class);

  private static final String DEFAULT_NAMESPACE = "default";
  private static final Map<String, Class<? extends CustomResource<?, ?>>> BY_API_KIND = KINDS.stream()
      .collect(Collectors.toMap(kind -> HasMetadata.getApiVersion(kind) + "/" + HasMetadata.getKind(kind), Function.identity()));

  private final List<CustomResource<?, ?>> resources;
  private final Map<CustomResource<?, ?>, String> origins;
  /** By kind, in document order, and by {@link #identity}: lookups stay cheap for thousands of manifests. */
  private final Map<Class<?>, List<CustomResource<?, ?>>> byKind = new HashMap<>();
  private final Map<String, CustomResource<?, ?>> byIdentity = new HashMap<>();

  private DesiredResources(List<CustomResource<?, ?>> resources, Map<CustomResource<?, ?>, String> origins) {
    this.resources = resources;
    this.origins = origins;
    for (CustomResource<?, ?> resource : resources) {
      byKind.computeIfAbsent(resource.getClass(), kind -> new ArrayList<>()).add(resource);
      byIdentity.put(identity(resource.getClass(), resource.getMetadata().getNamespace(), resource.getMetadata().getName()), resource);
    }
  }

  private static String identity(Class<?> kind, String namespace, String name) {
    return "%s %s/%s".formatted(HasMetadata.getKind(kind.asSubclass(HasMetadata.class)), namespace, name);
  }

  /**
   * The documents' resources.
   *
   * @param namespace the namespace of documents that name none; empty for {@code default}
   */
  static DesiredResources of(List<ManifestFiles.Document> documents, Optional<String> namespace) {
    List<CustomResource<?, ?>> resources = new ArrayList<>();
    Map<CustomResource<?, ?>, String> origins = new IdentityHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (ManifestFiles.Document document : documents) {
      CustomResource<?, ?> resource = typed(document);
      String own = resource.getMetadata().getNamespace();
      if (own != null && namespace.isPresent() && !own.equals(namespace.get())) {
        throw new CommandException("%s: the namespace of %s %s is %s, not %s as --namespace says"
            .formatted(document.origin(), resource.getKind(), resource.getMetadata().getName(), own, namespace.get()));
      }
      resource.getMetadata().setNamespace(own != null ? own : namespace.orElse(DEFAULT_NAMESPACE));
      String identity = identity(resource.getClass(), resource.getMetadata().getNamespace(), resource.getMetadata().getName());
      String earlier = seen.putIfAbsent(identity, document.origin());
      if (earlier != null) {
        throw new CommandException("%s: %s is also in %s".formatted(document.origin(), identity, earlier));
      }
      resources.add(resource);
      origins.put(resource, document.origin());
    }
    return new DesiredResources(List.copyOf(resources), origins);
  }

  /** Whether the document is of one of the operator's kinds, by its apiVersion and kind. */
  static boolean isKnownKind(JsonNode manifest) {
    return BY_API_KIND.containsKey(manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText());
  }

  private static CustomResource<?, ?> typed(ManifestFiles.Document document) {
    JsonNode manifest = document.manifest();
    Class<? extends CustomResource<?, ?>> type =
        BY_API_KIND.get(manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText());
    if (type == null) {
      throw new CommandException("%s: %s %s is not a kind of this operator (%s)".formatted(document.origin(),
          manifest.path("apiVersion").asText("(no apiVersion)"), manifest.path("kind").asText("(no kind)"),
          KINDS.stream().map(HasMetadata::getKind).collect(Collectors.joining(", "))));
    }
    try {
      CustomResource<?, ?> resource = Serialization.jsonMapper().convertValue(manifest, type);
      if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
        throw new CommandException("%s: metadata.name: Required value".formatted(document.origin()));
      }
      if (resource.getSpec() == null) {
        throw new CommandException("%s: spec: Required value".formatted(document.origin()));
      }
      return resource;
    } catch (IllegalArgumentException e) {
      throw new CommandException("%s: %s".formatted(document.origin(), firstLine(e.getMessage())), e);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "cannot be read" : message.lines().findFirst().orElse(message);
  }

  /** Every resource of a kind, in document order. */
  <R extends CustomResource<?, ?>> Stream<R> all(Class<R> kind) {
    return byKind.getOrDefault(kind, List.of()).stream().map(kind::cast);
  }

  /** The resources of a kind that would make the object {@code key} of {@code project}. */
  <S extends CommonSpec & ProjectScoped, R extends CustomResource<S, ?>> Stream<R> keyed(Class<R> kind, String project, String key) {
    return all(kind).filter(resource -> project.equals(resource.getSpec().getProjectKey())
        && key.equals(Keys.effectiveKey(resource, resource.getSpec())));
  }

  /** The resource of a kind with this namespace and name. */
  <R extends CustomResource<?, ?>> Optional<R> named(Class<R> kind, String namespace, String name) {
    return Optional.ofNullable(byIdentity.get(identity(kind, namespace, name))).map(kind::cast);
  }

  /** The namespaces the resources are in. */
  Set<String> namespaces() {
    return resources.stream().map(resource -> resource.getMetadata().getNamespace()).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The file (and document) a resource came from. */
  String origin(CustomResource<?, ?> resource) {
    return origins.get(resource);
  }
}
