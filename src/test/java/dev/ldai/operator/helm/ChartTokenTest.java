package dev.ldai.operator.helm;

import static dev.ldai.operator.helm.RenderedChart.render;
import static dev.ldai.operator.helm.RenderedChart.templateCommand;
import static dev.ldai.operator.helm.RenderedChart.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the operator-wide LaunchDarkly token reaches the operator, and where it must not appear. */
class ChartTokenTest {

  static final String TOKEN = "api-0f0e0d0c-0b0a-0908-0706-050403020100";

  @Test
  void aTokenValueIsRenderedIntoTheSecretAndNowhereElse() {
    RenderedChart chart = render("launchdarkly.token.value", TOKEN);
    String encoded = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));

    Secret secret = chart.only(Secret.class);
    String stored = secret.getData() != null && secret.getData().containsKey("apiToken")
        ? new String(Base64.getDecoder().decode(secret.getData().get("apiToken")), StandardCharsets.UTF_8)
        : secret.getStringData().get("apiToken");
    assertThat(stored).isEqualTo(TOKEN);
    for (RenderedChart.Document document : chart.documents()) {
      if (!document.kind().equals("Secret")) {
        assertThat(document.text()).as(document.source()).doesNotContain(TOKEN).doesNotContain(encoded);
      }
    }
    // Nor in what the parser skipped: comment-only documents of templates that rendered no object.
    long hits = chart.documents().stream()
        .mapToLong(d -> occurrences(d.text(), TOKEN) + occurrences(d.text(), encoded)).sum();
    assertThat(occurrences(chart.output(), TOKEN) + occurrences(chart.output(), encoded)).isEqualTo(hits);
    assertThat(RenderedChart.dryRunInstallOutput(values("launchdarkly.token.value", TOKEN)))
        .as("install output with NOTES").doesNotContain(TOKEN).doesNotContain(encoded);
  }

  @Test
  void theCreatedSecretReachesThePodByReferenceAndATokenChangeRollsThePods() {
    RenderedChart chart = render("launchdarkly.token.value", TOKEN);
    Secret secret = chart.only(Secret.class);
    Deployment deployment = chart.only(Deployment.class);

    assertThat(ChartDeploymentTest.env(deployment)).containsEntry("LDAI_LAUNCHDARKLY_API_TOKEN",
        "secretKeyRef:" + secret.getMetadata().getName() + "/apiToken");
    String checksum = checksum(deployment);
    assertThat(checksum).matches("[0-9a-f]{64}");
    assertThat(checksum(render("launchdarkly.token.value", TOKEN).only(Deployment.class))).isEqualTo(checksum);
    assertThat(checksum(render("launchdarkly.token.value", TOKEN + "-rotated").only(Deployment.class)))
        .isNotEqualTo(checksum);
  }

  @Test
  void anExistingSecretIsReferencedAndNoSecretIsCreated() {
    RenderedChart chart = render("launchdarkly.token.existingSecret", "launchdarkly",
        "launchdarkly.token.secretKey", "token");

    assertThat(chart.all(Secret.class)).isEmpty();
    Deployment deployment = chart.only(Deployment.class);
    assertThat(ChartDeploymentTest.env(deployment))
        .containsEntry("LDAI_LAUNCHDARKLY_API_TOKEN", "secretKeyRef:launchdarkly/token");
    assertThat(annotations(deployment)).doesNotContainKey("checksum/token");
  }

  @Test
  void withoutATokenTheOperatorGetsNoTokenVariable() {
    RenderedChart chart = render();

    assertThat(chart.all(Secret.class)).isEmpty();
    assertThat(ChartDeploymentTest.env(chart.only(Deployment.class))).doesNotContainKey("LDAI_LAUNCHDARKLY_API_TOKEN");
  }

  @Test
  void anExistingSecretAndAValueTogetherAreRefused() {
    assertThatThrownBy(() -> templateCommand(values("launchdarkly.token.existingSecret", "launchdarkly",
        "launchdarkly.token.value", TOKEN)).call())
        .hasMessageContaining("launchdarkly.token.existingSecret")
        .hasMessageContaining("launchdarkly.token.value");
  }

  private static String checksum(Deployment deployment) {
    return annotations(deployment).get("checksum/token");
  }

  private static Map<String, String> annotations(Deployment deployment) {
    Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  private static long occurrences(String text, String needle) {
    long count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}
