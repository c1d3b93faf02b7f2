package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Body of update-config (schema {@code AIConfigPatch}): only non-null fields are sent and replaced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdAIConfigPatch(
    String name,
    String description,
    List<String> tags,
    String maintainerId,
    String maintainerTeamKey,
    String evaluationMetricKey,
    Boolean isInverted) {

  @JsonIgnore
  public boolean isEmpty() {
    return name == null
        && description == null
        && tags == null
        && maintainerId == null
        && maintainerTeamKey == null
        && evaluationMetricKey == null
        && isInverted == null;
  }
}
