package dev.ldai.operator.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Runs one command of the command-line tool and exits, or, without arguments, keeps the application (the
 * operator, started by {@link OperatorLifecycle}) running until it is stopped.
 */
public class LdaiApplication implements QuarkusApplication {

  private final Instance<CommandLineTool> tool;

  @Inject
  public LdaiApplication(Instance<CommandLineTool> tool) {
    this.tool = tool;
  }

  /** Whether the arguments ask for a command rather than the operator. */
  static boolean isCommand(String... args) {
    return args.length > 0;
  }

  @Override
  public int run(String... args) {
    if (isCommand(args)) {
      return tool.get().execute(args);
    }
    Quarkus.waitForExit();
    return 0;
  }
}
