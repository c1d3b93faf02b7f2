package dev.ldai.operator.aiconfig;

import com.fasterxml.jackson.annotation.JsonValue;

/** LaunchDarkly's AI Config modes. */
public enum AIConfigMode {
  completion,
  agent,
  judge;

  @JsonValue
  public String wireValue() {
    return name();
  }
}
