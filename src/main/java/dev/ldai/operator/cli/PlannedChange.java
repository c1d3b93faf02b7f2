package dev.ldai.operator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the operator would do for one manifest: its action, each field it would change (LaunchDarkly's value
 * before, the one it would send after), the writes it would make (method and path), and for a targeting what
 * the environment would serve before and after.
 *
 * @param origin the file (and document) of the manifest
 * @param object the LaunchDarkly object, e.g. {@code AI Config support-bot in project shop}
 * @param reason why the resource would not sync, for {@link Action#REFUSE}; else null
 * @param notes what a reviewer should know beyond the fields
 * @param serving for a targeting: what each part of the environment serves before and after; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PlannedChange(
    String origin,
    String kind,
    String namespace,
    String name,
    String object,
    Action action,
    String reason,
    List<FieldChange> fields,
    List<String> writes,
    List<String> notes,
    Serving serving) {

  enum Action {
    /** The object does not exist: it is created. */
    CREATE,
    /** It exists and differs: patched. */
    UPDATE,
    /** It exists and differs where LaunchDarkly takes no patch: deleted and created again. */
    REPLACE,
    /** It was made by a resource no manifest names, which pruning deletes: the object is deleted with it. */
    DELETE,
    /** It exists, made elsewhere, and matches: taken over under adoptionPolicy Adopt without a write. */
    ADOPT,
    /** It exists and matches. */
    NONE,
    /** managementPolicy Observe: nothing is written; the fields are where it differs. */
    OBSERVE,
    /** The resource would not sync: {@code reason} says why. */
    REFUSE
  }

  /** One field: LaunchDarkly's value and the one the operator would send; null where there is none. */
  record FieldChange(String field, JsonNode before, JsonNode after) {}

  /** What a targeting's environment serves, part by part (default, off, targets, rules). */
  record Serving(Map<String, String> before, Map<String, String> after) {}

  boolean changes() {
    return !writes.isEmpty();
  }
}
