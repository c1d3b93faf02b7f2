package dev.ldai.operator.cli;

import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import dev.ldai.operator.launchdarkly.LaunchDarklyEndpoint;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl ldai diff}: what the operator would do to LaunchDarkly if the manifests were applied, worked out
 * with the reconcilers' own mapping and diff classes. It reads LaunchDarkly and writes nothing; it needs no cluster.
 */
@Dependent
@Command(name = "diff", exitCodeOnInvalidInput = 1,
    description = {"Shows what the operator would change in LaunchDarkly if the manifests were applied: per object"
        + " create, update (each field, before → after; prompts as unified diffs), replace or nothing, and what each"
        + " targeted environment would serve before and after. Reads LaunchDarkly, writes nothing, needs no cluster.",
        "Exit code 0 when nothing would change, 2 when something would, 1 on an error (a manifest that is invalid or"
            + " would not sync, a reference to an object in neither the manifests nor LaunchDarkly, a refused token)."})
public class DiffCommand implements Callable<Integer> {

  enum Output { text, json }

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
      description = "A manifest file (one or more YAML documents), a directory of them (searched recursively;"
          + " kustomization.yaml is skipped), or - for standard input (e.g. kubectl kustomize DIR); repeatable.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--namespace", paramLabel = "NAMESPACE",
      description = "Namespace of manifests that name none, as kubectl apply --namespace. Default: default.")
  String namespace;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default) or json.")
  Output output = Output.text;

  @Option(names = "--show-unchanged", description = "Also show a line for each manifest that changes nothing.")
  boolean showUnchanged;

  @Option(names = "--prune", description = "The manifests are every resource of their namespaces (as Argo CD syncs with"
      + " pruning): also show the objects of their projects that a resource of those namespaces no manifest names made"
      + " (by its owner tag), which pruning deletes.")
  boolean prune;

  @Spec CommandSpec spec;

  private final LaunchDarklyEndpoint endpoint;
  private final LaunchDarklyClients clients;
  private InputStream standardInput = System.in;

  @Inject
  public DiffCommand(LaunchDarklyEndpoint endpoint, LaunchDarklyClients clients) {
    this.endpoint = endpoint;
    this.clients = clients;
  }

  void readStandardInputFrom(InputStream input) {
    this.standardInput = input;
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    try {
      List<ManifestFiles.Document> documents = ManifestFiles.read(paths, standardInput);
      List<String> invalid = invalid(documents);
      if (!invalid.isEmpty()) {
        invalid.forEach(line -> stderr.println("error: " + line));
        return 1;
      }
      DesiredResources desired = DesiredResources.of(documents, Optional.ofNullable(namespace));
      LaunchDarklyState launchDarkly = LaunchDarklyState.withOperatorToken(endpoint, clients);
      List<PlannedChange> changes = new ArrayList<>(new ChangePlanner(desired, launchDarkly).plan());
      if (prune) {
        changes.addAll(new PrunePlanner(desired, launchDarkly).plan());
      }
      DiffReport report = new DiffReport(changes, showUnchanged);
      stdout.print(output == Output.json ? report.json() : report.text());
      stdout.flush();
      if (report.exitCode() == 1) {
        stderr.println(output == Output.json
            ? "error: some resources would not sync; see the changes whose action is REFUSE"
            : "error: some resources would not sync; see the lines marked !");
      }
      return report.exitCode();
    } catch (CommandException e) {
      stderr.println("error: " + e.getMessage());
      return 1;
    } catch (LaunchDarklyException e) {
      stderr.println("error: reading LaunchDarkly: " + e.getMessage());
      return 1;
    }
  }

  /**
   * What the API server would refuse, a line per violation naming the file, the resource and the field: the CRDs'
   * schemas and CEL rules, checked offline before LaunchDarkly is read. Other kinds are {@link DesiredResources}' to refuse.
   */
  private static List<String> invalid(List<ManifestFiles.Document> documents) {
    ManifestValidator validator = ManifestValidator.bundled();
    List<String> lines = new ArrayList<>();
    for (ManifestFiles.Document document : documents) {
      if (!DesiredResources.isKnownKind(document.manifest())) {
        continue;
      }
      String resource = document.manifest().path("kind").asText() + " " + document.manifest().path("metadata").path("name").asText("(no name)");
      validator.validate(document.manifest()).forEach(violation -> lines.add("%s: %s: %s".formatted(document.origin(), resource, violation)));
    }
    return lines;
  }
}
