package dev.ldai.operator.variation;

import dev.ldai.operator.common.PerResourceState;
import dev.ldai.operator.common.Sync;
import dev.ldai.operator.variation.AIConfigVariationReconciler.Where;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a variation is read and patched when LaunchDarkly's answers cannot all be trusted: a read right after
 * a PATCH may still show the version before it (a stale read), and a PATCH whose answer never came may or
 * may not have been applied. Versions only advance, so a read older than what a listing or the status
 * already showed is stale, and is neither diffed nor patched.
 */
final class VariationReads implements PerResourceState {

  /** As LaunchDarkly's Terraform provider, which re-reads a variation up to ten times until its version advances. */
  static final int STALE_READ_ATTEMPTS = 10;

  /**
   * Per resource uid, the version a PATCH would have made whose answer never came (the connection dropped
   * or timed out): LaunchDarkly may have applied it, and a read right after it may still show the version
   * before. The next read must show that version, or {@link #STALE_READ_ATTEMPTS} reads must not, before
   * the variation is diffed and patched again.
   */
  private final Map<String, Integer> patchesInDoubt = new ConcurrentHashMap<>();

  @Override
  public Set<String> resources() {
    return Set.copyOf(patchesInDoubt.keySet());
  }

  @Override
  public void forget(String uid) {
    patchesInDoubt.remove(uid);
  }

  /** Sends a PATCH; when no answer comes, remembers the version it would have made ({@link #patchesInDoubt}). */
  LdVariation patch(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync, LdVariationPatch patch, Integer basedOn) {
    Where where = sync.target();
    try {
      LdVariation patched = sync.client().patchVariation(where.project(), where.configKey(), where.key(), patch);
      patchesInDoubt.remove(sync.uid());
      return patched;
    } catch (LaunchDarklyException e) {
      if (e.httpStatus() == 0 && basedOn != null) {
        patchesInDoubt.put(sync.uid(), basedOn + 1);
      }
      throw e;
    }
  }

  /**
   * The variation as LaunchDarkly holds it; empty when it has none under the key. The project listing
   * stands in for reading it while it lists the version the status already describes (the history in the
   * status is then still true); otherwise every version is read, to show the history.
   */
  Optional<VariationHistory> observe(Sync<AIConfigVariation, AIConfigVariationStatus, Where> sync) {
    AIConfigVariationStatus status = sync.status();
    Where where = sync.target();
    String uid = sync.uid();
    Optional<Optional<LdVariation>> listed = sync.listing().map(listing -> listing.variation(where.configKey(), where.key()));
    // A listing that began after the last attempt shows whether a PATCH in doubt was applied.
    Integer inDoubt = listed.isPresent() ? patchesInDoubt.remove(uid) : patchesInDoubt.get(uid);
    if (listed.isPresent() && listed.get().isEmpty()) {
      return Optional.empty();
    }
    Optional<LdVariation> unchanged = listed.flatMap(l -> l)
        .filter(latest -> latest.version() != null && latest.version().equals(status.getVersion()))
        .filter(latest -> status.getVersions() != null && status.getTotalCount() != null);
    if (unchanged.isPresent()) {
      return Optional.of(new VariationHistory(unchanged.get(), status.getVersions(), status.getTotalCount()));
    }
    // Versions only advance: what the listing shows, or without one what the status already recorded, is
    // the oldest version a true read can show. An older one is a stale read, and must not be diffed and patched.
    Integer shown = listed.isPresent() ? listed.get().map(LdVariation::version).orElse(null) : status.getVersion();
    return read(sync.client(), where, uid, inDoubt, shown);
  }

  /** Reads the history, settling a PATCH in doubt first; refuses a read older than {@code shown}. */
  private Optional<VariationHistory> read(
      LaunchDarklyClient client, Where where, String uid, Integer inDoubt, Integer shown) {
    if (inDoubt != null && (shown == null || inDoubt > shown)) {
      // Kept until a read answers: a failed read leaves the PATCH in doubt for the next attempt.
      Optional<VariationHistory> read = readShowing(client, where, inDoubt);
      patchesInDoubt.remove(uid);
      // It shows the PATCH (applied), or no read did (not applied): either way the read is true.
      if (read.isEmpty() || read.get().shows(shown)) {
        return read;
      }
    }
    // Settled either way: a read answered it above, or the listing or status shows a version at least as new.
    patchesInDoubt.remove(uid);
    Optional<VariationHistory> read = readShowing(client, where, shown);
    if (read.isPresent() && !read.get().shows(shown)) {
      throw new LaunchDarklyException(0, null,
          "LaunchDarkly still answers version %d of variation %s after showing version %d; reading it again later"
              .formatted(read.get().latest().version(), where.key(), shown),
          ErrorKind.TRANSIENT);
    }
    return read;
  }

  /**
   * The history once a read shows {@code version} or a later one, read up to {@link #STALE_READ_ATTEMPTS}
   * times; otherwise the last read. Right after a PATCH, LaunchDarkly may still answer the version before it.
   */
  static Optional<VariationHistory> readShowing(LaunchDarklyClient client, Where where, Integer version) {
    Optional<VariationHistory> read = readHistory(client, where);
    for (int attempt = 1; attempt < STALE_READ_ATTEMPTS && read.isPresent() && !read.get().shows(version); attempt++) {
      read = readHistory(client, where);
    }
    return read;
  }

  /** Every version LaunchDarkly holds for the key; empty when it holds none. */
  private static Optional<VariationHistory> readHistory(LaunchDarklyClient client, Where where) {
    return client.getVariation(where.project(), where.configKey(), where.key())
        .filter(read -> read.items() != null && !read.items().isEmpty())
        .map(VariationHistory::of);
  }
}
