package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Get-variation answer (schema {@code AIConfigVariationsResponse}): every version of one variation key. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdVariationVersions(List<LdVariation> items, Integer totalCount) {}
