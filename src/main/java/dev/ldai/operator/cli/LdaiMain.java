package dev.ldai.operator.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The jar's entry point, for both of its modes. Without arguments it is the operator. With arguments it is the
 * command-line tool ({@code kubectl ldai export ...}): the configuration profile {@value #CLI_PROFILE} is
 * chosen before Quarkus starts, so that no HTTP server listens and logs stay off standard output (see
 * {@code %cli.} in {@code application.properties}) and the operator is not started ({@link OperatorLifecycle}); the
 * command runs and the process exits with its exit code.
 */
@QuarkusMain
public final class LdaiMain {

  static final String CLI_PROFILE = "cli";
  static final String PROFILE_PROPERTY = "quarkus.profile";

  private LdaiMain() {}

  /** Whether the application runs a command rather than the operator. */
  static boolean isCommandLineMode() {
    return ConfigUtils.getProfiles().contains(CLI_PROFILE);
  }

  public static void main(String... args) {
    if (LdaiApplication.isCommand(args) && System.getProperty(PROFILE_PROPERTY) == null) {
      System.setProperty(PROFILE_PROPERTY, CLI_PROFILE);
    }
    Quarkus.run(LdaiApplication.class, args);
  }
}
