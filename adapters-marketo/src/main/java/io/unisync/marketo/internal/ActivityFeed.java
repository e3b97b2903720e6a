package io.unisync.marketo.internal;

import io.unisync.core.error.AdapterException;
import io.unisync.core.error.RetryableAdapterException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reading Marketo's activity endpoints page by page with paging tokens. Every read is bounded: empty pages
 * that say more is coming are followed only while the caller's {@link EmptyPages} budget lasts, and a token
 * that does not move (the same token back with more to come) stops the read with an error instead of
 * looping.
 */
public final class ActivityFeed {

  /** One page: its activities, the token after it, and whether more are waiting. */
  public record Page(List<JsonNode> activities, String nextToken, boolean more) {}

  /** How many empty pages one change read may still follow, over all of its feeds. */
  public static final class EmptyPages {
    private int left;

    public EmptyPages(int budget) {
      this.left = budget;
    }

    boolean spend() {
      if (left <= 0) {
        return false;
      }
      left--;
      return true;
    }
  }

  private final MarketoHttp http;

  public ActivityFeed(MarketoHttp http) {
    this.http = http;
  }

  /** A paging token for activities at or after {@code since}. */
  public String tokenSince(Instant since, RateLimiter.Priority priority) {
    JsonNode envelope = http.get("/rest/v1/activities/pagingtoken.json",
        Map.of("sinceDatetime", since.truncatedTo(ChronoUnit.SECONDS).toString()), priority);
    JsonNode token = envelope.path("nextPageToken");
    if (!token.isString() || token.asString().isBlank()) {
      throw new RetryableAdapterException("Marketo returned no paging token for " + since);
    }
    return token.asString();
  }

  /**
   * Reads one non-empty page (or the last one) of {@code path} after {@code token}, following empty pages
   * that say more is to come while {@code budget} lasts.
   *
   * @throws AdapterException the token did not advance, or the answer is malformed (the stored position stays)
   */
  public Page read(String path, String token, Map<String, String> params, RateLimiter.Priority priority, EmptyPages budget) {
    String current = token;
    while (true) {
      Map<String, String> query = new LinkedHashMap<>(params);
      query.put("nextPageToken", current);
      JsonNode envelope = http.get(path, query, priority);
      JsonNode result = envelope.get("result");
      List<JsonNode> activities = new ArrayList<>();
      if (result != null && !result.isNull()) { // "result" may be absent when there is nothing
        if (!result.isArray()) {
          throw new RetryableAdapterException("Marketo's answer to " + path + " has a result that is not an array");
        }
        result.forEach(activities::add);
      }
      JsonNode moreNode = envelope.path("moreResult");
      boolean more = moreNode.isBoolean() ? moreNode.booleanValue() : moreNode.asString("").equals("true");
      JsonNode nextNode = envelope.path("nextPageToken");
      String next = nextNode.isString() && !nextNode.asString().isBlank() ? nextNode.asString() : null;
      if (next == null) {
        if (more) {
          throw new RetryableAdapterException("Marketo's answer to " + path + " says more is coming but gives no paging token");
        }
        next = current;
      } else if (more && next.equals(current)) {
        throw new AdapterException("Marketo's paging token for " + path + " did not advance (the same token came back with"
            + " moreResult true): the feed makes no progress, so the read stops here rather than ask again for ever");
      }
      if (!activities.isEmpty() || !more || !budget.spend()) {
        return new Page(activities, next, more);
      }
      current = next;
    }
  }
}
