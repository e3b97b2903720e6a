package io.unisync.marketo.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reading Marketo's activity endpoints page by page with paging tokens. */
public final class ActivityFeed {

  /** One page: its activities, the token after it, and whether more are waiting. */
  public record Page(List<JsonNode> activities, String nextToken, boolean more) {}

  /** How many empty pages with {@code moreResult: true} are followed in one read before returning. */
  static final int MAX_EMPTY_PAGES = 50;

  private final MarketoHttp http;

  public ActivityFeed(MarketoHttp http) {
    this.http = http;
  }

  /** A paging token for activities at or after {@code since}. */
  public String tokenSince(Instant since, RateLimiter.Priority priority) {
    JsonNode envelope = http.get("/rest/v1/activities/pagingtoken.json",
        Map.of("sinceDatetime", since.truncatedTo(ChronoUnit.SECONDS).toString()), priority);
    String token = envelope.path("nextPageToken").asString("");
    if (token.isEmpty()) {
      throw new io.unisync.core.error.AdapterException("Marketo returned no paging token for " + since);
    }
    return token;
  }

  /**
   * Reads one non-empty page (or the last one) of {@code path} after {@code token}, following empty pages
   * that say more is to come, up to {@link #MAX_EMPTY_PAGES}.
   */
  public Page read(String path, String token, Map<String, String> params, RateLimiter.Priority priority) {
    String current = token;
    for (int empty = 0; ; empty++) {
      Map<String, String> query = new LinkedHashMap<>(params);
      query.put("nextPageToken", current);
      JsonNode envelope = http.get(path, query, priority);
      List<JsonNode> activities = new ArrayList<>();
      envelope.path("result").forEach(activities::add); // "result" may be absent when there is nothing
      boolean more = envelope.path("moreResult").asBoolean(false);
      String next = envelope.path("nextPageToken").asString(current);
      if (!activities.isEmpty() || !more || empty >= MAX_EMPTY_PAGES) {
        return new Page(activities, next, more);
      }
      current = next;
    }
  }
}
