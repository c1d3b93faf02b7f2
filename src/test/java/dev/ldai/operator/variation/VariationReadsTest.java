package dev.ldai.operator.variation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ldai.operator.common.Syncs;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class VariationReadsTest {

  final VariationReads reads = new VariationReads();

  /** Every PATCH is sent, and its answer never comes. */
  static final LaunchDarklyClient UNANSWERED = (LaunchDarklyClient) Proxy.newProxyInstance(
      VariationReadsTest.class.getClassLoader(), new Class<?>[] {LaunchDarklyClient.class}, (proxy, method, args) -> {
        throw new LaunchDarklyException(0, null, "SocketTimeoutException: Read timed out", ErrorKind.TRANSIENT);
      });

  @Test
  void aPatchInDoubtIsKeptForItsResourceUntilTheResourceIsForgotten() {
    patchUnanswered("uid-1");
    patchUnanswered("uid-2");
    assertThat(reads.resources()).containsExactlyInAnyOrder("uid-1", "uid-2");

    reads.forget("uid-1");

    assertThat(reads.resources()).containsExactly("uid-2");
  }

  private void patchUnanswered(String uid) {
    AIConfigVariation variation = new AIConfigVariation();
    variation.setMetadata(new ObjectMetaBuilder().withName("v").withUid(uid).build());
    var sync = Syncs.of(variation, new AIConfigVariationStatus(),
        new AIConfigVariationReconciler.Where("proj", "config", "v", null, VariationPins.NONE), UNANSWERED);
    LdVariationPatch patch = new LdVariationPatch("V", null, null, null, null, null, null, null, null, null);

    assertThatThrownBy(() -> reads.patch(sync, patch, 3)).isInstanceOf(LaunchDarklyException.class);
  }
}
