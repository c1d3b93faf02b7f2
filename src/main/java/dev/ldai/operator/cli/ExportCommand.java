package dev.ldai.operator.cli;

import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import dev.ldai.operator.launchdarkly.LaunchDarklyEndpoint;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import io.fabric8.kubernetes.client.CustomResource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl ldai export}: writes a LaunchDarkly project's AI Configs and what they use as manifests that,
 * applied to a cluster running the operator, take the objects over without changing them. Everything is read
 * before anything is written, so an error leaves nothing behind.
 */
@Dependent
@Command(name = "export", exitCodeOnInvalidInput = 1,
    description = {"Writes a LaunchDarkly project's AI Configs, variations, the custom model configs they use,"
        + " targeting, AI tools, prompt snippets and agent graphs as manifests with adoptionPolicy: Adopt.",
        "Progress and errors go to standard error. Exit code 0 on success, 1 on an error."})
public class ExportCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "Key of the LaunchDarkly project.")
  String projectKey;

  @Option(names = "--namespace", paramLabel = "NAMESPACE",
      description = "Namespace written into every manifest; without it, kubectl's current namespace applies.")
  String namespace;

  @Option(names = "--environment", paramLabel = "ENVIRONMENT",
      description = "Key of an environment whose targeting is exported, one AIConfigTargeting per config; repeatable.")
  List<String> environmentKeys = new ArrayList<>();

  @Option(names = "--config", paramLabel = "KEY", description = "Key of an AI Config to export; repeatable. Default: all.")
  List<String> configKeys = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR",
      description = "Directory for one file per object and a kustomization.yaml. Default: one multi-document"
          + " stream on standard output.")
  Path out;

  /** Where picocli writes: the manifests to its out, progress and errors to its err. */
  @Spec CommandSpec spec;

  private final LaunchDarklyEndpoint endpoint;
  private final LaunchDarklyClients clients;

  @Inject
  public ExportCommand(LaunchDarklyEndpoint endpoint, LaunchDarklyClients clients) {
    this.endpoint = endpoint;
    this.clients = clients;
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    try {
      ExportRequest request = new ExportRequest(projectKey, configKeys, environmentKeys, Optional.ofNullable(namespace));
      ProjectContents contents = new ProjectReader(LaunchDarklyState.withOperatorToken(endpoint, clients), stderr::println)
          .read(request);
      List<CustomResource<?, ?>> manifests = ProjectManifests.of(request, contents);
      if (out == null) {
        stdout.print(ManifestYaml.stream(manifests));
        stdout.flush();
      } else {
        ManifestDirectory.write(out, manifests);
        stderr.printf("Wrote %d manifests and %s to %s%n", manifests.size(), ManifestDirectory.KUSTOMIZATION, out);
      }
      return 0;
    } catch (CommandException e) {
      stderr.println("error: " + e.getMessage());
      return 1;
    } catch (LaunchDarklyException e) {
      stderr.println("error: reading project %s: %s".formatted(projectKey, e.getMessage()));
      return 1;
    } catch (IOException e) {
      stderr.println("error: cannot write to %s: %s".formatted(out, e.getMessage()));
      return 1;
    }
  }
}
