package dev.ldai.operator.variation;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.aiconfig.ParentConfig;
import dev.ldai.operator.common.Dependency;
import dev.ldai.operator.common.InvalidSpecException;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.snippet.PromptSnippet;
import dev.ldai.operator.tool.AITool;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What a variation references — its parent config ({@link ParentConfig}), its model config, the AITools and
 * PromptSnippets it follows ({@link Pinning}) — watched
 * from the informer caches. A referent that is missing or not Ready yet is reported as a wait, not an
 * error: its own events re-trigger the variation.
 */
public final class References {

  static final Dependency<AIConfigVariation, AIConfig> PARENT =
      Dependency.on(AIConfig.class, variation -> variation.getSpec() == null ? null : variation.getSpec().getConfigRef());
  static final Dependency<AIConfigVariation, AIModelConfig> MODEL_CONFIG =
      Dependency.on(AIModelConfig.class, variation -> variation.getSpec() == null ? null : variation.getSpec().getModelConfigRef());

  /** The AITools of the variation's tools, by name: each wakes the variation when it becomes Ready or its version moves. */
  static final Dependency<AIConfigVariation, AITool> TOOLS =
      Dependency.onEach(AITool.class, variation -> Pinning.toolRefs(variation.getSpec()));
  /**
   * The PromptSnippets whose key a tag of the variation names: the variation is indexed under each such key,
   * so a snippet's version move wakes exactly the variations naming it (one pinning another version finds its
   * pins unchanged and makes no call), and one waiting for a pinned version learns when it is made.
   */
  static final Dependency<AIConfigVariation, PromptSnippet> SNIPPETS =
      Dependency.onEachOfGroups(PromptSnippet.class, variation -> Pinning.snippetKeys(variation.getSpec()), Pinning::keyOf);

  private References() {}

  /** The model config key the variation uses, or null when it names none. */
  static String modelConfigKey(AIConfigVariation variation, ParentConfig parent, Context<AIConfigVariation> context) {
    AIConfigVariationSpec spec = variation.getSpec();
    if (spec.getModelConfigRef() == null) {
      return spec.getModelConfigKey();
    }
    MODEL_CONFIG.referent(variation, context).ifPresent(model -> requireSameProject(model, parent.projectKey()));
    return MODEL_CONFIG.ready(variation, context).getStatus().getKey();
  }

  /** The AIModelConfig a variation's {@code modelConfigRef} names must be in its AI Config's project. */
  public static void requireSameProject(AIModelConfig model, String project) {
    if (!model.getSpec().getProjectKey().equals(project)) {
      throw new InvalidSpecException("spec.modelConfigRef: AIModelConfig %s is in project %s, but the AI Config is in project %s"
          .formatted(model.getMetadata().getName(), model.getSpec().getProjectKey(), project));
    }
  }
}
