package dev.ldai.operator.cli;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code kubectl ldai}: the commands of the command-line tool. Results go to standard output, progress and
 * errors to standard error; the exit code is 0 on success and 1 on an error, a usage error included.
 */
@Dependent
public class CommandLineTool {

  /** The root command: it only holds the subcommands. */
  @Command(name = "kubectl ldai", exitCodeOnInvalidInput = 1,
      description = "LaunchDarkly AI Configs as Kubernetes manifests. LaunchDarkly's token and base URL come from"
          + " LDAI_LAUNCHDARKLY_API_TOKEN and LDAI_LAUNCHDARKLY_BASE_URL, as the operator's do.")
  static final class Root {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
  }

  private final Instance<ExportCommand> exportCommands;
  private final Instance<DiffCommand> diffCommands;

  @Inject
  public CommandLineTool(Instance<ExportCommand> exportCommands, Instance<DiffCommand> diffCommands) {
    this.exportCommands = exportCommands;
    this.diffCommands = diffCommands;
  }

  /** Runs the command the arguments name, on the process's standard output and error. */
  public int execute(String... args) {
    return execute(System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Each run parses into new command objects: picocli takes the fields' values as the options' defaults. */
  public int execute(InputStream in, PrintWriter out, PrintWriter err, String... args) {
    ExportCommand export = exportCommands.get();
    DiffCommand diff = diffCommands.get();
    diff.readStandardInputFrom(in);
    try {
      CommandLine commandLine = new CommandLine(new Root()).addSubcommand("export", export).addSubcommand("diff", diff);
      commandLine.setOut(out);
      commandLine.setErr(err);
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
      exportCommands.destroy(export);
      diffCommands.destroy(diff);
    }
  }
}
