package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A HAL-style link ({@code CoreLink}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LdLink(String href, String type) {}
