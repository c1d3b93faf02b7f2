package dev.ldai.operator.cli;

import dev.ldai.operator.cli.PlannedChange.Action;
import dev.ldai.operator.cli.PlannedChange.FieldChange;
import dev.ldai.operator.common.StalledException;
import dev.ldai.operator.common.Target;
import dev.ldai.operator.status.Outcome;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.List;

/** A planned change as it is worked out; NONE (or ADOPT) until something says otherwise. */
final class Change {
  private final CustomResource<?, ?> resource;
  private final String origin;
  final Target target;
  private final String object;
  private Action action = Action.NONE;
  private String reason;
  private List<FieldChange> fields = List.of();
  private List<String> writes = List.of();
  private final List<String> notes = new ArrayList<>();
  private PlannedChange.Serving serving;
  private boolean adopting;

  /** {@code target}: the LaunchDarkly object as the resource's reconciler names it. */
  Change(CustomResource<?, ?> resource, String origin, Target target) {
    this.resource = resource;
    this.origin = origin;
    this.target = target;
    this.object = target.what() + " in " + target.where();
  }

  void adopting() {
    adopting = true;
  }

  void note(String note) {
    notes.add(note);
  }

  void fields(List<FieldChange> fields) {
    this.fields = List.copyOf(fields);
  }

  void serving(PlannedChange.Serving serving) {
    this.serving = serving;
  }

  PlannedChange act(Action action, List<FieldChange> fields, List<String> writes) {
    this.action = action;
    this.fields = List.copyOf(fields);
    this.writes = List.copyOf(writes);
    if (adopting && !writes.isEmpty()) {
      notes.add("adopts it (adoptionPolicy: Adopt): no resource of the cluster made it");
    }
    return build();
  }

  PlannedChange refuse(String reason, String message) {
    this.action = Action.REFUSE;
    this.reason = reason + ": " + message;
    this.writes = List.of();
    return build();
  }

  /** Refused as the reconciler would refuse it, in its words. */
  PlannedChange refuse(StalledException refusal) {
    return refuse(refusal.reason().name(), refusal.getMessage());
  }

  PlannedChange refuse(Outcome refusal) {
    return refuse(refusal.reason().name(), refusal.message());
  }

  PlannedChange build() {
    Action shown = action == Action.NONE && adopting ? Action.ADOPT : action;
    return new PlannedChange(origin, resource.getKind(), resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
        object, shown, reason, fields, writes, List.copyOf(notes), serving);
  }
}
