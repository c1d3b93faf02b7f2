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

  private static boolean differs(String wanted, JsonNode maintainer, String kind, String idField) {
    if (wanted == null || maintainer == null || maintainer.isNull() || maintainer.isEmpty()) {
      return false;
    }
    boolean sameKind = kind.equals(maintainer.path("kind").asText(kind));
    return !sameKind || !wanted.equals(maintainer.path(idField).asText(null));
  }
}
