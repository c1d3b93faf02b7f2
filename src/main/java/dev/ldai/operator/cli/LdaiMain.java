package dev.ldai.operator.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.ConfigUtils;
import java.util.Optional;

/**
 * The jar's entry point, for both of its modes. Without arguments it is the operator. With arguments it is the
 * command-line tool ({@code kubectl ldai export ...}): the configuration profile {@value #CLI_PROFILE} is added
 * to the profiles before Quarkus starts, so that no HTTP server listens and logs stay off standard output (see
 * {@code %cli.} in {@code application.properties}) and the operator is not started ({@link OperatorLifecycle});
 * the command runs and the process exits with its exit code.
 */
@QuarkusMain
public final class LdaiMain {

  static final String CLI_PROFILE = "cli";
  static final String PROFILE_PROPERTY = "quarkus.profile";
  static final String PROFILE_VARIABLE = "QUARKUS_PROFILE";
  private static final String DEFAULT_PROFILE = "prod";

  private LdaiMain() {}

  /** Whether the application runs a command rather than the operator. */
  static boolean isCommandLineMode() {
    return ConfigUtils.getProfiles().contains(CLI_PROFILE);
  }

  /** The profiles of command-line mode: those configured (or prod), then {@value #CLI_PROFILE}, which wins. */
  static String commandLineProfiles(Optional<String> configured) {
    return configured.filter(profiles -> !profiles.isBlank()).orElse(DEFAULT_PROFILE) + "," + CLI_PROFILE;
  }

  public static void main(String... args) {
    if (LdaiApplication.isCommand(args)) {
      Optional<String> configured = Optional.ofNullable(System.getProperty(PROFILE_PROPERTY))
          .or(() -> Optional.ofNullable(System.getenv(PROFILE_VARIABLE)));
      System.setProperty(PROFILE_PROPERTY, commandLineProfiles(configured));
    }
    Quarkus.run(LdaiApplication.class, args);
  }
}
