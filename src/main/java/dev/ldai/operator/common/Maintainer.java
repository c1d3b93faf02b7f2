package dev.ldai.operator.common;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The maintainer a spec names, compared with LaunchDarkly's {@code _maintainer: {kind, _id | key, ...}}.
 * When LaunchDarkly reports none, there is nothing to compare with, and patching on every resync would be
 * churn.
 */
public final class Maintainer {

  private Maintainer() {}

  /** The member id to send, when the spec names one LaunchDarkly does not show; else null. */
  public static String memberToSend(Maintained spec, JsonNode maintainer) {
    return differs(spec.getMaintainerId(), maintainer, "member", "_id") ? spec.getMaintainerId() : null;
  }

  /** The team key to send, when the spec names one LaunchDarkly does not show; else null. */
  public static String teamToSend(Maintained spec, JsonNode maintainer) {
    return differs(spec.getMaintainerTeamKey(), maintainer, "team", "key") ? spec.getMaintainerTeamKey() : null;
  }

  /** The member id of LaunchDarkly's maintainer, as a spec names it; null when a team or nobody maintains it. */
  public static String memberIdOf(JsonNode maintainer) {
    return idOf(maintainer, "member", "_id");
  }

  /** The team key of LaunchDarkly's maintainer, as a spec names it; null when a member or nobody maintains it. */
  public static String teamKeyOf(JsonNode maintainer) {
    return idOf(maintainer, "team", "key");
  }

  /** Differs only when LaunchDarkly shows a maintainer: with none shown there is nothing to compare with. */
  private static boolean differs(String wanted, JsonNode maintainer, String kind, String idField) {
    return wanted != null && isShown(maintainer) && !wanted.equals(idOf(maintainer, kind, idField));
  }

  /** The maintainer's id when it is of that kind; one without a kind is taken to be of the kind asked about. */
  private static String idOf(JsonNode maintainer, String kind, String idField) {
    return isShown(maintainer) && kind.equals(maintainer.path("kind").asText(kind))
        ? maintainer.path(idField).asText(null)
        : null;
  }

  private static boolean isShown(JsonNode maintainer) {
    return maintainer != null && !maintainer.isNull() && !maintainer.isEmpty();
  }
}
