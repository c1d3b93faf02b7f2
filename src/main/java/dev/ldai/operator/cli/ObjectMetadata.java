package dev.ldai.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks kube-apiserver makes of a custom resource's {@code metadata} on create: a name that is a DNS
 * subdomain, a namespace that is a DNS label, labels, annotations and finalizers of valid names and sizes, and no
 * field {@code ObjectMeta} does not have. What it sets itself (uid, resourceVersion, ...) is not looked at.
 */
final class ObjectMetadata {

  private static final Set<String> FIELDS = Set.of("name", "generateName", "namespace", "selfLink", "uid",
      "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
      "labels", "annotations", "ownerReferences", "finalizers", "managedFields");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;
  private static final String SUBDOMAIN_RULE =
      "lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character";
  private static final String NAME_RULE =
      "alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";

  private ObjectMetadata() {}

  static void check(JsonNode metadata, Findings findings) {
    if (metadata == null || metadata.isNull()) {
      findings.addBlocking("metadata.name", "Required value");
      return;
    }
    if (!metadata.isObject()) {
      findings.addBlocking("metadata", "must be of type object");
      return;
    }
    if (!metadata.hasNonNull("name") || metadata.get("name").asText().isEmpty()) {
      findings.addBlocking("metadata.name", "Required value");
    }
    metadata.fields().forEachRemaining(field -> {
      String path = "metadata." + field.getKey();
      JsonNode value = field.getValue();
      if (!FIELDS.contains(field.getKey())) {
        findings.add(path, "unknown field \"" + path + "\"");
      } else if (value.isNull()) {
        return;
      }
      switch (field.getKey()) {
        case "name" -> {
          if (string(value, path, findings) && !value.asText().isEmpty()) {
            dnsSubdomain(value.asText(), path, "", findings);
          }
        }
        case "namespace" -> {
          if (string(value, path, findings) && !value.asText().isEmpty()) {
            dnsLabel(value.asText(), path, findings);
          }
        }
        case "labels" -> {
          if (stringMap(value, path, findings)) {
            labels(value, path, findings);
          }
        }
        case "annotations" -> {
          if (stringMap(value, path, findings)) {
            annotations(value, path, findings);
          }
        }
        case "finalizers" -> finalizers(value, path, findings);
        default -> { }
      }
    });
  }

  private static void labels(JsonNode labels, String path, Findings findings) {
    labels.fields().forEachRemaining(label -> {
      qualifiedName(label.getKey(), path, findings);
      String value = text(label.getValue());
      if (value.length() > 63) {
        findings.add(path, "value \"" + value + "\" must be no more than 63 characters");
      }
      if (!LABEL_VALUE.matcher(value).matches()) {
        findings.add(path, "value \"" + value + "\" must be empty or consist of " + NAME_RULE);
      }
    });
  }

  private static void annotations(JsonNode annotations, String path, Findings findings) {
    long bytes = 0;
    for (var it = annotations.fields(); it.hasNext(); ) {
      var annotation = it.next();
      // The API server checks annotation keys in lower case: Example.com/Key is valid.
      qualifiedName(annotation.getKey().toLowerCase(Locale.ROOT), path, findings);
      bytes += annotation.getKey().getBytes(StandardCharsets.UTF_8).length
          + text(annotation.getValue()).getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > ANNOTATIONS_MAX_BYTES) {
      findings.addBlocking(path, "must have at most " + ANNOTATIONS_MAX_BYTES + " bytes");
    }
  }

  private static void finalizers(JsonNode finalizers, String path, Findings findings) {
    if (!finalizers.isArray()) {
      findings.addBlocking(path, "must be of type array");
      return;
    }
    for (int i = 0; i < finalizers.size(); i++) {
      if (string(finalizers.get(i), path + "[" + i + "]", findings)) {
        qualifiedName(finalizers.get(i).asText(), path, findings);
      }
    }
  }

  /** A label key, annotation key or finalizer: a name of at most 63 characters, optionally after a DNS subdomain and "/". */
  private static void qualifiedName(String key, String path, Findings findings) {
    String[] parts = key.split("/", -1);
    String name = parts[parts.length - 1];
    if (parts.length > 2) {
      findings.add(path, "key \"" + key + "\" must be a name with an optional DNS subdomain prefix and '/'");
      return;
    }
    if (parts.length == 2) {
      if (parts[0].isEmpty()) {
        findings.add(path, "key \"" + key + "\": prefix part must be non-empty");
      } else {
        dnsSubdomain(parts[0], path, "key \"" + key + "\": prefix part ", findings);
      }
    }
    if (name.isEmpty()) {
      findings.add(path, "key \"" + key + "\": name part must be non-empty");
    } else if (name.length() > 63) {
      findings.add(path, "key \"" + key + "\": name part must be no more than 63 characters");
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      findings.add(path, "key \"" + key + "\": name part must consist of " + NAME_RULE);
    }
  }

  private static void dnsSubdomain(String name, String path, String what, Findings findings) {
    if (name.length() > 253) {
      findings.add(path, what + "must be no more than 253 characters");
    }
    if (!DNS_SUBDOMAIN.matcher(name).matches()) {
      findings.add(path, what + "must be a lowercase RFC 1123 subdomain: " + SUBDOMAIN_RULE);
    }
  }

  private static void dnsLabel(String name, String path, Findings findings) {
    if (name.length() > 63) {
      findings.add(path, "must be no more than 63 characters");
    }
    if (!DNS_LABEL.matcher(name).matches()) {
      findings.add(path, "must be a lowercase RFC 1123 label: lower case alphanumeric characters or '-', "
          + "starting and ending with an alphanumeric character");
    }
  }

  /** A label's or annotation's value; the API server decodes a null as the empty string. */
  private static String text(JsonNode value) {
    return value.isNull() ? "" : value.asText();
  }

  private static boolean string(JsonNode value, String path, Findings findings) {
    if (!value.isTextual()) {
      findings.addBlocking(path, "must be of type string");
      return false;
    }
    return true;
  }

  private static boolean stringMap(JsonNode value, String path, Findings findings) {
    if (!value.isObject()) {
      findings.addBlocking(path, "must be of type object");
      return false;
    }
    for (var it = value.fields(); it.hasNext(); ) {
      var entry = it.next();
      if (!entry.getValue().isTextual() && !entry.getValue().isNull()) {
        findings.addBlocking(path, "value of \"" + entry.getKey() + "\" must be of type string");
        return false;
      }
    }
    return true;
  }
}
