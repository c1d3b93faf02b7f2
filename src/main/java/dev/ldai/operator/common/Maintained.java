package dev.ldai.operator.common;

/** A spec that may name the LaunchDarkly member or team maintaining its object (at most one of them). */
public interface Maintained {

  String getMaintainerId();

  String getMaintainerTeamKey();
}
