package io.unisync.marketo;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.domain.ActivityKind;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.Destination;
import io.unisync.marketo.internal.ActivityFeed;
import io.unisync.marketo.internal.MarketoErrorException;
import io.unisync.marketo.internal.MarketoHttp;
import io.unisync.marketo.internal.RateLimiter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ActivitySink} writing the eight sales activity kinds to Marketo as custom activities
 * ({@code activities/external.json}, up to 300 per call). Each kind is a custom activity type looked up by
 * its apiName ({@link MarketoActivityTypes#apiNames()}); missing types are created and approved
 * when {@link MarketoActivityTypes#createMissing()} allows it, otherwise {@link #verify()} (and the first
 * delivery) fails with a {@link ConfigurationException} naming every missing type. The activity id is
 * written as the attribute {@code unisyncActivityId}, so an in-doubt batch is read back before it is sent
 * again ({@link #deliver(List, Set)}). A record Marketo skips (1004 lead not found, ...)
 * is a permanent rejection with Marketo's code and message. Thread-safe.
 */
public final class MarketoActivitySink implements ActivitySink {

  /** The attribute carrying our idempotency key on every activity. */
  public static final String ACTIVITY_ID_ATTRIBUTE = "unisyncActivityId";

  private final MarketoHttp http;
  private final ActivityFeed feed;
  private final Map<ActivityKind, String> apiNames;
  private volatile @org.jspecify.annotations.Nullable Map<ActivityKind, Integer> typeIds;
  /** The display names our activity-id attribute has in this instance (its API name, and what an admin renamed it to). */
  private volatile Set<String> idAttributeNames = Set.of(ACTIVITY_ID_ATTRIBUTE);

  private MarketoActivitySink(Marketo marketo) {
    this.http = marketo.http();
    this.feed = new ActivityFeed(marketo.http());
    this.apiNames = marketo.settings().activityTypes().apiNames();
  }

  /**
   * The activity sink over a connection: activities become custom activities of the types {@link MarketoActivityTypes}
   *     names.
   *
   * @param marketo the connection
   * @return the sink
   */
  public static MarketoActivitySink create(Marketo marketo) {
    return new MarketoActivitySink(marketo);
  }

  @Override
  public Destination destination() {
    return Destination.MARKETO;
  }

  @Override
  public int maxBatchSize() {
    return 300;
  }

  /** One request's timeout ({@link MarketoSettings#requestTimeout()}): the engine's claim must hold it plus its margin. */
  @Override
  public java.time.Duration longestAttempt() {
    return http.settings().requestTimeout();
  }

  /**
   * Marketo has no idempotency key, so this is where a stalled dispatcher could write an activity twice: every call
   * of this delivery (type checks, the read-back, the push, its retries) runs under {@code endBy}; none starts after it,
   * and the last check is made right before the request is handed to the HTTP client (see docs/reliability.md for the
   * window that is left).
   */
  @Override
  public List<DeliveryOutcome> deliver(List<Activity> batch, Set<ActivityId> inDoubt, java.time.Instant endBy) {
    return http.within(endBy, () -> deliver(batch, inDoubt));
  }

  /**
   * Looks up (and, when allowed, creates and approves) the custom activity types. Call it at start-up to
   * fail early.
   *
   * @throws ConfigurationException listing every missing or unapproved type
   */
  public synchronized void verify() {
    if (typeIds != null) {
      return;
    }
    Map<String, JsonNode> existing = new HashMap<>();
    for (JsonNode type : http.get("/rest/v1/activities/external/types.json", Map.of(), RateLimiter.Priority.BACKGROUND).path("result")) {
      existing.put(type.path("apiName").asString(""), type);
    }
    Map<ActivityKind, Integer> ids = new EnumMap<>(ActivityKind.class);
    Set<String> idNames = new HashSet<>(Set.of(ACTIVITY_ID_ATTRIBUTE));
    List<String> problems = new ArrayList<>();
    for (ActivityKind kind : ActivityKind.values()) {
      String apiName = java.util.Objects.requireNonNull(apiNames.get(kind), kind::name); // every kind has one (settings checked)
      JsonNode type = existing.get(apiName);
      if (type == null && http.settings().activityTypes().createMissing()) {
        type = createType(kind, apiName);
      } else if (type != null && !isApproved(type) && http.settings().activityTypes().createMissing()) {
        type = finishType(apiName, type); // a process died half-way through creating it: finish the job
      }
      if (type == null) {
        problems.add("custom activity type '" + apiName + "' for \"" + kind.displayName()
            + "\" does not exist in Marketo; create and approve it, or allow createActivityTypes");
      } else if (!isApproved(type)) {
        problems.add("custom activity type '" + apiName + "' exists but is not approved");
      } else {
        ids.put(kind, type.path("id").asInt());
        // activity reads show attributes by display name, which an admin may have changed: learn ours
        type.path("attributes").forEach(a -> {
          if (a.path("apiName").asString("").equals(ACTIVITY_ID_ATTRIBUTE) && !a.path("name").asString("").isBlank()) {
            idNames.add(a.path("name").asString());
          }
        });
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("Marketo custom activity types", problems);
    }
    idAttributeNames = Set.copyOf(idNames);
    typeIds = ids;
  }

  private static boolean isApproved(JsonNode type) {
    return type.path("status").asString("approved").startsWith("approved");
  }

  /** The attributes every type of ours carries; our activity id is the one that matters. */
  private static final String[] ATTRIBUTES = {ACTIVITY_ID_ATTRIBUTE, "seller", "subject", "template", "link", "bounceCategory",
      "bounceDetails", "callStatus", "durationSeconds", "recordingUrl", "campaignName", "campaignUrl"};

  /** Adds whatever attributes a draft type still lacks (all, when the answer does not list them), then approves it. */
  private JsonNode finishType(String apiName, JsonNode type) {
    java.util.Set<String> present = new java.util.HashSet<>();
    type.path("attributes").forEach(a -> present.add(a.path("apiName").asString("")));
    List<String> missing = java.util.Arrays.stream(ATTRIBUTES).filter(a -> !present.contains(a)).toList();
    if (!missing.isEmpty()) {
      try {
        createAttributes(apiName, missing);
      } catch (MarketoErrorException e) {
        // some existed after all (an answer that did not list them): approving shows whether the type is whole
      }
    }
    return http.post("/rest/v1/activities/external/type/" + apiName + "/approve.json", null, RateLimiter.Priority.BACKGROUND)
        .path("result").path(0);
  }

  private void createAttributes(String apiName, List<String> names) {
    ObjectNode attributes = http.json().createObjectNode();
    ArrayNode list = attributes.putArray("attributes");
    for (String name : names) {
      ObjectNode attribute = list.addObject();
      attribute.put("apiName", name);
      attribute.put("name", name);
      attribute.put("dataType", "string");
    }
    http.post("/rest/v1/activities/external/type/" + apiName + "/attributes/create.json", attributes, RateLimiter.Priority.BACKGROUND);
  }

  private JsonNode createType(ActivityKind kind, String apiName) {
    ObjectNode body = http.json().createObjectNode();
    body.put("apiName", apiName);
    body.put("name", kind.displayName());
    body.put("triggerName", kind.displayName());
    body.put("filterName", kind.displayName());
    ObjectNode primary = body.putObject("primaryAttribute");
    primary.put("apiName", "primary");
    primary.put("name", primaryName(kind));
    http.post("/rest/v1/activities/external/type.json", body, RateLimiter.Priority.BACKGROUND);
    createAttributes(apiName, List.of(ATTRIBUTES));
    return http.post("/rest/v1/activities/external/type/" + apiName + "/approve.json", null, RateLimiter.Priority.BACKGROUND)
        .path("result").path(0);
  }

  /**
   * As {@link #deliver(List)}, but reads the in-doubt activities back first ({@code activities.json} on
   * their people, our types, since their earliest date, looking for our {@value #ACTIVITY_ID_ATTRIBUTE}):
   * those Marketo already has are reported delivered and not sent again, since Marketo has no
   * idempotency key of its own.
   */
  @Override
  public List<DeliveryOutcome> deliver(List<Activity> batch, Set<ActivityId> inDoubt) {
    verify();
    Set<String> present = readBack(batch.stream().filter(a -> inDoubt.contains(a.id())).toList());
    List<Activity> toSend = batch.stream().filter(a -> !present.contains(a.id().value())).toList();
    Map<ActivityId, DeliveryOutcome> sent = new HashMap<>();
    if (!toSend.isEmpty()) {
      deliver(toSend).forEach(o -> sent.put(o.id(), o));
    }
    List<DeliveryOutcome> outcomes = new ArrayList<>(batch.size());
    for (Activity activity : batch) {
      outcomes.add(present.contains(activity.id().value()) ? new DeliveryOutcome.Delivered(activity.id()) : sent.get(activity.id()));
    }
    return outcomes;
  }

  /** The activity ids among {@code activities} that Marketo already holds. */
  private Set<String> readBack(List<Activity> activities) {
    Set<String> present = new HashSet<>();
    if (activities.isEmpty()) {
      return present;
    }
    String types = knownTypeIds().values().stream().map(String::valueOf).collect(Collectors.joining(","));
    Instant since = activities.stream().map(Activity::occurredAt).min(Instant::compareTo).orElseThrow().minusSeconds(1);
    List<Long> people = activities.stream().map(a -> a.person().value()).distinct().toList();
    for (int from = 0; from < people.size(); from += 30) { // activities.json takes at most 30 lead ids
      String leadIds = people.subList(from, Math.min(people.size(), from + 30)).stream().map(String::valueOf).collect(Collectors.joining(","));
      String token = feed.tokenSince(since, RateLimiter.Priority.BACKGROUND);
      for (int page = 0; page < 100; page++) {
        ActivityFeed.Page read = feed.read("/rest/v1/activities.json", token, Map.of("activityTypeIds", types, "leadIds", leadIds),
            RateLimiter.Priority.BACKGROUND, new ActivityFeed.EmptyPages(http.settings().limits().maxEmptyPages()));
        for (JsonNode activity : read.activities()) {
          for (JsonNode attribute : activity.path("attributes")) {
            if (idAttributeNames.contains(attribute.path("name").asString(""))
                || attribute.path("apiName").asString("").equals(ACTIVITY_ID_ATTRIBUTE)) {
              present.add(attribute.path("value").asString(""));
            }
          }
        }
        if (!read.more()) {
          break;
        }
        token = read.nextToken();
      }
    }
    return present;
  }

  @Override
  public List<DeliveryOutcome> deliver(List<Activity> batch) {
    if (batch.size() > maxBatchSize()) {
      throw new IllegalArgumentException("at most 300 activities per call, got " + batch.size());
    }
    verify();
    ObjectNode body = http.json().createObjectNode();
    ArrayNode input = body.putArray("input");
    for (Activity activity : batch) {
      ObjectNode item = input.addObject();
      item.put("leadId", activity.person().value());
      item.put("activityDate", activity.occurredAt().toString());
      item.put("activityTypeId", knownTypeIds().get(activity.kind()));
      item.put("primaryAttributeValue", primaryValue(activity));
      ArrayNode attributes = item.putArray("attributes");
      attributes.addObject().put("apiName", ACTIVITY_ID_ATTRIBUTE).put("value", activity.id().value());
      attributes.addObject().put("apiName", "seller").put("value", activity.seller().id());
      activity.attributes().forEach((name, value) -> attributes.addObject().put("apiName", name).put("value", value));
    }
    JsonNode results = http.post("/rest/v1/activities/external.json", body, RateLimiter.Priority.BACKGROUND).path("result");
    List<DeliveryOutcome> outcomes = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Activity activity = batch.get(i);
      JsonNode result = results.path(i);
      String status = result.path("status").asString("");
      if (status.equals("added")) {
        outcomes.add(new DeliveryOutcome.Delivered(activity.id()));
      } else if (result.isMissingNode()) {
        outcomes.add(new DeliveryOutcome.Retry(activity.id(), "Marketo returned no result for this activity", null));
      } else {
        // Marketo's docs show both "errors" and "reasons" for skipped records
        JsonNode reason = result.path("errors").path(0).isMissingNode() ? result.path("reasons").path(0) : result.path("errors").path(0);
        outcomes.add(new DeliveryOutcome.Rejected(activity.id(),
            "Marketo " + status + " " + reason.path("code").asString("?") + ": " + reason.path("message").asString("no reason given")));
      }
    }
    return outcomes;
  }

  private static String primaryName(ActivityKind kind) {
    switch (kind.group()) {
      case CALL:
        return "Sales Call Status";
      case CAMPAIGN:
        return "Sales Campaign Name";
      default:
        return "Email Subject";
    }
  }

  /** The activity types' ids, once they were looked up (every delivery looks them up first). */
  private Map<ActivityKind, Integer> knownTypeIds() {
    Map<ActivityKind, Integer> ids = typeIds;
    if (ids == null) {
      throw new IllegalStateException("the activity types were not looked up before use");
    }
    return ids;
  }

  private static @org.jspecify.annotations.Nullable String primaryValue(Activity activity) {
    Map<String, String> attributes = activity.attributes();
    switch (activity.kind().group()) {
      case CALL:
        return attributes.get("callStatus");
      case CAMPAIGN:
        return attributes.get("campaignName");
      default:
        return attributes.get("subject");
    }
  }
}
