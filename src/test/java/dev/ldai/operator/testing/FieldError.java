package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One refusal, shaped like the API server's {@code field.Error}: {@code toString()} is what a client sees
 * in the Status message, e.g. {@code spec.name: Required value}.
 *
 * @param type the kind of error (its label starts the body)
 * @param field the field path, e.g. {@code spec.messages[0].role}; {@code <nil>} for errors without one
 * @param value the rejected value as Go prints it ({@code "chat"}, {@code -1}, {@code "object"}), or
 *     {@code null} for the types that do not print it (Required, Forbidden, Too long)
 * @param detail the explanation; may be empty
 */
public record FieldError(Type type, String field, String value, String detail) {

  /** The {@code field.ErrorType}s the API server uses for custom resources. */
  public enum Type {
    REQUIRED("Required value", false),
    NOT_SUPPORTED("Unsupported value", true),
    INVALID("Invalid value", true),
    TYPE_INVALID("Invalid value", true),
    TOO_LONG("Too long", false),
    TOO_MANY("Too many", true),
    FORBIDDEN("Forbidden", false),
    DUPLICATE("Duplicate value", true);

    final String label;
    final boolean printsValue;

    Type(String label, boolean printsValue) {
      this.label = label;
      this.printsValue = printsValue;
    }

    /**
     * Whether the API server skips the CEL rules when a schema error of this type exists (its
     * {@code hasBlockingErr}: enum, required, maxLength, maxItems/maxProperties and type errors).
     */
    boolean blocksCel() {
      return this == NOT_SUPPORTED || this == REQUIRED || this == TOO_LONG || this == TOO_MANY || this == TYPE_INVALID;
    }
  }

  static String path(String path) {
    return path == null || path.isEmpty() ? "<nil>" : path;
  }

  static FieldError required(String path) {
    return new FieldError(Type.REQUIRED, path(path), null, "");
  }

  static FieldError required(String path, String detail) {
    return new FieldError(Type.REQUIRED, path(path), null, detail);
  }

  static FieldError invalid(String path, JsonNode value, String detail) {
    return new FieldError(Type.INVALID, path(path), Json.goValue(value), detail);
  }

  static FieldError invalid(String path, String goValue, String detail) {
    return new FieldError(Type.INVALID, path(path), goValue, detail);
  }

  /** A value of the wrong JSON type: the value shown is the actual type's name, quoted. */
  static FieldError typeInvalid(String path, String shownValue, String detail) {
    return new FieldError(Type.TYPE_INVALID, path(path), shownValue, detail);
  }

  static FieldError notSupported(String path, JsonNode value, List<JsonNode> supported) {
    String values =
        supported.stream()
            .map(v -> v.isTextual() ? Json.goQuote(v.textValue()) : Json.goQuote(v.toString()))
            .collect(Collectors.joining(", "));
    return new FieldError(Type.NOT_SUPPORTED, path(path), Json.goValue(value), "supported values: " + values);
  }

  static FieldError tooLong(String path, long max) {
    return new FieldError(Type.TOO_LONG, path(path), null, "may not be more than " + max + (max == 1 ? " byte" : " bytes"));
  }

  static FieldError tooMany(String path, long actual, long max) {
    return new FieldError(Type.TOO_MANY, path(path), Long.toString(actual), "must have at most " + max + " items");
  }

  static FieldError forbidden(String path, String detail) {
    return new FieldError(Type.FORBIDDEN, path(path), null, detail);
  }

  static FieldError duplicate(String path, String goValue, String detail) {
    return new FieldError(Type.DUPLICATE, path(path), goValue, detail);
  }

  /** {@code field.Error.ErrorBody()}: the part after the path. */
  public String body() {
    StringBuilder s = new StringBuilder(type.label);
    if (type.printsValue) {
      s.append(": ").append(value);
    }
    if (!detail.isEmpty()) {
      s.append(": ").append(detail);
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return field + ": " + body();
  }
}
