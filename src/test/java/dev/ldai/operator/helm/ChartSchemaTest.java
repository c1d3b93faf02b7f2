package dev.ldai.operator.helm;

import static dev.ldai.operator.helm.RenderedChart.templateCommand;
import static dev.ldai.operator.helm.RenderedChart.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json turns mistakes in values into a failed install that names them. */
class ChartSchemaTest {

  /** Each mistake with what the error must name: the location (a JSON pointer) and, for a key, the key. */
  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("misspelled top-level key", values("replicas", 2), List.of("'replicas'")),
        Arguments.of("misspelled nested key", values("operator.resyncIntervall", "5m"),
            List.of("'/operator'", "'resyncIntervall'")),
        Arguments.of("misspelled key two levels down", values("metrics.serviceMonitor.enable", true),
            List.of("'/metrics/serviceMonitor'", "'enable'")),
        Arguments.of("misspelled key under resources", values("resources.limit.memory", "1Gi"),
            List.of("'/resources'", "'limit'")),
        Arguments.of("string for an integer", values("replicaCount", "two"), List.of("'/replicaCount'")),
        Arguments.of("string for a boolean", values("rbac.create", "yes"), List.of("'/rbac/create'")),
        Arguments.of("zero replicas", values("replicaCount", 0), List.of("'/replicaCount'")),
        Arguments.of("unknown scope", values("watch.scope", "all"), List.of("'/watch/scope'")),
        Arguments.of("unknown deletion policy", values("operator.defaultDeletionPolicy", "Orphan"),
            List.of("'/operator/defaultDeletionPolicy'")),
        Arguments.of("unknown log format", values("operator.logFormat", "xml"), List.of("'/operator/logFormat'")),
        Arguments.of("unknown pull policy", values("image.pullPolicy", "Sometimes"), List.of("'/image/pullPolicy'")),
        Arguments.of("not a duration", values("operator.resyncInterval", "ten minutes"),
            List.of("'/operator/resyncInterval'")),
        Arguments.of("zero requests per second", values("operator.rateLimit.requestsPerSecond", 0),
            List.of("'/operator/rateLimit/requestsPerSecond'")),
        Arguments.of("requests per second not a number", values("operator.rateLimit.requestsPerSecond", "fast"),
            List.of("'/operator/rateLimit/requestsPerSecond'")),
        Arguments.of("not a quantity", values("resources.limits.memory", "lots"),
            List.of("'/resources/limits/memory'")),
        Arguments.of("not a namespace name", values("watch.scope", "namespaces", "watch.namespaces[0]", "Team_A"),
            List.of("'/watch/namespaces/0'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void theInstallFailsNamingTheMistake(String name, Map<String, Object> values, List<String> named) {
    assertThatThrownBy(() -> templateCommand(values).call())
        .as(name)
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContainingAll(named.toArray(String[]::new));
  }

  @Test
  void theSameValuesSpelledRightAreAccepted() {
    String rendered = templateCommand(values("replicaCount", 2, "operator.resyncInterval", "5m",
        "metrics.serviceMonitor.enabled", true, "resources.limits.memory", "1Gi", "rbac.create", true,
        "watch.scope", "namespaces", "watch.namespaces[0]", "team-a", "operator.defaultDeletionPolicy", "Retain",
        "operator.logFormat", "json", "image.pullPolicy", "Always")).call();

    assertThat(rendered).contains("kind: Deployment");
  }

  @Test
  void namespacesScopeWithoutNamespacesIsRefused() {
    assertThatThrownBy(() -> templateCommand(values("watch.scope", "namespaces")).call())
        .hasMessageContaining("watch.namespaces");
  }

  @Test
  void clustersOlderThanTheChartsKubeVersionAreRefused() {
    assertThatThrownBy(() -> new Helm(RenderedChart.CHART).template().withName("ldai")
        .withKubeVersion("1.24.0").call())
        .hasMessageContaining(">=1.25.0-0");
  }
}
