package dev.ldai.operator.common;

import dev.ldai.operator.status.CommonStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A reconcile asked for by hand: a new value of the annotation {@value #ANNOTATION} (any text; a time is
 * customary) reconciles the resource at once and reads LaunchDarkly afresh, not from a listing or another
 * resource's read, which may predate what was fixed there. The status records the value handled in
 * {@code lastHandledReconcileAt}, as Flux does, so a script can wait for it.
 */
public final class ReconcileRequest {

  public static final String ANNOTATION = "ldai.dev/reconcile-requested-at";

  private ReconcileRequest() {}

  static Optional<String> of(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(ANNOTATION));
  }

  static boolean changed(HasMetadata newer, HasMetadata older) {
    return !of(newer).equals(of(older));
  }

  /** A request whose value the status does not show as handled yet. */
  static boolean pending(CustomResource<?, ? extends CommonStatus> resource) {
    String handled = resource.getStatus() == null ? null : resource.getStatus().getLastHandledReconcileAt();
    return of(resource).filter(requested -> !Objects.equals(requested, handled)).isPresent();
  }
}
