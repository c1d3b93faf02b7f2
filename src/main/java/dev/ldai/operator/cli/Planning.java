package dev.ldai.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.cli.PlannedChange.Action;
import dev.ldai.operator.cli.PlannedChange.FieldChange;
import dev.ldai.operator.common.AdoptionPolicy;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.DependencyNotReadyException;
import dev.ldai.operator.common.LaunchDarklyReconciler;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.common.Maintainer;
import dev.ldai.operator.common.ManagedSpec;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.Outcome;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps every kind's plan takes in the order the base reconciler takes them (observe, then create, or take
 * over what the owner tag or the adoption policy allows, then the diff), and how a plan shows fields and writes.
 */
final class Planning {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Clock CLOCK = Clock.systemUTC();

  private Planning() {}

  /** A resource named by a reference must be among the manifests: nothing else says what it would be. */
  static <R extends CustomResource<?, ?>> R referenced(DesiredResources desired, CustomResource<?, ?> from, Class<R> kind,
      LocalReference reference, String field) {
    String namespace = from.getMetadata().getNamespace();
    return desired.named(kind, namespace, reference.getName()).orElseThrow(() -> new CommandException(
        "%s: %s: %s %s/%s is in none of the manifests".formatted(desired.origin(from), field, HasMetadata.getKind(kind),
            namespace, reference.getName())));
  }

  /** An object named by key that neither LaunchDarkly nor the manifests hold, e.g. {@code object} AI Config x. */
  static CommandException nowhere(DesiredResources desired, CustomResource<?, ?> from, String field, String object, String project) {
    return new CommandException("%s: %s: %s is neither in project %s nor in the manifests"
        .formatted(desired.origin(from), field, object, project));
  }

  /** Why a resource that references {@code referent} would wait: the referent would not sync; empty when it would. */
  static Optional<String> waitsFor(CustomResource<?, ? extends CommonStatus> referent, String kind) {
    return referent.getStatus() != null && referent.getStatus().getKey() != null
        ? Optional.empty()
        : Optional.of("Waiting for %s %s/%s, which would not sync".formatted(kind,
            referent.getMetadata().getNamespace(), referent.getMetadata().getName()));
  }

  /** The key of a referenced resource once synced; one that would not sync is waited for. */
  static String readyKey(CustomResource<?, ? extends CommonStatus> referent, String kind) {
    waitsFor(referent, kind).ifPresent(waiting -> {
      throw new DependencyNotReadyException(waiting);
    });
    return referent.getStatus().getKey();
  }

  /** An object LaunchDarkly lacks: created, unless the resource only observes. */
  static PlannedChange createOrObserve(Change change, CustomResource<? extends ManagedSpec, ?> resource, Object post, String collection, Runnable synced) {
    if (ManagementPolicy.observes(resource)) {
      return change.refuse(LaunchDarklyReconciler.absentWhileObserving(change.target));
    }
    synced.run();
    return change.act(Action.CREATE, createdFields(post), List.of("POST " + collection));
  }

  /**
   * Whether the resource may manage the object it found: it carries the resource's owner tag, or the spec adopts
   * it; else the change is refused. A resource that only observes is planned as observing, and manages nothing.
   * Where the resource would be Ready (managing or observing), {@code synced} gives it its status.
   */
  static boolean owned(Change change, CustomResource<? extends CommonSpec, ?> resource, List<String> tags, List<FieldChange> fields,
      Runnable synced) {
    return ownedOrAdopted(change, resource, OwnerTag.carries(tags, OwnerTag.of(resource)), fields, synced);
  }

  static boolean ownedOrAdopted(Change change, CustomResource<? extends CommonSpec, ?> resource, boolean own, List<FieldChange> fields,
      Runnable synced) {
    if (ManagementPolicy.observes(resource)) {
      synced.run();
      change.act(Action.OBSERVE, fields, List.of());
      return false;
    }
    if (!own && resource.getSpec().getAdoptionPolicy() != AdoptionPolicy.Adopt) {
      change.refuse(LaunchDarklyReconciler.notMadeHere(change.target));
      return false;
    }
    if (!own) {
      change.adopting();
    }
    synced.run();
    return true;
  }

  static Optional<String> ownerTagUnlessObserving(CustomResource<? extends CommonSpec, ?> resource) {
    return ManagementPolicy.observes(resource) ? Optional.empty() : Optional.of(OwnerTag.of(resource));
  }

  /** Gives a planned resource the status it would have once synced: its key, Ready. */
  static <S extends CommonStatus> void synced(CustomResource<?, S> resource, S status, String key) {
    status.setKey(key);
    Conditions.apply(status, Outcome.ready("planned"), resource.getMetadata().getGeneration(), CLOCK);
    resource.setStatus(status);
  }


  /**
   * Each field of a diff: LaunchDarkly's value, and the one sent (from the change, under the field's own name).
   * The owner tag is shown as the tags; a maintainer as the id LaunchDarkly shows.
   */
  static List<FieldChange> fieldChanges(List<String> fields, Object actual, Object sent) {
    JsonNode before = Serialization.jsonMapper().valueToTree(actual);
    JsonNode after = sent == null ? JSON.objectNode() : Serialization.jsonMapper().valueToTree(sent);
    List<FieldChange> changes = new ArrayList<>();
    for (String field : fields) {
      String name = field.equals(OwnerTag.FIELD) ? "tags" : field;
      JsonNode was = switch (name) {
        case "maintainerId" -> text(Maintainer.memberIdOf(before.get("_maintainer")));
        case "maintainerTeamKey" -> text(Maintainer.teamKeyOf(before.get("_maintainer")));
        default -> before.get(name);
      };
      changes.add(new FieldChange(field, was, after.get(name)));
    }
    return changes;
  }

  /** What a create sends, field by field (the key apart). */
  static List<FieldChange> createdFields(Object post) {
    List<FieldChange> fields = new ArrayList<>();
    ObjectNode sent = Serialization.jsonMapper().valueToTree(post);
    sent.fields().forEachRemaining(field -> {
      if (!field.getKey().equals("key") && !field.getValue().isNull()) {
        fields.add(new FieldChange(field.getKey(), null, field.getValue()));
      }
    });
    return fields;
  }

  static JsonNode text(String value) {
    return value == null ? null : JSON.textNode(value);
  }

  static List<LdVariation> variationsOf(LdAIConfig config) {
    return config.variations() == null ? List.of() : config.variations();
  }

  static String path(String project, String... segments) {
    return "/api/v2/projects/" + project + "/" + String.join("/", segments);
  }
}
