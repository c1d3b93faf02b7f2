package dev.ldai.operator.targeting;

import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The latest known targeting of each AI Config, every environment of it, from a read or a patch's answer,
 * with when that call began. One read of a config shows every environment, so the targeting resources of
 * its environments share it: a resource takes a known targeting whose call began after its own last
 * reconcile (it then shows that reconcile's write and anything changed in LaunchDarkly before the call)
 * and shows what the resource waits for, and reads only when there is none. A variation created after
 * that call began, the very change that woke the resource, is not in it: such a targeting is read again.
 *
 * <p>A resource comes back at most {@code servesFor} after its last reconcile, so a targeting known for
 * longer serves none: it is forgotten at the next call or {@link #forgetExpired}, and with it the
 * targetings of deleted configs.
 */
final class TargetingReads {

  /** A config of a project, as one token sees it. */
  record Config(ApiToken token, String project, String key) {}

  private record Known(Instant beganAt, LdTargeting targeting) {}

  private final Duration servesFor;
  private final Map<Config, Known> latest = new ConcurrentHashMap<>();

  TargetingReads(Duration servesFor) {
    this.servesFor = servesFor;
  }

  /**
   * The config's targeting as known from a call that began at or after {@code since} and that {@code shows}
   * accepts; else as {@code read} now answers, called at {@code now}. Empty: LaunchDarkly has no such config.
   */
  Optional<LdTargeting> since(Config config, Instant since, Instant now, Predicate<LdTargeting> shows,
      Supplier<Optional<LdTargeting>> read) {
    forgetExpired(now);
    Known known = latest.get(config);
    if (since != null && known != null && !known.beganAt().isBefore(since) && shows.test(known.targeting())) {
      return Optional.of(known.targeting());
    }
    Optional<LdTargeting> answer = read.get();
    answer.ifPresentOrElse(targeting -> keep(config, now, targeting), () -> latest.remove(config));
    return answer;
  }

  /** Keeps the answer of a call that began at {@code beganAt}, unless one that began later is known. */
  void remember(Config config, Instant beganAt, LdTargeting targeting) {
    forgetExpired(beganAt);
    keep(config, beganAt, targeting);
  }

  private void keep(Config config, Instant beganAt, LdTargeting targeting) {
    latest.merge(config, new Known(beganAt, targeting), (known, answer) -> answer.beganAt().isBefore(known.beganAt()) ? known : answer);
  }

  /** Forgets every targeting whose call began longer than {@code servesFor} before {@code now}. */
  void forgetExpired(Instant now) {
    Instant oldestServed = now.minus(servesFor);
    latest.values().removeIf(known -> known.beganAt().isBefore(oldestServed));
  }

  /** How many configs' targetings are known. */
  int size() {
    return latest.size();
  }
}
