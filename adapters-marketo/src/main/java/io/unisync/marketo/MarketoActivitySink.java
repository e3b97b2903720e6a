package io.unisync.marketo;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityKind;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.Destination;
import io.unisync.marketo.internal.MarketoHttp;
import io.unisync.marketo.internal.RateLimiter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ActivitySink} writing the eight sales activity kinds to Marketo as custom activities
 * ({@code activities/external.json}, up to 300 per call). Each kind is a custom activity type looked up by
 * its apiName ({@link MarketoSettings#activityTypeApiNames()}); missing types are created and approved
 * when {@link MarketoSettings#createActivityTypes()} allows it, otherwise {@link #verify()} (and the first
 * delivery) fails with a {@link ConfigurationException} naming every missing type. The activity id is
 * written as the attribute {@code unisyncActivityId}. A record Marketo skips (1004 lead not found, ...)
 * is a permanent rejection with Marketo's code and message. Thread-safe.
 */
public final class MarketoActivitySink implements ActivitySink {

  /** The attribute carrying our idempotency key on every activity. */
  public static final String ACTIVITY_ID_ATTRIBUTE = "unisyncActivityId";

  private final MarketoHttp http;
  private final Map<ActivityKind, String> apiNames;
  private volatile Map<ActivityKind, Integer> typeIds;

  private MarketoActivitySink(Marketo marketo) {
    this.http = marketo.http();
    this.apiNames = marketo.settings().activityTypeApiNames();
  }

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
    List<String> problems = new ArrayList<>();
    for (ActivityKind kind : ActivityKind.values()) {
      String apiName = apiNames.get(kind);
      JsonNode type = existing.get(apiName);
      if (type == null && http.settings().createActivityTypes()) {
        type = createType(kind, apiName);
      }
      if (type == null) {
        problems.add("custom activity type '" + apiName + "' for \"" + kind.displayName()
            + "\" does not exist in Marketo; create and approve it, or allow createActivityTypes");
      } else if (!type.path("status").asString("approved").startsWith("approved")) {
        problems.add("custom activity type '" + apiName + "' exists but is not approved");
      } else {
        ids.put(kind, type.path("id").asInt());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("Marketo custom activity types", problems);
    }
    typeIds = ids;
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
    ObjectNode attributes = http.json().createObjectNode();
    ArrayNode list = attributes.putArray("attributes");
    for (String name : new String[] {ACTIVITY_ID_ATTRIBUTE, "seller", "subject", "template", "link", "bounceCategory",
        "bounceDetails", "callStatus", "durationSeconds", "recordingUrl", "campaignName", "campaignUrl"}) {
      ObjectNode attribute = list.addObject();
      attribute.put("apiName", name);
      attribute.put("name", name);
      attribute.put("dataType", "string");
    }
    http.post("/rest/v1/activities/external/type/" + apiName + "/attributes/create.json", attributes, RateLimiter.Priority.BACKGROUND);
    return http.post("/rest/v1/activities/external/type/" + apiName + "/approve.json", null, RateLimiter.Priority.BACKGROUND)
        .path("result").path(0);
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
      item.put("activityTypeId", typeIds.get(activity.kind()));
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

  private static String primaryValue(Activity activity) {
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
