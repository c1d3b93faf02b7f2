package dev.ldai.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/** LaunchDarkly keys: their syntax, and the effective key of a resource. */
public final class Keys {

  public static final String PATTERN = "^[a-zA-Z0-9][a-zA-Z0-9._-]*$";

  private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

  private Keys() {}

  public static boolean isValid(String key) {
    return key != null && COMPILED.matcher(key).matches();
  }

  /** {@code spec.key} when set, else {@code metadata.name}. */
  public static String effectiveKey(HasMetadata resource, CommonSpec spec) {
    return Optional.ofNullable(spec.getKey()).orElse(resource.getMetadata().getName());
  }
}
