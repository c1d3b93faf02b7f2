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
    return isOfKind(maintainer, "member") ? maintainer.path("_id").asText(null) : null;
  }

  /** The team key of LaunchDarkly's maintainer, as a spec names it; null when a member or nobody maintains it. */
  public static String teamKeyOf(JsonNode maintainer) {
    return isOfKind(maintainer, "team") ? maintainer.path("key").asText(null) : null;
  }

  /** A maintainer without a kind is read as {@link #differs} reads it: of the kind asked about. */
  private static boolean isOfKind(JsonNode maintainer, String kind) {
    return maintainer != null && !maintainer.isNull() && !maintainer.isEmpty()
        && kind.equals(maintainer.path("kind").asText(kind));
  }

  private static boolean differs(String wanted, JsonNode maintainer, String kind, String idField) {
    if (wanted == null || maintainer == null || maintainer.isNull() || maintainer.isEmpty()) {
      return false;
    }
    boolean sameKind = kind.equals(maintainer.path("kind").asText(kind));
    return !sameKind || !wanted.equals(maintainer.path(idField).asText(null));
  }
}
