package dev.ldai.operator.helm;

import static dev.ldai.operator.helm.RenderedChart.dryRunInstallOutput;
import static dev.ldai.operator.helm.RenderedChart.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NOTES.txt tells the user what to do next after an install. */
class ChartNotesTest {

  @Test
  void withoutATokenTheNotesExplainHowToProvideCredentials() {
    String notes = notes(dryRunInstallOutput(values()));

    assertThat(notes)
        .contains("watching every namespace")
        .contains("No operator-wide LaunchDarkly token is configured")
        .contains("--set launchdarkly.token.existingSecret=")
        .contains("create secret generic ldai-credentials")
        .contains("ldai.dev/credentials=true")
        .contains("kubectl apply -n <namespace> -f examples/")
        .contains("kubectl get launchdarkly")
        .contains("kubectl wait --for=condition=Ready aitools,promptsnippets,aimodelconfigs,aiconfigs,aiconfigvariations,"
            + "aiconfigtargetings,aiagentgraphs --all");
  }

  @Test
  void withATokenTheNotesSkipTheCredentialsStep() {
    String notes = notes(dryRunInstallOutput(values("launchdarkly.token.existingSecret", "launchdarkly",
        "operator.credentialsSecretName", "team-token")));

    assertThat(notes)
        .doesNotContain("No operator-wide LaunchDarkly token")
        .doesNotContain("team-token")
        .contains("kubectl apply -n <namespace> -f examples/");
  }

  @Test
  void theNotesNameTheWatchedNamespacesAndWarnWhenTheListIsIgnored() {
    assertThat(notes(dryRunInstallOutput(values("watch.scope", "namespaces",
        "watch.namespaces[0]", "team-a", "watch.namespaces[1]", "team-b"))))
        .contains("watching the namespaces team-a, team-b.")
        .doesNotContain("WARNING");

    assertThat(notes(dryRunInstallOutput(values("watch.namespaces[0]", "team-a"))))
        .contains("watching every namespace")
        .contains("WARNING: watch.namespaces (team-a) is ignored");
  }

  private static String notes(String output) {
    int start = output.indexOf("NOTES:");
    assertThat(start).as("install output has NOTES:\n%s", output).isNotNegative();
    return output.substring(start);
  }
}
