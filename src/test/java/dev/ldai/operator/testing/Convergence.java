package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.agentgraph.AIAgentGraph;
import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.targeting.AIConfigTargeting;
import dev.ldai.operator.tool.AITool;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.variation.AIConfigVariation;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Checks of a whole set of resources, shared by the fault suite, the restart test and the benchmark. */
public final class Convergence {

  private Convergence() {}

  /** Every resource of the operator's kinds in {@code namespace} is Ready at its current generation. */
  public static boolean allReady(KubernetesClient client, String namespace) {
    return notReady(client, namespace).isEmpty();
  }

  /** Each resource of {@code namespace} not Ready at its current generation, with its Ready condition. */
  public static List<String> notReady(KubernetesClient client, String namespace) {
    return Stream.of(AIConfig.class, AIModelConfig.class, AIConfigVariation.class, AIConfigTargeting.class, AITool.class,
            PromptSnippet.class, AIAgentGraph.class)
        .flatMap(kind -> client.resources(kind).inNamespace(namespace).list().getItems().stream())
        .filter(resource -> !readyAtItsGeneration(resource))
        .map(resource -> "%s %s: %s".formatted(resource.getKind(), resource.getMetadata().getName(),
            resource.getStatus() == null ? "no status" : resource.getStatus().condition(ConditionTypes.READY)
                .map(ready -> ready.getReason() + " " + ready.getMessage()).orElse("no Ready condition")))
        .toList();
  }

  public static boolean readyAtItsGeneration(CustomResource<?, ? extends CommonStatus> resource) {
    CommonStatus status = resource.getStatus();
    return status != null
        && resource.getMetadata().getGeneration().equals(status.getObservedGeneration())
        && status.isReadyAt(status.getObservedGeneration());
  }

  /** Creates LaunchDarkly applied (answered 2xx, or applied with the answer lost), per path and key. */
  public static Map<String, Long> appliedCreatesPerObject(List<Call> calls) {
    return calls.stream()
        .filter(c -> c.method().equals("POST") && (c.status() == 0 || c.status() / 100 == 2))
        .collect(Collectors.groupingBy(c -> c.path() + "#" + bodyKey(c), TreeMap::new, Collectors.counting()));
  }

  private static String bodyKey(Call call) {
    return Serialization.unmarshal(call.requestBody(), JsonNode.class).path("key").asText();
  }
}
