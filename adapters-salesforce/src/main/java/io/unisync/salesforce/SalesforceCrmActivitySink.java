package io.unisync.salesforce;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.domain.ActivityKind;
import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.PersonId;
import io.unisync.core.port.CrmActivitySink;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.Destination;
import io.unisync.salesforce.internal.SalesforceHttp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link CrmActivitySink} logging activities as native Salesforce Tasks through sObject Collections (200 per
 * call, {@code allOrNone=false}, every result checked).
 *
 * <ul>
 *   <li>{@code TaskSubtype} Email or Call, {@code Subject}, {@code Description}, {@code ActivityDate} (UTC
 *       date), {@code Status} completed, {@code OwnerId} the seller's Salesforce user (when known);
 *   <li>{@code WhoId}: the person's contact, or their lead; a converted lead goes to its contact;
 *   <li>{@code WhatId}: only when the Who is a contact: an opportunity the contact has a role in, else the
 *       contact's account. These identity links come with the batch: the engine resolves them
 *       ({@link io.unisync.core.engine.LinkedActivitySink}: stored with the person, read again through
 *       {@link SalesforceCrmDirectory} when older than the refresh period or when the person's contact changed);
 *   <li>idempotent through the External ID field {@link SalesforceSettings#activityIdField()}, which holds
 *       {@code <scope>:<activity id>}: the scope (the tenant) keeps two tenants that feed one org and reuse
 *       activity ids apart. A {@code DUPLICATE_VALUE} on create is checked: the activity counts as delivered
 *       only when the Task holding that External ID is about the same person (Who); a Task about someone else
 *       is a collision (rejected, naming it), and no Task at all is retried. Retrying a batch after a lost
 *       answer therefore creates no second Task, and never takes someone else's Task for ours.
 * </ul>
 * Per-record {@code UNABLE_TO_LOCK_ROW} is retried (only those records); other per-record errors are
 * permanent rejections with Salesforce's code and message. Campaign activities are not Tasks and are
 * rejected here (the engine never sends them). Thread-safe.
 */
public final class SalesforceCrmActivitySink implements CrmActivitySink {

  private final SalesforceHttp http;
  private final String scope;

  private SalesforceCrmActivitySink(Salesforce salesforce, String scope) {
    if (scope == null || scope.isBlank() || scope.contains(":") || scope.length() > 64) {
      throw new io.unisync.core.error.ConfigurationException("SalesforceCrmActivitySink",
          List.of("scope must be 1 to 64 characters without ':' (use the tenant), was " + (scope == null ? "null" : "'" + scope + "'")));
    }
    this.http = salesforce.http();
    this.scope = scope;
  }

  /**
   * @param scope what makes our External IDs unique in the org across every tenant that feeds it (the tenant id)
   *
   * @param salesforce the connection
   * @return the sink
   */
  public static SalesforceCrmActivitySink create(Salesforce salesforce, String scope) {
    return new SalesforceCrmActivitySink(salesforce, scope);
  }

  /**
   * The External ID our Task for {@code activity} carries.
   *
   * @param activity the activity
   * @return the External ID
   */
  public String externalId(ActivityId activity) {
    return scope + ":" + activity.value();
  }

  @Override
  public Destination destination() {
    return Destination.SALESFORCE;
  }

  @Override
  public int maxBatchSize() {
    return 200;
  }

  /** Where a person's Tasks go. */
  private record Target(String whoId, @Nullable String whatId) {}

  @Override
  public List<DeliveryOutcome> deliver(List<Activity> batch, Map<PersonId, CrmLinks> links) {
    if (batch.size() > maxBatchSize()) {
      throw new IllegalArgumentException("at most 200 activities per call, got " + batch.size());
    }
    Map<PersonId, Optional<Target>> targets = new HashMap<>();
    for (Activity activity : batch) {
      CrmLinks l = links.get(activity.person());
      targets.put(activity.person(), l == null ? Optional.empty() : l.who().map(who -> new Target(who, l.what().orElse(null))));
    }
    List<DeliveryOutcome> outcomes = new ArrayList<>(batch.size());
    List<Activity> sent = new ArrayList<>();
    ObjectNode body = http.json().createObjectNode();
    body.put("allOrNone", false);
    ArrayNode records = body.putArray("records");
    for (Activity activity : batch) {
      Optional<Target> target = targets.getOrDefault(activity.person(), Optional.empty());
      if (activity.kind().group() == ActivityKind.Group.CAMPAIGN) {
        outcomes.add(new DeliveryOutcome.Rejected(activity.id(), activity.kind().displayName() + " is not logged to Salesforce"));
      } else if (target.isEmpty()) {
        outcomes.add(new DeliveryOutcome.Rejected(activity.id(), "person " + activity.person()
            + " has no Salesforce lead or contact id (or it no longer exists in Salesforce)"));
      } else {
        outcomes.add(null); // filled from the response
        sent.add(activity);
        records.add(task(activity, target.get()));
      }
    }
    if (sent.isEmpty()) {
      return outcomes;
    }
    JsonNode results = http.collection("POST", body);
    Map<Object, DeliveryOutcome> byId = new HashMap<>();
    List<Activity> duplicates = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      Activity activity = sent.get(i);
      JsonNode result = results.path(i);
      if (isDuplicate(result)) {
        duplicates.add(activity);
      } else {
        byId.put(activity.id(), outcome(activity, result));
      }
    }
    if (!duplicates.isEmpty()) {
      byId.putAll(checkDuplicates(duplicates, targets));
    }
    for (int i = 0; i < batch.size(); i++) {
      if (outcomes.get(i) == null) {
        outcomes.set(i, byId.get(batch.get(i).id()));
      }
    }
    return outcomes;
  }

  private DeliveryOutcome outcome(Activity activity, JsonNode result) {
    if (result.isMissingNode()) {
      return new DeliveryOutcome.Retry(activity.id(), "Salesforce returned no result for this record", null);
    }
    if (result.path("success").asBoolean(false)) {
      return new DeliveryOutcome.Delivered(activity.id());
    }
    JsonNode error = result.path("errors").path(0);
    String code = error.path("statusCode").asString("UNKNOWN");
    String message = error.path("message").asString("");
    switch (code) {
      case "UNABLE_TO_LOCK_ROW":
        return new DeliveryOutcome.Retry(activity.id(), "Salesforce UNABLE_TO_LOCK_ROW", null);
      default:
        return new DeliveryOutcome.Rejected(activity.id(), "Salesforce " + code + ": " + message);
    }
  }

  private static boolean isDuplicate(JsonNode result) {
    return !result.path("success").asBoolean(false) && result.path("errors").path(0).path("statusCode").asString("").equals("DUPLICATE_VALUE");
  }

  /**
   * A {@code DUPLICATE_VALUE} counts as delivered only when the Task holding our External ID is about the same
   * person: another unique field, or another record's Task, must not swallow an activity.
   */
  private Map<Object, DeliveryOutcome> checkDuplicates(List<Activity> duplicates, Map<PersonId, Optional<Target>> targets) {
    String field = http.settings().activityIdField();
    Map<String, String> whoByExternalId = new HashMap<>();
    List<String> ids = duplicates.stream().map(a -> externalId(a.id())).toList();
    for (JsonNode task : http.queryByIds("SELECT Id, WhoId, " + field + " FROM Task WHERE " + field + " IN (" + SalesforceHttp.soqlList(ids) + ")",
        field, ids)) {
      whoByExternalId.put(task.path(field).asString(""), task.path("WhoId").asString(""));
    }
    Map<Object, DeliveryOutcome> outcomes = new HashMap<>();
    for (Activity activity : duplicates) {
      String who = whoByExternalId.get(externalId(activity.id()));
      String expected = targets.getOrDefault(activity.person(), Optional.empty()).map(Target::whoId).orElse("");
      if (who == null) {
        outcomes.put(activity.id(), new DeliveryOutcome.Retry(activity.id(),
            "Salesforce answered DUPLICATE_VALUE, but no Task holds External ID " + externalId(activity.id()) + "; trying again", null));
      } else if (sameRecord(who, expected)) {
        outcomes.put(activity.id(), new DeliveryOutcome.Delivered(activity.id())); // our Task, from an earlier attempt
      } else {
        outcomes.put(activity.id(), new DeliveryOutcome.Rejected(activity.id(), "External ID " + externalId(activity.id())
            + " is already held by a Task about " + (who.isEmpty() ? "no one" : who) + ", not " + expected
            + ": two writers share the scope '" + scope + "'; give each tenant its own"));
      }
    }
    return outcomes;
  }

  /** Salesforce ids compare on their first 15 characters (the 18-character form adds a checksum). */
  private static boolean sameRecord(String a, String b) {
    return a.length() >= 15 && b.length() >= 15 && a.substring(0, 15).equals(b.substring(0, 15));
  }

  private ObjectNode task(Activity activity, Target target) {
    SalesforceSettings settings = http.settings();
    ObjectNode task = http.json().createObjectNode();
    task.putObject("attributes").put("type", "Task");
    Map<String, String> attributes = activity.attributes();
    boolean call = activity.kind().group() == ActivityKind.Group.CALL;
    String subject = call ? attributes.getOrDefault("subject", attributes.get("callStatus")) : attributes.get("subject");
    task.put("Subject", truncate(activity.kind().displayName() + ": " + subject, 255));
    StringBuilder description = new StringBuilder();
    attributes.forEach((name, value) -> description.append(name).append(": ").append(value).append('\n'));
    task.put("Description", description.toString());
    task.put("ActivityDate", activity.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
    task.put("Status", settings.completedStatus());
    task.put("TaskSubtype", call ? "Call" : "Email");
    if (call) {
      task.put("CallDurationInSeconds", Integer.parseInt(attributes.getOrDefault("durationSeconds", "0")));
    }
    if (activity.seller().salesforceUserId() != null) {
      task.put("OwnerId", activity.seller().salesforceUserId());
    }
    task.put("WhoId", target.whoId());
    if (target.whatId() != null) {
      task.put("WhatId", target.whatId());
    }
    task.put(settings.activityIdField(), externalId(activity.id()));
    return task;
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
