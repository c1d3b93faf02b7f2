package dev.ldai.operator.drift;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns each project snapshot of the poller into reconcile events for the resources of one kind that are
 * out of date with it. Which resources those are is the kind's business ({@code affected}).
 */
public final class LaunchDarklyChanges<P extends HasMetadata> extends AbstractEventSource<ProjectSnapshot, P>
    implements Consumer<ProjectSnapshot> {

  private final ProjectPoller poller;
  private final Function<ProjectSnapshot, Set<ResourceID>> affected;

  public LaunchDarklyChanges(ProjectPoller poller, Function<ProjectSnapshot, Set<ResourceID>> affected) {
    super(ProjectSnapshot.class, "launchdarkly-changes");
    this.poller = poller;
    this.affected = affected;
  }

  @Override
  public void start() {
    poller.addListener(this);
    super.start();
  }

  @Override
  public void stop() {
    poller.removeListener(this);
    super.stop();
  }

  /** The news is not cached: there is nothing to look up for a primary resource. */
  @Override
  public Set<ProjectSnapshot> getSecondaryResources(P primary) {
    return Set.of();
  }

  @Override
  public void accept(ProjectSnapshot changes) {
    if (isRunning()) {
      affected.apply(changes).forEach(id -> getEventHandler().handleEvent(new Event(id)));
    }
  }
}
