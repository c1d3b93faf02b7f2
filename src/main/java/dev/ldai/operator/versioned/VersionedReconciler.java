package dev.ldai.operator.versioned;

import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.Creates;
import dev.ldai.operator.common.Deletion;
import dev.ldai.operator.common.Diff;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LaunchDarklyReconciler;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.common.ProjectScoped;
import dev.ldai.operator.common.ReconcileSupport;
import dev.ldai.operator.common.ShownInListing;
import dev.ldai.operator.common.Sync;
import dev.ldai.operator.common.Target;
import dev.ldai.operator.common.Updated;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.drift.ProjectSnapshot.Part;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.api.LdVersioned;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.Timestamps;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The part AI tools and prompt snippets share: objects LaunchDarkly keeps in versions, every change
 * (a PATCH) making a new one that variations may pin. Created with the owner tag, patched only where they
 * differ, reverted when edited in LaunchDarkly, and not deleted while a variation pins them.
 *
 * <p>Reads at rest are the project listing's: the object at its latest version, and which listed variations
 * pin it. {@code /versions} is read only when the version moved other than by this resource's own write,
 * and {@code /references} only when the version moved without a listing to tell, and before a delete.
 *
 * @param <SP> the spec
 * @param <R> the resource
 * @param <O> the object as LaunchDarkly answers it
 * @param <P> what a PATCH sends
 */
public abstract class VersionedReconciler<
        SP extends CommonSpec & ProjectScoped,
        R extends CustomResource<SP, VersionedStatus> & Namespaced,
        O extends LdVersioned,
        P>
    extends LaunchDarklyReconciler<R, VersionedStatus, VersionedReconciler.Where, Observed<O>, P>
    implements Creates<R, VersionedStatus, VersionedReconciler.Where, Observed<O>>, ShownInListing<R> {

  /** How many of the newest versions the status lists. */
  public static final int VERSIONS_SHOWN = 10;

  /** An AI tool or prompt snippet in a project; {@code described} names its kind for messages. */
  public record Where(String project, String key, String described) implements Target {
    @Override
    public String what() {
      return described + " " + key;
    }

    @Override
    public String where() {
      return "project " + project;
    }
  }

  protected VersionedReconciler(ReconcileSupport support) {
    super(support);
  }

  // ---- The kind's part ----

  /** The kind in messages, e.g. {@code AI tool}. */
  protected abstract String described();

  /** What the project listing holds of this kind. */
  protected abstract Part part();

  protected abstract Optional<O> listed(ProjectSnapshot listing, String key);

  /** The listed variations that pin the object, in {@link Pin#ORDER}. */
  protected abstract List<Pin> listedPins(ProjectSnapshot listing, String key);

  protected abstract Optional<O> get(LaunchDarklyClient client, String project, String key);

  protected abstract O post(LaunchDarklyClient client, String project, String key, SP spec, String ownerTag);

  protected abstract O patch(LaunchDarklyClient client, String project, String key, P change);

  /** @return false when LaunchDarkly had no such object */
  protected abstract boolean remove(LaunchDarklyClient client, String project, String key);

  /** The variations pinning the object; empty when LaunchDarkly has no such object. */
  protected abstract Optional<List<Pin>> readPins(LaunchDarklyClient client, String project, String key);

  /** The newest versions, at most {@code limit}; empty when LaunchDarkly has no such object. */
  protected abstract Optional<List<O>> readVersions(LaunchDarklyClient client, String project, String key, int limit);

  /** Where the object differs from the spec; the owner tag is present when the resource manages the object. */
  protected abstract Diff<P> differences(SP spec, O actual, Optional<String> ownerTag);

  // ---- The contract ----

  @Override
  protected Class<VersionedStatus> statusType() {
    return VersionedStatus.class;
  }

  @Override
  protected Set<Part> partsToList(R resource) {
    return Set.of(part());
  }

  @Override
  protected String claim(R resource, Context<R> context) {
    return "%s/%s/%s".formatted(resource.getSpec().getProjectKey(), part().name().toLowerCase(),
        Keys.effectiveKey(resource, resource.getSpec()));
  }

  @Override
  protected Where target(R resource, Context<R> context) {
    return new Where(resource.getSpec().getProjectKey(), Keys.effectiveKey(resource, resource.getSpec()), described());
  }

  @Override
  protected Optional<Where> recordedTarget(R resource) {
    return Optional.ofNullable(resource.getStatus()).map(VersionedStatus::getKey)
        .map(key -> new Where(resource.getSpec().getProjectKey(), key, described()));
  }

  /**
   * From the listing when it holds this kind, else by a GET. The versions and pins the status shows are
   * kept while the version is the one it shows; else read.
   */
  @Override
  protected Optional<Observed<O>> observe(Sync<R, VersionedStatus, Where> sync) {
    Where where = sync.target();
    Optional<ProjectSnapshot> listing = sync.listing().filter(snapshot -> snapshot.lists(part()));
    Optional<O> found = listing.isPresent()
        ? listed(listing.get(), where.key())
        : get(sync.client(), where.project(), where.key());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    O object = found.get();
    VersionedStatus shown = Optional.ofNullable(sync.resource().getStatus()).orElseGet(VersionedStatus::new);
    boolean sameVersion = where.key().equals(shown.getKey()) && Objects.equals(object.version(), shown.getVersion());
    List<VersionEntry> versions = sameVersion && !shown.getVersions().isEmpty()
        ? shown.getVersions()
        : readVersions(sync.client(), where.project(), where.key(), VERSIONS_SHOWN)
            .map(VersionedReconciler::entries)
            .orElse(List.of(VersionEntry.of(object)));
    List<Pin> pins = listing.map(snapshot -> listedPins(snapshot, where.key()))
        .orElseGet(() -> sameVersion
            ? shown.getReferences()
            : readPins(sync.client(), where.project(), where.key()).orElse(List.of()));
    return Optional.of(new Observed<>(object, versions, pins));
  }

  @Override
  public Listed listed(Sync<R, VersionedStatus, Where> sync, ProjectSnapshot listing) {
    return listed(listing, sync.target().key())
        .map(object -> OwnerTag.carries(object.tags(), OwnerTag.of(sync.resource())) ? Listed.OWN : Listed.FOREIGN)
        .orElse(Listed.ABSENT);
  }

  @Override
  public boolean carriesOwnerTag(Sync<R, VersionedStatus, Where> sync, Observed<O> observed) {
    return OwnerTag.carries(observed.object().tags(), OwnerTag.of(sync.resource()));
  }

  /** A new object has one version, and nothing can pin it yet. */
  @Override
  public Observed<O> create(Sync<R, VersionedStatus, Where> sync) {
    Where where = sync.target();
    O created = post(sync.client(), where.project(), where.key(), sync.resource().getSpec(), OwnerTag.of(sync.resource()));
    return new Observed<>(created, List.of(VersionEntry.of(created)), List.of());
  }

  @Override
  protected Diff<P> diff(Sync<R, VersionedStatus, Where> sync, Observed<O> observed) {
    Optional<String> ownerTag =
        ManagementPolicy.observes(sync.resource()) ? Optional.empty() : Optional.of(OwnerTag.of(sync.resource()));
    return differences(sync.resource().getSpec(), observed.object(), ownerTag);
  }

  /** One PATCH: one new version, which variations that follow the object then pin. */
  @Override
  protected Updated<Observed<O>> update(Sync<R, VersionedStatus, Where> sync, Observed<O> observed, Diff<P> diff) {
    Where where = sync.target();
    O patched = patch(sync.client(), where.project(), where.key(), diff.change());
    return Updated.patched(observed.after(patched, VERSIONS_SHOWN),
        "%s changed (version %d)".formatted(String.join(", ", diff.fields()), patched.version()));
  }

  /** Not while a variation pins the object; tried again until none does, or the resource is retained. */
  @Override
  protected Deletion delete(R resource, Where recorded, LaunchDarklyClient client) {
    Optional<List<Pin>> pins = readPins(client, recorded.project(), recorded.key());
    if (pins.isPresent() && !pins.get().isEmpty()) {
      return Deletion.refused(Reason.InUse, "%s is pinned by %s; it is deleted once no variation pins it (or set deletionPolicy: Retain)"
          .formatted(recorded.what(), users(pins.get())));
    }
    boolean existed = pins.isPresent() && remove(client, recorded.project(), recorded.key());
    return Deletion.done(existed
        ? "Deleted %s".formatted(recorded.what())
        : "%s was already gone from LaunchDarkly".formatted(capitalized(recorded.what())));
  }

  @Override
  protected void fillStatus(VersionedStatus status, Observed<O> observed) {
    status.setKey(observed.object().key());
    status.setVersion(observed.object().version());
    status.setCreatedAt(Timestamps.fromEpochMillis(observed.object().createdAt()));
    status.setVersions(observed.versions());
    status.setReferences(observed.references());
  }

  /** Out of date when the listing shows another version, or other variations pinning the object. */
  @Override
  public boolean outOfDate(R resource, ProjectSnapshot snapshot) {
    VersionedStatus status = resource.getStatus();
    String project = resource.getSpec().getProjectKey();
    if (!snapshot.lists(part()) || !project.equals(snapshot.project()) || status.getKey() == null) {
      return false;
    }
    Optional<O> listed = listed(snapshot, status.getKey());
    return listed.map(LdVersioned::version).filter(version -> version.equals(status.getVersion())).isEmpty()
        || !listedPins(snapshot, status.getKey()).equals(status.getReferences());
  }

  private static List<VersionEntry> entries(List<? extends LdVersioned> versions) {
    return versions.stream()
        .sorted(Comparator.comparing(LdVersioned::version).reversed())
        .limit(VERSIONS_SHOWN)
        .map(VersionEntry::of)
        .toList();
  }

  /** The pinning variations for a message, e.g. {@code support-bot/default (version 2)}. */
  static String users(List<Pin> pins) {
    return pins.stream().map(pin -> "%s (version %d)".formatted(pin.where(), pin.getVersion()))
        .collect(Collectors.joining(", "));
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
