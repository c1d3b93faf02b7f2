package dev.ldai.operator.helm;

import static dev.ldai.operator.helm.RenderedChart.CHART;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs ship in the chart's crds/ directory: Helm installs them before the templates and never renders
 * them as templates. (CrdSyncTest checks they equal what the build generates.)
 */
class ChartCrdsTest {

  static final Path CHART_CRDS = CHART.resolve("crds");
  static final Path PROJECT_CRDS = Path.of("crds");
  static final List<String> CRD_NAMES =
      List.of("aiconfigs.ldai.dev", "aiconfigvariations.ldai.dev", "aimodelconfigs.ldai.dev", "aiconfigtargetings.ldai.dev",
          "aitools.ldai.dev", "promptsnippets.ldai.dev", "aiagentgraphs.ldai.dev");

  @Test
  void theChartsCrdsAreByteIdenticalToTheProjectsCrds() throws IOException {
    List<String> chartFiles = fileNames(CHART_CRDS);
    assertThat(chartFiles).containsExactlyInAnyOrderElementsOf(fileNames(PROJECT_CRDS)).hasSameSizeAs(CRD_NAMES);
    for (String file : chartFiles) {
      assertThat(Files.readAllBytes(CHART_CRDS.resolve(file))).as(file)
          .isEqualTo(Files.readAllBytes(PROJECT_CRDS.resolve(file)));
    }
  }

  @Test
  void helmTakesEveryCrdVerbatimFromCrdsDirectory() throws IOException {
    String shown = new Helm(CHART).show().crds().call();

    List<String> names = new ArrayList<>();
    for (String file : fileNames(CHART_CRDS)) {
      String content = Files.readString(CHART_CRDS.resolve(file));
      // Verbatim: the variation CRD's descriptions mention LaunchDarkly's {{ variables }}, which the
      // template engine would have tried to evaluate.
      assertThat(shown).as(file).contains(content);
      names.add(Serialization.unmarshal(content, CustomResourceDefinition.class).getMetadata().getName());
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(CRD_NAMES);
    assertThat(shown).contains("{{ variables }}");
  }

  @Test
  void noTemplateRendersACrd() {
    RenderedChart chart = RenderedChart.render();

    assertThat(chart.kinds()).doesNotContain("CustomResourceDefinition");
    assertThat(chart.output()).doesNotContain("CustomResourceDefinition");
  }

  private static List<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
