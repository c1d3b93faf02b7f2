package dev.ldai.operator.testing;

import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.ProjectScoped;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.variation.AIConfigVariation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The manifests under examples/, as {@code kubectl apply -f examples/} reads them: file by file, in name order. */
public final class Examples {

  public static final Path DIRECTORY = Path.of("examples");

  private Examples() {}

  /** Every manifest, as its model class. */
  public static List<HasMetadata> load(KubernetesClient client) {
    List<HasMetadata> manifests = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          List<HasMetadata> resources = client.load(in).items();
          if (resources.isEmpty()) {
            throw new AssertionError(file + " holds no manifest");
          }
          resources.forEach(resource -> manifests.add(typed(client, resource)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return manifests;
  }

  /**
   * The objects of {@code examples} that LaunchDarkly still holds, as {@code Kind name}: the configs, model configs,
   * tools, snippets and agent graphs, looked up by project and key. Variations and targetings are parts of their
   * config, gone with it.
   */
  public static List<String> leftIn(LaunchDarklyStandIn launchDarkly, List<HasMetadata> examples) {
    return examples.stream().filter(example -> held(launchDarkly, example).isPresent())
        .map(example -> example.getKind() + " " + example.getMetadata().getName()).toList();
  }

  private static Optional<?> held(LaunchDarklyStandIn launchDarkly, HasMetadata example) {
    if (!(((CustomResource<?, ?>) example).getSpec() instanceof ProjectScoped spec)) {
      return Optional.empty();
    }
    String project = spec.getProjectKey();
    String key = Keys.effectiveKey(example, (CommonSpec) spec);
    return switch (example.getKind()) {
      case "AIConfig" -> launchDarkly.config(project, key);
      case "AIModelConfig" -> launchDarkly.modelConfig(project, key);
      case "AITool" -> launchDarkly.tool(project, key);
      case "PromptSnippet" -> launchDarkly.promptSnippet(project, key);
      case "AIAgentGraph" -> launchDarkly.agentGraph(project, key);
      default -> throw new AssertionError("Unexpected kind in examples/: " + example.getKind());
    };
  }

  /** The loader knows nothing of the operator's kinds; each manifest is converted to its model class. */
  private static HasMetadata typed(KubernetesClient client, HasMetadata manifest) {
    Class<? extends HasMetadata> type = switch (manifest.getKind()) {
      case "AIConfig" -> AIConfig.class;
      case "AIModelConfig" -> AIModelConfig.class;
      case "AIConfigVariation" -> AIConfigVariation.class;
      case "AIConfigTargeting" -> AIConfigTargeting.class;
      case "AITool" -> AITool.class;
      case "PromptSnippet" -> PromptSnippet.class;
      case "AIAgentGraph" -> AIAgentGraph.class;
      default -> throw new AssertionError("Unexpected kind in examples/: " + manifest.getKind());
    };
    return client.getKubernetesSerialization().convertValue(manifest, type);
  }
}
