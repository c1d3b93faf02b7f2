package dev.ldai.operator.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kubernetes names for the objects of one kind, derived from their LaunchDarkly keys: a key that is already a
 * valid name (lower case, at most {@value #MAX_LENGTH} characters) is the name; any other key, and keys whose
 * names would collide, get the readable part and a hash of the whole identity. The names depend on nothing
 * but the keys, so exporting the same project twice gives the same names.
 */
final class ResourceNames {

  /** As a DNS label: short enough for any tool, although object names may be longer. */
  static final int MAX_LENGTH = 63;

  private static final int HASH_LENGTH = 8;
  private static final Pattern NOT_IN_NAMES = Pattern.compile("[^a-z0-9.-]");
  private static final Pattern EDGES = Pattern.compile("^[^a-z0-9]+|[^a-z0-9]+$");

  private ResourceNames() {}

  /**
   * A name for each identity: the keys that make an object of the kind unique, e.g. a config key and a variation
   * key, joined by {@code -} in its name.
   */
  static Map<List<String>, String> of(Collection<List<String>> identities) {
    Map<String, Integer> candidates = new HashMap<>();
    identities.forEach(identity -> candidates.merge(readable(identity), 1, Integer::sum));
    Map<List<String>, String> names = new LinkedHashMap<>();
    Map<String, List<String>> owners = new HashMap<>();
    for (List<String> identity : identities) {
      String readable = readable(identity);
      boolean exact = readable.equals(String.join("-", identity)) && candidates.get(readable) == 1;
      String name = exact ? readable : hashed(readable, identity);
      List<String> owner = owners.putIfAbsent(name, identity);
      if (owner != null && !owner.equals(identity)) {
        throw new IllegalStateException("%s and %s would both be named %s".formatted(owner, identity, name));
      }
      names.put(identity, name);
    }
    return names;
  }

  /** The identity in the characters of a name: lower case, other characters as {@code -}, cut to length. */
  private static String readable(List<String> identity) {
    String name = NOT_IN_NAMES.matcher(String.join("-", identity).toLowerCase(Locale.ROOT)).replaceAll("-");
    name = EDGES.matcher(name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name).replaceAll("");
    return name.isEmpty() ? "x" : name;
  }

  private static String hashed(String readable, List<String> identity) {
    String start = readable.length() > MAX_LENGTH - HASH_LENGTH - 1
        ? EDGES.matcher(readable.substring(0, MAX_LENGTH - HASH_LENGTH - 1)).replaceAll("")
        : readable;
    return start + "-" + sha256Hex(String.join("/", identity)).substring(0, HASH_LENGTH);
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
