package dev.ldai.operator.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * Spec fields of every kind that manages something in LaunchDarkly: whose credentials, what deletion does,
 * and how much is managed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ManagedSpec {

  @JsonPropertyDescription(
      "Secret holding the LaunchDarkly API token, in this resource's namespace. Absent: the"
          + " namespace's default credentials Secret, then the operator-wide token.")
  private SecretKeyReference credentialsSecretRef;

  @JsonPropertyDescription(
      "Delete also deletes the object in LaunchDarkly; Retain leaves it. Defaults to the operator's"
          + " setting (itself Delete by default).")
  private DeletionPolicy deletionPolicy;

  @Default("Manage")
  @JsonPropertyDescription(
      "Manage creates, updates and deletes the object in LaunchDarkly; Observe never writes to LaunchDarkly,"
          + " mirrors the object into the status and reports where it differs from the spec.")
  private ManagementPolicy managementPolicy;

  public SecretKeyReference getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(SecretKeyReference credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public ManagementPolicy getManagementPolicy() {
    return managementPolicy;
  }

  public void setManagementPolicy(ManagementPolicy managementPolicy) {
    this.managementPolicy = managementPolicy;
  }
}
