package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.testing.Yaml;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesiredResourcesTest {

  private static ManifestFiles.Document config(String file, String name, String namespace) {
    return new ManifestFiles.Document(file, 0, Yaml.documents("""
        apiVersion: ldai.dev/v1alpha1
        kind: AIConfig
        metadata:
          name: %s
        %sspec:
          projectKey: p
          name: N
        """.formatted(name, namespace == null ? "" : "  namespace: " + namespace + "\n")).get(0));
  }

  @Test
  void eachResourceIsInItsOwnNamespaceElseTheOneAskedForElseDefault() {
    DesiredResources asked = DesiredResources.of(List.of(config("a.yaml", "a", null), config("b.yaml", "b", "team")), Optional.empty());
    DesiredResources given = DesiredResources.of(List.of(config("a.yaml", "a", null)), Optional.of("support"));

    assertThat(asked.named(AIConfig.class, "default", "a")).isPresent();
    assertThat(asked.named(AIConfig.class, "team", "b")).get().extracting(asked::origin).isEqualTo("b.yaml");
    assertThat(asked.named(AIConfig.class, "default", "b")).isEmpty();
    assertThat(asked.namespaces()).containsExactly("default", "team");
    assertThat(given.named(AIConfig.class, "support", "a")).isPresent();
  }

  @Test
  void aResourceTwiceOrInAnotherNamespaceThanAskedIsAnErrorNamingTheFiles() {
    assertThatThrownBy(() -> DesiredResources.of(List.of(config("a.yaml", "a", null), config("b.yaml", "a", "default")), Optional.empty()))
        .isInstanceOf(CommandException.class).hasMessage("b.yaml: AIConfig default/a is also in a.yaml");
    assertThatThrownBy(() -> DesiredResources.of(List.of(config("a.yaml", "a", "team")), Optional.of("support")))
        .hasMessage("a.yaml: the namespace of AIConfig a is team, not support as --namespace says");
  }

  @Test
  void aManifestWithoutSpecIsAnErrorNamingTheFileAndDocument() {
    ManifestFiles.Document noSpec = new ManifestFiles.Document("c.yaml", 2, Yaml.documents(
        "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata:\n  name: c\n").get(0));

    assertThatThrownBy(() -> DesiredResources.of(List.of(noSpec), Optional.empty())).hasMessage("c.yaml (document 3): spec: Required value");
  }
}
