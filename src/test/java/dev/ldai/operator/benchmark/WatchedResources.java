package dev.ldai.operator.benchmark;

import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.testing.Convergence;
import dev.ldai.operator.variation.AIConfigVariation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's resources in one namespace as the harness watches them, to see when a scenario is done
 * without listing them all again and again: on a busy real API server a list of a thousand resources takes
 * seconds, and the pauses between polls would be most of the time measured.
 */
final class WatchedResources implements AutoCloseable {

  private final List<SharedIndexInformer<? extends CustomResource<?, ? extends CommonStatus>>> informers;

  private WatchedResources(List<SharedIndexInformer<? extends CustomResource<?, ? extends CommonStatus>>> informers) {
    this.informers = informers;
  }

  static WatchedResources in(KubernetesClient client, String namespace) {
    return new WatchedResources(List.of(
        client.resources(AIModelConfig.class).inNamespace(namespace).inform(),
        client.resources(AIConfig.class).inNamespace(namespace).inform(),
        client.resources(AIConfigVariation.class).inNamespace(namespace).inform(),
        client.resources(AIConfigTargeting.class).inNamespace(namespace).inform(),
        client.resources(AITool.class).inNamespace(namespace).inform(),
        client.resources(PromptSnippet.class).inNamespace(namespace).inform(),
        client.resources(AIAgentGraph.class).inNamespace(namespace).inform()));
  }

  /**
   * Every resource seen is Ready at its generation, and each of {@code applied} (as the API server answered the
   * harness's write) is seen at least at the generation written, so that a change the watch has yet to bring is
   * not taken for done.
   */
  boolean allReady(Collection<HasMetadata> applied) {
    Map<String, Long> generations = new HashMap<>();
    for (SharedIndexInformer<? extends CustomResource<?, ? extends CommonStatus>> informer : informers) {
      for (CustomResource<?, ? extends CommonStatus> resource : informer.getStore().list()) {
        if (!Convergence.readyAtItsGeneration(resource)) {
          return false;
        }
        generations.put(key(resource), resource.getMetadata().getGeneration());
      }
    }
    return applied.stream().allMatch(resource -> generations.getOrDefault(key(resource), 0L) >= resource.getMetadata().getGeneration());
  }

  private static String key(HasMetadata resource) {
    return resource.getKind() + "/" + resource.getMetadata().getName();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
