package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A semantic patch of one environment's targeting (schema {@code AIConfigTargetingPatch}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdTargetingPatch(String environmentKey, List<ObjectNode> instructions, String comment) {}
