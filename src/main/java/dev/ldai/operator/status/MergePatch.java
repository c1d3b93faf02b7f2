package dev.ldai.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON merge patch (RFC 7386) that turns one document into another: changed members with their new
 * value, removed members as {@code null} (so the server really clears them), objects recursively, anything
 * else replaced whole. Applying it to {@code from} gives {@code to}.
 */
public final class MergePatch {

  private MergePatch() {}

  public static JsonNode between(JsonNode from, JsonNode to) {
    if (from == null || !from.isObject() || to == null || !to.isObject()) {
      return to == null ? JsonNodeFactory.instance.nullNode() : to;
    }
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    for (Iterator<String> names = from.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!to.has(name) || to.get(name).isNull()) {
        if (!from.get(name).isNull()) {
          patch.putNull(name);
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> members = to.fields(); members.hasNext(); ) {
      Map.Entry<String, JsonNode> member = members.next();
      JsonNode before = from.get(member.getKey());
      JsonNode after = member.getValue();
      if (after.isNull() || after.equals(before)) {
        continue;
      }
      patch.set(member.getKey(), before != null && before.isObject() && after.isObject() ? between(before, after) : after);
    }
    return patch;
  }
}
