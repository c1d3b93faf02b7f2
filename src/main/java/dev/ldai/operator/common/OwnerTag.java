package dev.ldai.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.Locale;

/** Placeholder until the owner-tag branch lands. */
public final class OwnerTag {

  private OwnerTag() {}

  public static String of(HasMetadata resource) {
    return of(resource.getKind(), resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }

  public static String of(String kind, String namespace, String name) {
    return "ldai-operator_%s_%s_%s".formatted(kind.toLowerCase(Locale.ROOT), namespace, name);
  }

  public static boolean carries(Collection<String> tags, String ownerTag) {
    return tags != null && tags.contains(ownerTag);
  }
}
