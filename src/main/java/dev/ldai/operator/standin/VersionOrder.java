package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order of the versions get-variation answers. LaunchDarkly's description does not promise one; the
 * real API answers newest first, so that is the default, and the others show a client does not depend on it.
 */
public enum VersionOrder {
  NEWEST_FIRST,
  OLDEST_FIRST,
  SHUFFLED;

  /** {@code newestFirst} rearranged in place into this order. */
  void arrange(ArrayNode newestFirst, Random random) {
    List<JsonNode> items = new ArrayList<>();
    newestFirst.forEach(items::add);
    switch (this) {
      case NEWEST_FIRST -> {
        return;
      }
      case OLDEST_FIRST -> Collections.reverse(items);
      case SHUFFLED -> Collections.shuffle(items, random);
    }
    newestFirst.removeAll();
    newestFirst.addAll(items);
  }
}
