package dev.ldai.operator.launchdarkly.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /** The names of the fields the patch sends. */
  @JsonIgnore
  public List<String> fields() {
    List<String> fields = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", name);
    values.put("description", description);
    values.put("tags", tags);
    values.put("maintainerId", maintainerId);
    values.put("maintainerTeamKey", maintainerTeamKey);
    values.put("evaluationMetricKey", evaluationMetricKey);
    values.put("isInverted", isInverted);
    values.forEach((field, value) -> {
      if (value != null) {
        fields.add(field);
      }
    });
    return fields;
  }

  @JsonIgnore
  public boolean isEmpty() {
    return fields().isEmpty();
  }
}
