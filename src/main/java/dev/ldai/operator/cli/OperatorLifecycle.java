package dev.ldai.operator.cli;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Starts the operator with the application and stops it with it, except in command-line mode, where it is never
 * even made. The operator SDK leaves this to the application once it has a {@code QuarkusApplication} of its own
 * ({@link LdaiApplication}), as this one does.
 */
@ApplicationScoped
public class OperatorLifecycle {

  private static final Logger LOG = Logger.getLogger(OperatorLifecycle.class);

  private final Instance<Operator> operator;

  @Inject
  public OperatorLifecycle(Instance<Operator> operator) {
    this.operator = operator;
  }

  void start(@Observes StartupEvent event) {
    if (!LdaiMain.isCommandLineMode()) {
      LOG.info("Starting operator.");
      operator.get().start();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (!LdaiMain.isCommandLineMode()) {
      operator.get().stop();
    }
  }
}
