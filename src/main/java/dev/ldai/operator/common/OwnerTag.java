package dev.ldai.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tag that records, in LaunchDarkly itself, which resource owns an object:
 * {@code ldai-operator_<kind>_<namespace>_<name>}, e.g. {@code ldai-operator_aiconfig_support_chat-bot}.
 * It survives what a rebuilt cluster or a restore without status loses. {@code _} occurs in no Kubernetes
 * namespace or name, so the parts cannot be confused.
 *
 * <p>LaunchDarkly takes tags of at most {@value #MAX_LENGTH} letters, digits, {@code .}, {@code _} and
 * {@code -}. A longer tag is cut and ends with {@code __} and a hash of the whole: a full tag never holds
 * {@code __}, so a shortened one never equals another resource's full tag.
 */
public final class OwnerTag {

  /** How a diff names a missing or foreign owner tag: never drift, never one of the spec's fields. */
  public static final String FIELD = "ownerTag";
  public static final String PREFIX = "ldai-operator_";
  public static final int MAX_LENGTH = 64;

  private static final Pattern PART = Pattern.compile("[a-zA-Z0-9.-]+");
  private static final String SHORTENED_MARK = "__";
  private static final int HASH_LENGTH = 12;

  private OwnerTag() {}

  public static String of(HasMetadata resource) {
    return of(HasMetadata.getKind(resource.getClass()), resource.getMetadata().getNamespace(),
        resource.getMetadata().getName());
  }

  public static String of(String kind, String namespace, String name) {
    String tag = prefix(kind, namespace) + part("name", name);
    if (tag.length() <= MAX_LENGTH) {
      return tag;
    }
    return tag.substring(0, MAX_LENGTH - SHORTENED_MARK.length() - HASH_LENGTH) + SHORTENED_MARK
        + sha256Hex(tag).substring(0, HASH_LENGTH);
  }

  /** What the owner tags of every resource of a kind in a namespace begin with; the name follows. */
  public static String prefix(String kind, String namespace) {
    return PREFIX + part("kind", kind).toLowerCase(Locale.ROOT) + "_" + part("namespace", namespace) + "_";
  }

  /**
   * Whether a diff of an object taken over under {@code adoptionPolicy: Adopt} holds nothing but this resource's
   * missing owner tag: nothing is written for it, and the tag goes with the next change the spec makes. Adopting
   * an object that matches (an exported project applied, a cluster rebuilt from Git) then writes nothing, which
   * for an AI tool or a prompt snippet would be a new version. The owner tag is not needed to find the object
   * again: the policy adopts it.
   */
  public static boolean leftForTheNextChange(ManagedSpec spec, List<String> diffFields) {
    return diffFields.equals(List.of(FIELD)) && spec instanceof CommonSpec keyed && keyed.getAdoptionPolicy() == AdoptionPolicy.Adopt;
  }

  /** Whether the tag is an owner tag of any resource. */
  public static boolean isOwnerTag(String tag) {
    return tag != null && tag.startsWith(PREFIX);
  }

  /** The tags that are no owner tag, in their order; none for null. */
  public static List<String> withoutOwnerTags(Collection<String> tags) {
    return tags == null ? List.of() : tags.stream().filter(tag -> !isOwnerTag(tag)).toList();
  }

  /** The tags a spec shows: those that are no owner tag, in their order; null when there are none. */
  public static List<String> specTags(Collection<String> tags) {
    List<String> shown = withoutOwnerTags(tags);
    return shown.isEmpty() ? null : shown;
  }

  public static boolean carries(Collection<String> tags, String ownerTag) {
    return tags != null && tags.contains(ownerTag);
  }

  private static String part(String what, String value) {
    if (value == null || !PART.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "an owner tag's %s must be letters, digits, '.' and '-'; got %s".formatted(what, value));
    }
    return value;
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
