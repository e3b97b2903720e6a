package io.unisync.marketo;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.ActivityHistory;
import io.unisync.core.port.MarketingActivity;
import io.unisync.marketo.internal.ActivityFeed;
import io.unisync.marketo.internal.LeadReader;
import io.unisync.marketo.internal.MarketoHttp;
import io.unisync.marketo.internal.RateLimiter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * {@link ActivityHistory} for the Smart Grid: the person's activities of the configured types (web visits,
 * form fills, link clicks, e-mail send / deliver / bounce / unsubscribe / open / click, interesting
 * moments by default) and our own sales activity types (a second call) since a time, read live as
 * interactive calls, newest first. Type names come from
 * {@code activities/types.json}, read once. Thread-safe.
 */
public final class MarketoActivityHistory implements ActivityHistory {

  /** Pages read at most per request, which bounds one Smart Grid read. */
  static final int MAX_PAGES = 10;

  private final MarketoHttp http;
  private final ActivityFeed feed;
  private final String typeIds;
  private final java.util.Set<String> salesApiNames;
  private volatile @org.jspecify.annotations.Nullable Map<Integer, String> typeNames;
  private volatile String salesTypeIds = "";

  private MarketoActivityHistory(Marketo marketo) {
    this.http = marketo.http();
    this.feed = new ActivityFeed(marketo.http());
    this.typeIds = marketo.settings().feeds().smartGridTypeIds().stream().map(String::valueOf).collect(Collectors.joining(","));
    this.salesApiNames = java.util.Set.copyOf(marketo.settings().activityTypes().apiNames().values());
  }

  /**
   * The Smart Grid's source over a connection.
   *
   * @param marketo the connection
   * @return the activity history
   */
  public static MarketoActivityHistory create(Marketo marketo) {
    return new MarketoActivityHistory(marketo);
  }

  /** Every call of one read, the type lookup included, shares one the interactive deadline of {@link MarketoSettings#retry()} ({@code RetryPolicy.deadline(CallClass.INTERACTIVE)}). */
  @Override
  public List<MarketingActivity> recent(PersonId person, Instant since, int limit) {
    return http.withinInteractiveDeadline(() -> read(person, since, limit));
  }

  private List<MarketingActivity> read(PersonId person, Instant since, int limit) {
    Map<Integer, String> names = typeNames();
    List<MarketingActivity> found = new ArrayList<>();
    read(person, since, typeIds, names, found);
    if (!salesTypeIds.isEmpty()) {
      // our own sales activities are custom types: a second call, since one call takes at most 10 types
      read(person, since, salesTypeIds, names, found);
    }
    return found.stream().sorted(Comparator.comparing(MarketingActivity::occurredAt).reversed()).limit(limit).toList();
  }

  private void read(PersonId person, Instant since, String types, Map<Integer, String> names, List<MarketingActivity> found) {
    String token = feed.tokenSince(since, RateLimiter.Priority.INTERACTIVE);
    Map<String, String> params = Map.of("activityTypeIds", types, "leadIds", Long.toString(person.value()));
    for (int page = 0; page < MAX_PAGES; page++) {
      ActivityFeed.Page read = feed.read("/rest/v1/activities.json", token, params, RateLimiter.Priority.INTERACTIVE,
          new ActivityFeed.EmptyPages(http.settings().limits().maxEmptyPages()));
      for (JsonNode activity : read.activities()) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (JsonNode attribute : activity.path("attributes")) {
          attributes.put(attribute.path("name").asString(""), attribute.path("value").asString(""));
        }
        Instant at = LeadReader.parseTime(activity.path("activityDate").asString(""));
        int type = activity.path("activityTypeId").asInt();
        found.add(new MarketingActivity(activity.path("marketoGUID").asString(activity.path("id").asString("")),
            names.getOrDefault(type, "Activity type " + type), at == null ? since : at,
            activity.path("primaryAttributeValue").asString(""), attributes));
      }
      if (!read.more()) {
        break;
      }
      token = read.nextToken();
    }
  }

  private Map<Integer, String> typeNames() {
    Map<Integer, String> names = typeNames;
    if (names == null) {
      names = new HashMap<>();
      List<String> sales = new ArrayList<>();
      for (JsonNode type : http.get("/rest/v1/activities/types.json", Map.of(), RateLimiter.Priority.INTERACTIVE).path("result")) {
        names.put(type.path("id").asInt(), type.path("name").asString(""));
        if (salesApiNames.contains(type.path("apiName").asString(""))) {
          sales.add(type.path("id").asString());
        }
      }
      salesTypeIds = String.join(",", sales);
      typeNames = Map.copyOf(names);
    }
    return names;
  }
}
