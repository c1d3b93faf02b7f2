package dev.ldai.operator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The query of list-AI-configs: {@code limit}, {@code offset}, {@code sort} and {@code filter}; list-AI-tools
 * and list-prompt-snippets take the same. The description types {@code sort} and {@code filter} as free
 * strings without a grammar; the stand-in takes LaunchDarkly's usual forms and refuses any other with 400
 * rather than ignoring it:
 * <ul>
 *   <li>{@code sort}: {@code key}, {@code name}, {@code createdAt} or {@code updatedAt}, descending with a
 *       leading {@code -}; without it, configs come in creation order;
 *   <li>{@code filter}: comma-separated terms, all of which must hold: {@code query:<text>} (in the key or
 *       name, ignoring case), {@code tags:<a>+<b>} (has every tag), {@code mode:<mode>}.
 * </ul>
 * The lists of a tool's or snippet's versions and references are paged only ({@link #paging}).
 */
record ConfigListing(int limit, int offset, String sort, String filter) {

  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;
  private static final Set<String> SORT_FIELDS = Set.of("key", "name", "createdAt", "updatedAt");

  static ConfigListing from(Map<String, String> query) {
    ConfigListing paging = paging(query);
    ConfigListing listing = new ConfigListing(paging.limit(), paging.offset(), query.get("sort"), query.get("filter"));
    listing.order();
    listing.matcher();
    return listing;
  }

  /**
   * Only {@code limit} and {@code offset}, as for versions and references, which the stand-in lists in one
   * order; a {@code sort} or {@code filter} is ignored.
   */
  static ConfigListing paging(Map<String, String> query) {
    int limit = QueryParams.nonNegativeInt(query, "limit", DEFAULT_PAGE_SIZE);
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw StandInError.invalid("limit must be between 1 and " + MAX_PAGE_SIZE);
    }
    return new ConfigListing(limit, QueryParams.nonNegativeInt(query, "offset", 0), null, null);
  }

  /** The objects this listing keeps, in its order, before paging. */
  <T extends JsonNode> List<T> sorted(Collection<T> objects) {
    List<T> kept = new ArrayList<>(objects.stream().filter(matcher()).toList());
    if (order() != null) {
      kept.sort(order());
    }
    return kept;
  }

  /** The order of the whole list before paging; null keeps creation order. */
  Comparator<JsonNode> order() {
    if (sort == null) {
      return null;
    }
    boolean descending = sort.startsWith("-");
    String field = descending ? sort.substring(1) : sort;
    if (!SORT_FIELDS.contains(field)) {
      throw StandInError.invalid("sort: unsupported value " + sort + "; use key, name, createdAt or updatedAt, "
          + "with a leading - for descending order");
    }
    Comparator<JsonNode> ascending = field.endsWith("At")
        ? Comparator.comparingLong(config -> config.path(field).asLong())
        : Comparator.comparing(config -> config.path(field).asText());
    return descending ? ascending.reversed() : ascending;
  }

  Predicate<JsonNode> matcher() {
    Predicate<JsonNode> all = config -> true;
    if (filter == null || filter.isEmpty()) {
      return all;
    }
    for (String term : filter.split(",")) {
      all = all.and(term(term));
    }
    return all;
  }

  /** The {@code href} of a page of this listing starting at {@code pageOffset}. */
  String href(String base, int pageOffset) {
    StringBuilder href = new StringBuilder(base).append("?limit=").append(limit).append("&offset=").append(pageOffset);
    if (sort != null) {
      href.append("&sort=").append(URLEncoder.encode(sort, StandardCharsets.UTF_8));
    }
    if (filter != null) {
      href.append("&filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8));
    }
    return href.toString();
  }

  private static Predicate<JsonNode> term(String term) {
    int colon = term.indexOf(':');
    String field = colon < 0 ? term : term.substring(0, colon);
    String value = colon < 0 ? "" : term.substring(colon + 1);
    if (value.isEmpty()) {
      throw StandInError.invalid("filter: " + term + " has no value; use query:<text>, tags:<tag>+<tag> or mode:<mode>");
    }
    return switch (field) {
      case "query" -> {
        String text = value.toLowerCase(Locale.ROOT);
        yield config -> config.path("key").asText().toLowerCase(Locale.ROOT).contains(text)
            || config.path("name").asText().toLowerCase(Locale.ROOT).contains(text);
      }
      case "tags" -> {
        List<String> wanted = List.of(value.split("\\+"));
        yield config -> tagsOf(config).containsAll(wanted);
      }
      case "mode" -> config -> config.path("mode").asText().equals(value);
      default -> throw StandInError.invalid(
          "filter: unsupported field " + field + "; use query:<text>, tags:<tag>+<tag> or mode:<mode>");
    };
  }

  private static List<String> tagsOf(JsonNode config) {
    List<String> tags = new ArrayList<>();
    config.path("tags").forEach(tag -> tags.add(tag.asText()));
    return tags;
  }
}
