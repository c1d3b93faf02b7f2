package dev.ldai.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code helm template} run of the chart, split into its documents. Each document keeps its raw text
 * (to search for strings that must not appear in it) next to the Fabric8 object parsed from it.
 */
final class RenderedChart {

  static final Path CHART = Path.of("helm", "ldai-operator");
  static final String RELEASE = "ldai";
  static final String NAMESPACE = "ldai-system";
  /** {@code <release>-<chart name>}: what the chart names its objects for release {@value #RELEASE}. */
  static final String FULLNAME = RELEASE + "-ldai-operator";
  static final String KUBE_VERSION = "1.30.0";

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");

  /** A rendered document: the template it came from, its text, and the object it declares. */
  record Document(String source, String text, HasMetadata object) {
    String kind() {
      return object.getKind();
    }

    String name() {
      return object.getMetadata().getName();
    }

    String namespace() {
      return object.getMetadata().getNamespace();
    }
  }

  private final String output;
  private final List<Document> documents;

  private RenderedChart(String output, List<Document> documents) {
    this.output = output;
    this.documents = documents;
  }

  /** Values in the order given, each passed like {@code --set key=value}. */
  static Map<String, Object> values(Object... keysAndValues) {
    assertThat(keysAndValues.length % 2).as("keys and values come in pairs").isZero();
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return values;
  }

  static TemplateCommand templateCommand(Map<String, Object> values) {
    return templateCommand(NAMESPACE, values);
  }

  static TemplateCommand templateCommand(String namespace, Map<String, Object> values) {
    TemplateCommand command = new Helm(CHART).template()
        .withName(RELEASE)
        .withNamespace(namespace)
        .withKubeVersion(KUBE_VERSION);
    values.forEach(command::set);
    return command;
  }

  /** A client-only dry-run install: renders NOTES.txt too (template does not). */
  static String dryRunInstallOutput(Map<String, Object> values) {
    InstallCommand command = new Helm(CHART).install()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION)
        .dryRun()
        .withDryRunOption(DryRun.CLIENT)
        .clientOnly();
    values.forEach(command::set);
    return command.call().getOutput();
  }

  static RenderedChart render(Object... keysAndValues) {
    return render(values(keysAndValues));
  }

  static RenderedChart render(Map<String, Object> values) {
    return render(NAMESPACE, values);
  }

  /** The chart installed in the release namespace {@code namespace}. */
  static RenderedChart render(String namespace, Map<String, Object> values) {
    String output = templateCommand(namespace, values).call();
    List<Document> documents = new ArrayList<>();
    for (String text : DOCUMENT_SEPARATOR.split(output)) {
      if (text.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        continue; // only the "# Source:" comment of a template that rendered nothing, or nothing at all
      }
      String source = text.lines().filter(line -> line.startsWith("# Source: ")).findFirst()
          .map(line -> line.substring("# Source: ".length())).orElse("?");
      HasMetadata object = Serialization.unmarshal(text, HasMetadata.class);
      assertThat(object).as("object parsed from %s", source).isNotNull();
      documents.add(new Document(source, text, object));
    }
    return new RenderedChart(output, List.copyOf(documents));
  }

  String output() {
    return output;
  }

  List<Document> documents() {
    return documents;
  }

  /** The kinds rendered, one entry per object, sorted. */
  List<String> kinds() {
    return documents.stream().map(Document::kind).sorted().toList();
  }

  List<Document> documents(String kind) {
    return documents.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return documents.stream().map(Document::object).filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T only(Class<T> type) {
    List<T> found = all(type);
    assertThat(found).as("objects of type %s", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  Document only(String kind) {
    List<Document> found = documents(kind);
    assertThat(found).as("objects of kind %s", kind).hasSize(1);
    return found.get(0);
  }
}
