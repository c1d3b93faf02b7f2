package dev.ldai.operator.tool;

import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.ReconcileTriggers;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.drift.ProjectSnapshot.Part;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAIToolPage;
import dev.ldai.operator.launchdarkly.api.LdAIToolPatch;
import dev.ldai.operator.versioned.Pin;
import dev.ldai.operator.versioned.VersionedReconciler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Reconciles AITool: each change is one PATCH, one new version of the tool. See {@link VersionedReconciler}. */
@Singleton
@ControllerConfiguration(name = "aitool", finalizerName = Finalizers.NAME, generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = ReconcileTriggers.class))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class AIToolReconciler extends VersionedReconciler<AIToolSpec, AITool, LdAITool, LdAIToolPatch> {

  public AIToolReconciler(ReconcileSupport support) {
    super(support);
  }

  @Override
  protected String described() {
    return "AI tool";
  }

  @Override
  protected Part part() {
    return Part.TOOLS;
  }

  @Override
  protected Optional<LdAITool> listed(ProjectSnapshot listing, String key) {
    return listing.tool(key);
  }

  @Override
  protected List<Pin> listedPins(ProjectSnapshot listing, String key) {
    return listing.toolPins(key);
  }

  @Override
  protected Optional<LdAITool> get(LaunchDarklyClient client, String project, String key) {
    return client.getTool(project, key);
  }

  @Override
  protected LdAITool post(LaunchDarklyClient client, String project, String key, AIToolSpec spec, String ownerTag) {
    return client.createTool(project, ToolMapping.toPost(key, spec, ownerTag));
  }

  @Override
  protected LdAITool patch(LaunchDarklyClient client, String project, String key, LdAIToolPatch change) {
    return client.patchTool(project, key, change);
  }

  @Override
  protected boolean remove(LaunchDarklyClient client, String project, String key) {
    return client.deleteTool(project, key);
  }

  @Override
  protected Optional<List<Pin>> readPins(LaunchDarklyClient client, String project, String key) {
    return client.listAllToolReferences(project, key).map(references -> references.stream()
        .map(reference -> new Pin(reference.aiConfigKey(), reference.variationKey(), reference.toolVersion()))
        .sorted(Pin.ORDER)
        .toList());
  }

  @Override
  protected Optional<List<LdAITool>> readVersions(LaunchDarklyClient client, String project, String key, int limit) {
    return client.listToolVersions(project, key, limit, 0).map(LdAIToolPage::items);
  }

  @Override
  protected Diff<LdAIToolPatch> differences(AIToolSpec spec, LdAITool actual, Optional<String> ownerTag) {
    return ToolMapping.diff(spec, actual, ownerTag);
  }
}
