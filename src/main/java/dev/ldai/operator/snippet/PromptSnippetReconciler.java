package dev.ldai.operator.snippet;

import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Finalizers;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.ReconcileTriggers;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.drift.ProjectSnapshot.Part;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPage;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPatch;
import dev.ldai.operator.versioned.Pin;
import dev.ldai.operator.versioned.VersionedReconciler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Reconciles PromptSnippet: each change is one PATCH, one new version of the snippet. See {@link VersionedReconciler}. */
@Singleton
@ControllerConfiguration(name = "promptsnippet", finalizerName = Finalizers.NAME, generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = ReconcileTriggers.class))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class PromptSnippetReconciler extends VersionedReconciler<PromptSnippetSpec, PromptSnippet, LdPromptSnippet, LdPromptSnippetPatch> {

  public PromptSnippetReconciler(ReconcileSupport support) {
    super(support);
  }

  @Override
  protected String described() {
    return "prompt snippet";
  }

  @Override
  protected Part part() {
    return Part.SNIPPETS;
  }

  @Override
  protected Optional<LdPromptSnippet> listed(ProjectSnapshot listing, String key) {
    return listing.snippet(key);
  }

  @Override
  protected List<Pin> listedPins(ProjectSnapshot listing, String key) {
    return listing.snippetPins(key);
  }

  @Override
  protected Optional<LdPromptSnippet> get(LaunchDarklyClient client, String project, String key) {
    return client.getPromptSnippet(project, key);
  }

  @Override
  protected LdPromptSnippet post(LaunchDarklyClient client, String project, String key, PromptSnippetSpec spec, String ownerTag) {
    return client.createPromptSnippet(project, SnippetMapping.toPost(key, spec, ownerTag));
  }

  @Override
  protected LdPromptSnippet patch(LaunchDarklyClient client, String project, String key, LdPromptSnippetPatch change) {
    return client.patchPromptSnippet(project, key, change);
  }

  @Override
  protected boolean remove(LaunchDarklyClient client, String project, String key) {
    return client.deletePromptSnippet(project, key);
  }

  @Override
  protected Optional<List<Pin>> readPins(LaunchDarklyClient client, String project, String key) {
    return client.listAllPromptSnippetReferences(project, key).map(references -> references.stream()
        .map(reference -> new Pin(reference.aiConfigKey(), reference.variationKey(), reference.resourceVersion()))
        .sorted(Pin.ORDER)
        .toList());
  }

  @Override
  protected Optional<List<LdPromptSnippet>> readVersions(LaunchDarklyClient client, String project, String key, int limit) {
    return client.listPromptSnippetVersions(project, key, limit, 0).map(LdPromptSnippetPage::items);
  }

  @Override
  protected Diff<LdPromptSnippetPatch> differences(PromptSnippetSpec spec, LdPromptSnippet actual, Optional<String> ownerTag) {
    return SnippetMapping.diff(spec, actual, ownerTag);
  }
}
