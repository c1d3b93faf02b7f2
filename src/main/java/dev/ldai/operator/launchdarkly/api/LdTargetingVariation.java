package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A variation as targeting names it (schema {@code AIConfigTargetingVariation}): its id, and its value as
 * LaunchDarkly's AI SDKs receive it, whose {@code _ldMeta.variationKey} is the AI Config variation's key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdTargetingVariation(@JsonProperty("_id") String id, String name, JsonNode value) {

  /** The key of the AI Config variation; null for a value without one. */
  public String variationKey() {
    JsonNode key = value == null ? null : value.path("_ldMeta").path("variationKey");
    return key == null || !key.isTextual() ? null : key.asText();
  }
}
