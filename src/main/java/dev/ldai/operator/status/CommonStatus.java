package dev.ldai.operator.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Status fields shared by every kind. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class CommonStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Ready, Reconciling and Stalled, kstatus style.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("When LaunchDarkly was last found to match the spec (RFC 3339).")
  private String lastSyncTime;

  @JsonPropertyDescription("The last error: LaunchDarkly's answer, or the operator's own (code operator_error); cleared on success.")
  private LaunchDarklyErrorStatus error;

  @JsonPropertyDescription("The key of the object in LaunchDarkly, recorded before it is first created.")
  private String key;

  @JsonPropertyDescription(
      "Under managementPolicy Observe: the fields where LaunchDarkly differs from the spec (not reverted).")
  private List<String> drift;

  @JsonPropertyDescription("The last value of the annotation ldai.dev/reconcile-requested-at that a reconcile handled.")
  private String lastHandledReconcileAt;

  public String getLastHandledReconcileAt() {
    return lastHandledReconcileAt;
  }

  public void setLastHandledReconcileAt(String lastHandledReconcileAt) {
    this.lastHandledReconcileAt = lastHandledReconcileAt;
  }

  public List<String> getDrift() {
    return drift;
  }

  public void setDrift(List<String> drift) {
    this.drift = drift;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public String getLastSyncTime() {
    return lastSyncTime;
  }

  public void setLastSyncTime(String lastSyncTime) {
    this.lastSyncTime = lastSyncTime;
  }

  public LaunchDarklyErrorStatus getError() {
    return error;
  }

  public void setError(LaunchDarklyErrorStatus error) {
    this.error = error;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** True when the Stalled condition is True with this reason. */
  public boolean isStalledFor(Reason reason) {
    return condition(ConditionTypes.STALLED)
        .filter(c -> "True".equals(c.getStatus()) && reason.name().equals(c.getReason()))
        .isPresent();
  }

  /** True when the Ready condition is True for the given generation. */
  public boolean isReadyAt(Long generation) {
    return condition(ConditionTypes.READY)
        .filter(c -> "True".equals(c.getStatus()))
        .filter(c -> generation == null || generation.equals(c.getObservedGeneration()))
        .isPresent();
  }
}
