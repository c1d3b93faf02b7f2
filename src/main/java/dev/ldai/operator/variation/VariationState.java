package dev.ldai.operator.variation;

/** LaunchDarkly's states of a variation. */
public enum VariationState {
  published,
  archived
}
