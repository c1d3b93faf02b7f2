package dev.ldai.operator.drift;

import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Reads LaunchDarkly by project instead of by resource: once per resync interval, for every (token,
 * project) a reconciler has used, it lists the project's AI Configs (100 per page, with their latest
 * variations) and model configs, keeps the listing, and hands it to its listeners, which reconcile the
 * resources that last saw another version (or whose object is gone) and use the listed objects instead of
 * reading them one by one. Drift costs about {@code ceil(configs/100) + 1} calls
 * per project and interval; a resource whose LaunchDarkly object did not change is not touched.
 */
@ApplicationScoped
public class ProjectPoller {

  private static final Logger LOG = Logger.getLogger(ProjectPoller.class);

  private record Watched(ApiToken token, String project) {}

  private final LaunchDarklyClients clients;
  private final LdaiConfig config;
  private final Clock clock;
  private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
  private final Map<Watched, ProjectSnapshot> latest = new ConcurrentHashMap<>();
  private final List<Consumer<ProjectSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService scheduler;

  public ProjectPoller(LaunchDarklyClients clients, LdaiConfig config, Clock clock) {
    this.clients = clients;
    this.config = config;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent event) {
    start();
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  /** Polls every resync interval from now on. */
  public synchronized void start() {
    long interval = config.resyncInterval().toMillis();
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "ldai-project-poller");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::pollAll, interval, interval, TimeUnit.MILLISECONDS);
  }

  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  /** Includes the project in the polls, read with this token. */
  public void watch(ApiToken token, String project) {
    watched.add(new Watched(token, project));
  }

  /** The project as last listed with this token, if it was listed since it was first watched. */
  public Optional<ProjectSnapshot> latest(ApiToken token, String project) {
    return Optional.ofNullable(latest.get(new Watched(token, project)));
  }

  /** The latest listing of the project, listing it now when there is none. */
  public ProjectSnapshot listing(ApiToken token, String project) {
    return latest(token, project).orElseGet(() -> relist(token, project));
  }

  /** A listing of the project that begins now. */
  public ProjectSnapshot relist(ApiToken token, String project) {
    Watched watched = new Watched(token, project);
    LaunchDarklyClient client = clients.forToken(token);
    ProjectSnapshot snapshot = ProjectSnapshot.of(project, clock.instant(), client.listAllConfigs(project), client.listModelConfigs(project));
    latest.put(watched, snapshot);
    announce(snapshot);
    return snapshot;
  }

  public void addListener(Consumer<ProjectSnapshot> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<ProjectSnapshot> listener) {
    listeners.remove(listener);
  }

  /**
   * One poll of every watched project; a project that fails to list is tried again next time. Each listing
   * is then handed to the listeners; one that fails is logged and does not keep the others from it.
   */
  public void pollAll() {
    for (Watched project : watched) {
      poll(project).ifPresent(this::announce);
    }
  }

  private Optional<ProjectSnapshot> poll(Watched project) {
    try {
      LaunchDarklyClient client = clients.forToken(project.token());
      Instant takenAt = clock.instant();
      ProjectSnapshot snapshot = ProjectSnapshot.of(project.project(), takenAt,
          client.listAllConfigs(project.project()), client.listModelConfigs(project.project()));
      latest.put(project, snapshot);
      LOG.debugf("Polled %s: %d configs, %d variations, %d model configs", project.project(),
          snapshot.configs().size(), snapshot.variations().size(), snapshot.models().size());
      return Optional.of(snapshot);
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.UNAUTHORIZED || e.kind() == ErrorKind.NOT_FOUND) {
        // A revoked token or a deleted project: forget it until a reconcile uses it again.
        watched.remove(project);
        latest.remove(project);
      }
      LOG.debugf("Polling LaunchDarkly project %s failed: %s", project.project(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.debugf("Polling LaunchDarkly project %s failed, will try again: %s", project.project(), e.getMessage());
    }
    return Optional.empty();
  }

  private void announce(ProjectSnapshot snapshot) {
    for (Consumer<ProjectSnapshot> listener : listeners) {
      try {
        listener.accept(snapshot);
      } catch (RuntimeException e) {
        LOG.warnf(e, "A listener of LaunchDarkly project %s's listings failed on this one", snapshot.project());
      }
    }
  }
}
