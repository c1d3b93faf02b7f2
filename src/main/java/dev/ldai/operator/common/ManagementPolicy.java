package dev.ldai.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Map;

/**
 * How much of its LaunchDarkly object a resource manages. {@code Manage} (the default): create, bring to
 * the spec, delete. {@code Observe}: never write to LaunchDarkly, not even on delete; mirror the object
 * into the status and report where it differs from the spec. Either way, the annotation
 * {@value #RECONCILE_ANNOTATION}{@code : }{@value #PAUSED} stops every LaunchDarkly call for the resource
 * until it is removed.
 */
public enum ManagementPolicy {
  Manage,
  Observe;

  public static final String RECONCILE_ANNOTATION = "ldai.dev/reconcile";
  public static final String PAUSED = "paused";

  public static boolean observes(CustomResource<? extends ManagedSpec, ?> resource) {
    return resource.getSpec() != null && resource.getSpec().getManagementPolicy() == Observe;
  }

  public static boolean isPaused(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations != null && PAUSED.equals(annotations.get(RECONCILE_ANNOTATION));
  }
}
