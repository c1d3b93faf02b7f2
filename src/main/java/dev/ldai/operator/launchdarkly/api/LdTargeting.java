package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AI Config's targeting (schema {@code AIConfigTargeting}): per environment what is served, naming
 * variations by their index in {@code variations}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdTargeting(
    String key,
    Map<String, LdTargetingEnvironment> environments,
    List<LdTargetingVariation> variations,
    @JsonProperty("_version") Integer version) {

  public Optional<LdTargetingEnvironment> environment(String environmentKey) {
    return Optional.ofNullable(environments).map(all -> all.get(environmentKey));
  }

  /** The variation at {@code index}, if there is one. */
  public Optional<LdTargetingVariation> variation(Integer index) {
    return index == null || variations == null || index < 0 || index >= variations.size()
        ? Optional.empty()
        : Optional.of(variations.get(index));
  }
}
