package dev.ldai.operator.drift;

import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.drift.ProjectSnapshot.Part;
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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Reads LaunchDarkly by project instead of by resource: once per resync interval, for every (token,
 * project) that some resource still needs, it lists the project's AI Configs (100 per page, with their
 * latest variations) and model configs — and its AI tools and prompt snippets when a resource needs them
 * ({@link ProjectSnapshot.Part}) — keeps the listing, and hands it to its listeners, which reconcile
 * the resources that last saw another version (or whose object is gone) and use the listed objects instead
 * of reading them one by one. Drift costs about {@code ceil(configs/100) + 1} calls per project and
 * interval; a resource whose LaunchDarkly object did not change is not touched.
 *
 * <p>A (token, project) is listed while a resource that used it is remembered: until the resource is
 * forgotten ({@link #forget}) or uses another. Its listing is dropped with the last such resource.
 */
@ApplicationScoped
public class ProjectPoller {

  private static final Logger LOG = Logger.getLogger(ProjectPoller.class);

  private record Watched(ApiToken token, String project) {}

  /** A listing; numbered in the order listings begin. */
  private record Listing(long number, CompletableFuture<ProjectSnapshot> result) {}

  private record Latest(long number, ProjectSnapshot snapshot) {}

  private final LaunchDarklyClients clients;
  private final LdaiConfig config;
  private final Clock clock;
  /** Guards {@link #watchedBy} and {@link #watchers}, which change together. */
  private final Object watching = new Object();
  /** Per resource uid, the (token, project) it last used. */
  private final Map<String, Watched> watchedBy = new HashMap<>();
  /** Per resource uid, what it needs listed besides configs and model configs; absent for nothing. */
  private final Map<String, Set<Part>> partsNeededBy = new HashMap<>();
  /** Per (token, project), the resources that use it; never empty. */
  private final Map<Watched, Set<String>> watchers = new HashMap<>();
  private final Map<Watched, Latest> latest = new ConcurrentHashMap<>();
  private final Map<Watched, Listing> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong listingsBegun = new AtomicLong();
  private final List<Consumer<ProjectSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> beforeEachPoll = new CopyOnWriteArrayList<>();
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

  /**
   * Includes the project in the polls, read with this token, for as long as the resource is remembered;
   * a resource that used another (token, project) before leaves it.
   */
  public void watch(ApiToken token, String project, String resourceUid) {
    watch(token, project, resourceUid, Set.of());
  }

  /** As {@link #watch(ApiToken, String, String)}, with the project's tools or snippets listed too. */
  public void watch(ApiToken token, String project, String resourceUid, Set<Part> parts) {
    Watched needed = new Watched(token, project);
    synchronized (watching) {
      if (parts.isEmpty()) {
        partsNeededBy.remove(resourceUid);
      } else {
        partsNeededBy.put(resourceUid, Set.copyOf(parts));
      }
      Watched before = watchedBy.put(resourceUid, needed);
      if (before != null && !before.equals(needed)) {
        unwatch(before, resourceUid);
      }
      watchers.computeIfAbsent(needed, key -> new HashSet<>()).add(resourceUid);
    }
  }

  /** The resource needs no listing any more; a project no other resource needs is no longer listed. */
  public void forget(String resourceUid) {
    synchronized (watching) {
      Watched before = watchedBy.remove(resourceUid);
      partsNeededBy.remove(resourceUid);
      if (before != null) {
        unwatch(before, resourceUid);
      }
    }
  }

  /** The resources that keep a project listed. */
  public Set<String> resources() {
    synchronized (watching) {
      return Set.copyOf(watchedBy.keySet());
    }
  }

  private void unwatch(Watched project, String resourceUid) {
    Set<String> uids = watchers.get(project);
    uids.remove(resourceUid);
    if (uids.isEmpty()) {
      watchers.remove(project);
      latest.remove(project);
    }
  }

  /** The project as last listed with this token; dropped with the last resource that needs it. */
  public Optional<ProjectSnapshot> latest(ApiToken token, String project) {
    return Optional.ofNullable(latest.get(new Watched(token, project))).map(Latest::snapshot);
  }

  /**
   * The latest listing of the project; when there is none, or it lacks tools or snippets a resource now
   * needs, the project is listed now, in this thread, or the listing another caller has begun is awaited. A failure to list is thrown to every caller waiting.
   */
  public ProjectSnapshot listing(ApiToken token, String project) {
    Watched key = new Watched(token, project);
    Latest known = latest.get(key);
    if (known != null && known.snapshot().parts().containsAll(partsNeeded(key))) {
      return known.snapshot();
    }
    ProjectSnapshot listed = list(key, known == null ? 0 : known.number());
    // A listing in flight may have begun before the caller's resource asked for a part (say, its tools):
    // without it, the listing would show none of them, as if none existed.
    return listed.parts().containsAll(partsNeeded(key)) ? listed : list(key, listingsBegun.get());
  }

  /** A listing that begins after this call: this thread lists, unless another caller began one since. */
  public ProjectSnapshot relist(ApiToken token, String project) {
    return list(new Watched(token, project), listingsBegun.get());
  }

  public void addListener(Consumer<ProjectSnapshot> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<ProjectSnapshot> listener) {
    listeners.remove(listener);
  }

  /** Runs {@code task} at the start of each poll, e.g. to forget what belongs to resources that are gone. */
  public void beforeEachPoll(Runnable task) {
    beforeEachPoll.add(task);
  }

  /**
   * One poll of every project some resource needs; a project that fails to list is tried again next time.
   * Each listing is then handed to the listeners; one that fails is logged and does not keep the others
   * from it.
   */
  public void pollAll() {
    for (Runnable task : beforeEachPoll) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warnf(e, "A task before the poll of LaunchDarkly projects failed");
      }
    }
    List<Watched> needed;
    synchronized (watching) {
      // A listing asked for (listing, relist) of a project no resource needs is kept until here.
      latest.keySet().retainAll(watchers.keySet());
      needed = List.copyOf(watchers.keySet());
    }
    needed.forEach(this::poll);
  }

  private void poll(Watched project) {
    try {
      list(project, 0);
    } catch (LaunchDarklyException e) {
      if (e.kind() == ErrorKind.UNAUTHORIZED || e.kind() == ErrorKind.NOT_FOUND) {
        // A revoked token or a deleted project: forget it until a reconcile uses it again.
        forgetProject(project);
      }
      LOG.debugf("Polling LaunchDarkly project %s failed: %s", project.project(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.debugf("Polling LaunchDarkly project %s failed, will try again: %s", project.project(), e.getMessage());
    }
  }

  private void forgetProject(Watched project) {
    synchronized (watching) {
      Set<String> uids = watchers.remove(project);
      if (uids != null) {
        uids.forEach(watchedBy::remove);
        uids.forEach(partsNeededBy::remove);
      }
      latest.remove(project);
    }
  }

  /**
   * A listing of the project numbered above {@code after}: the one in flight if it is, else one this
   * thread makes. The listing that makes it stores it as the latest, unless a later-begun one is stored
   * already, and then hands it to the listeners.
   */
  private ProjectSnapshot list(Watched project, long after) {
    Listing mine;
    while (true) {
      Listing current = inFlight.get(project);
      if (current != null && current.number() > after) {
        return awaited(current);
      }
      mine = new Listing(listingsBegun.incrementAndGet(), new CompletableFuture<>());
      boolean registered = current == null
          ? inFlight.putIfAbsent(project, mine) == null
          : inFlight.replace(project, current, mine);
      if (registered) {
        break;
      }
    }
    try {
      ProjectSnapshot snapshot = listNow(project);
      mine.result().complete(snapshot);
      Latest stored = latest.merge(project, new Latest(mine.number(), snapshot),
          (known, listed) -> listed.number() > known.number() ? listed : known);
      if (stored.number() == mine.number()) {
        announce(snapshot);
      }
      return snapshot;
    } catch (RuntimeException | Error e) {
      mine.result().completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(project, mine);
    }
  }

  private ProjectSnapshot listNow(Watched project) {
    LaunchDarklyClient client = clients.forToken(project.token());
    Set<Part> parts = partsNeeded(project);
    Instant takenAt = clock.instant();
    String key = project.project();
    ProjectSnapshot snapshot = ProjectSnapshot.of(key, takenAt, client.listAllConfigs(key),
        LaunchDarklyClient.askedAgainWhileRateLimited(() -> client.listModelConfigs(key)),
        parts.contains(Part.TOOLS) ? Optional.of(client.listAllTools(key)) : Optional.empty(),
        parts.contains(Part.SNIPPETS) ? Optional.of(client.listAllPromptSnippets(key)) : Optional.empty(),
        parts.contains(Part.AGENT_GRAPHS) ? Optional.of(client.listAllAgentGraphs(key)) : Optional.empty());
    LOG.debugf("Listed %s: %d configs, %d variations, %d model configs, %d tools, %d snippets, %d agent graphs", key,
        snapshot.configs().size(), snapshot.variations().size(), snapshot.models().size(), snapshot.tools().size(),
        snapshot.snippets().size(), snapshot.agentGraphs().size());
    return snapshot;
  }

  /** What the project's resources need listed besides configs and model configs. */
  private Set<Part> partsNeeded(Watched project) {
    Set<Part> parts = EnumSet.noneOf(Part.class);
    synchronized (watching) {
      watchers.getOrDefault(project, Set.of()).forEach(uid -> parts.addAll(partsNeededBy.getOrDefault(uid, Set.of())));
    }
    return parts;
  }

  /** The result of another caller's listing, or what it threw. */
  private static ProjectSnapshot awaited(Listing listing) {
    try {
      return listing.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
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
