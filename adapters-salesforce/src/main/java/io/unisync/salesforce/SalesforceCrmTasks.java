package io.unisync.salesforce;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.ReminderTask;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.port.CrmTasks;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.PersonReader;
import io.unisync.core.port.StoredPerson;
import io.unisync.core.wire.ServerText;
import io.unisync.salesforce.internal.SalesforceHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link CrmTasks} on Salesforce Tasks. A reminder becomes a Task ({@code TaskSubtype} Task) carrying our
 * reminder id in an External ID field, so a create repeated after a lost answer finds the existing Task
 * ({@code DUPLICATE_VALUE}) instead of making a second. Changes are read with {@code queryAll} on
 * {@code SystemModstamp} from the watermark minus an overlap, ordered by {@code (SystemModstamp, Id)},
 * leaving out our activity log Tasks and our own writes (the integration user's). {@code queryAll} also
 * returns Tasks deleted in Salesforce (while in the recycle bin), which remove their reminders. Thread-safe.
 */
public final class SalesforceCrmTasks implements CrmTasks {


  private final SalesforceHttp http;
  private final PersonReader people;
  private final String reminderField;
  private final Duration overlap;

  private SalesforceCrmTasks(Salesforce salesforce, PersonReader people, String reminderField, Duration overlap) {
    this.http = salesforce.http();
    this.people = people;
    this.reminderField = reminderField;
    this.overlap = overlap;
  }

  /**
   * @param reminderField the Activity custom field (External ID, Unique) holding our reminder id
   * @param overlap how far before the watermark changes are read again
   * @param salesforce the connection
   * @param people resolves people to their Salesforce records
   * @return the task source and sink
   */
  public static SalesforceCrmTasks create(Salesforce salesforce, PersonReader people, String reminderField, Duration overlap) {
    return new SalesforceCrmTasks(salesforce, people, reminderField, overlap);
  }

  @Override
  public List<Pushed> push(List<ReminderTask> reminders) {
    List<Pushed> ids = new ArrayList<>(reminders.size());
    for (int from = 0; from < reminders.size(); from += 200) {
      ids.addAll(pushChunk(reminders.subList(from, Math.min(reminders.size(), from + 200))));
    }
    return ids;
  }

  private List<Pushed> pushChunk(List<ReminderTask> chunk) {
    Pushed[] outcomes = new Pushed[chunk.size()];
    List<Integer> creates = new ArrayList<>();
    List<Integer> updates = new ArrayList<>();
    for (int i = 0; i < chunk.size(); i++) {
      (chunk.get(i).crmId() == null ? creates : updates).add(i);
    }
    if (!creates.isEmpty()) {
      ObjectNode body = body();
      for (int i : creates) {
        ObjectNode task = fields(body.withArray("records").addObject(), chunk.get(i));
        task.put("TaskSubtype", "Task");
        task.put(reminderField, chunk.get(i).id());
        whoOf(chunk.get(i)).ifPresent(who -> task.put("WhoId", who));
      }
      JsonNode results = http.collection("POST", body);
      for (int n = 0; n < creates.size(); n++) {
        int i = creates.get(n);
        outcomes[i] = created(results.path(n), chunk.get(i));
      }
    }
    if (!updates.isEmpty()) {
      ObjectNode body = body();
      for (int i : updates) {
        fields(body.withArray("records").addObject(), chunk.get(i)).put("id", chunk.get(i).crmId());
      }
      JsonNode results = http.collection("PATCH", body);
      for (int n = 0; n < updates.size(); n++) {
        int i = updates.get(n);
        outcomes[i] = updated(results.path(n), chunk.get(i));
      }
    }
    return List.of(outcomes);
  }

  private ObjectNode body() {
    ObjectNode body = http.json().createObjectNode();
    body.put("allOrNone", false);
    body.putArray("records");
    return body;
  }

  private ObjectNode fields(ObjectNode task, ReminderTask reminder) {
    task.putObject("attributes").put("type", "Task");
    task.put("Subject", reminder.subject());
    task.put("ActivityDate", reminder.dueDate().toString());
    task.put("Status", reminder.completed() ? http.settings().completedStatus() : "Not Started");
    return task;
  }

  private Pushed created(JsonNode result, ReminderTask reminder) {
    if (result.path("success").asBoolean(false)) {
      String id = result.path("id").asString("");
      if (!SalesforceHttp.isRecordId(id)) {
        throw new AdapterException("Salesforce created the Task of reminder " + reminder.id() + " but answered no readable id");
      }
      return new Pushed.Written(id);
    }
    String code = errorCode(result, reminder);
    if (code.equals("DUPLICATE_VALUE")) { // created by an earlier attempt whose answer was lost
      List<JsonNode> existing = http.query("SELECT Id FROM Task WHERE " + reminderField + " = '" + reminder.id() + "'", true);
      if (!existing.isEmpty()) {
        return new Pushed.Written(existing.get(0).path("Id").asString());
      }
    }
    return new Pushed.Refused(code);
  }

  private Pushed updated(JsonNode result, ReminderTask reminder) {
    if (result.path("success").asBoolean(false)) {
      return new Pushed.Written(java.util.Objects.requireNonNull(reminder.crmId()));
    }
    String code = errorCode(result, reminder);
    return code.equals("ENTITY_IS_DELETED") ? new Pushed.Gone(java.util.Objects.requireNonNull(reminder.crmId())) : new Pushed.Refused(code);
  }

  /** A failed record's error code; a lock (which passes) throws, so the batch is pushed again. */
  private static String errorCode(JsonNode result, ReminderTask reminder) {
    String code = ServerText.printable(result.path("errors").path(0).path("statusCode").asString("UNKNOWN"));
    if (code.equals("UNABLE_TO_LOCK_ROW")) {
      throw new RetryableAdapterException("Salesforce Task of reminder " + reminder.id() + " was locked; the push will be repeated");
    }
    return code;
  }

  private Optional<String> whoOf(ReminderTask reminder) {
    Optional<Person> person = people.findById(reminder.person()).map(StoredPerson::person);
    return person.map(p -> p.salesforceContactId() != null ? p.salesforceContactId() : p.salesforceLeadId());
  }

  @Override
  public Changes changesSince(Optional<String> watermark) {
    String integrationUser = http.integrationUserId();
    String window = watermark.map(w -> "SystemModstamp >= " + Instant.parse(w).minus(overlap)).orElse("IsClosed = false");
    Instant latest = watermark.map(Instant::parse).orElse(http.clock().instant().minus(overlap));
    List<Task> tasks = new ArrayList<>();
    String soql = "SELECT Id, " + reminderField + ", WhoId, Subject, ActivityDate, IsClosed, IsDeleted, LastModifiedById, LastModifiedDate, "
        + "SystemModstamp FROM Task WHERE " + http.settings().activityIdField() + " = null AND " + window + " ORDER BY SystemModstamp, Id";
    Instant[] newest = {latest};
    List<QuarantinedRecord> unreadable = new ArrayList<>();
    http.query(soql, true, row -> { // page by page: only the compact tasks are kept
      String id = row.path("Id").asString("");
      Instant modstamp = SalesforceHttp.time(row.path("SystemModstamp"));
      if (modstamp == null || !SalesforceHttp.isRecordId(id)) {
        unreadable.add(unreadable(row, id, modstamp == null ? "SystemModstamp" : "Id"));
        return;
      }
      if (modstamp.isAfter(newest[0])) {
        newest[0] = modstamp;
      }
      if (integrationUser.equals(row.path("LastModifiedById").asString("")) || !row.hasNonNull("ActivityDate")) {
        return; // our own write coming back, or a Task that is no reminder (no due date)
      }
      Instant modified = SalesforceHttp.time(row.path("LastModifiedDate"));
      LocalDate due = date(row.path("ActivityDate"));
      if (modified == null || due == null) {
        unreadable.add(unreadable(row, id, modified == null ? "LastModifiedDate" : "ActivityDate"));
        return;
      }
      tasks.add(new Task(id, row.hasNonNull(reminderField) ? row.path(reminderField).asString() : null,
          row.hasNonNull("WhoId") ? row.path("WhoId").asString() : null, row.path("Subject").asString(""),
          due, row.path("IsClosed").asBoolean(false), modified, row.path("IsDeleted").asBoolean(false)));
    });
    return new Changes(tasks, newest[0].toString(), unreadable);
  }

  /** A Task row that cannot be read, for the quarantine: quarantined, never guessed. */
  private QuarantinedRecord unreadable(JsonNode row, String id, String field) {
    String text = row.toString();
    return new QuarantinedRecord(id, "Salesforce Task " + (id.isEmpty() ? "(no Id)" : id) + ": " + field + " '"
        + ServerText.printable(row.path(field).asString("")) + "' cannot be read; its reminder was not synced", ServerText.abbreviate(text),
        http.clock().instant());
  }

  /** A Salesforce date, or null when it is none. */
  private static @org.jspecify.annotations.Nullable LocalDate date(JsonNode value) {
    try {
      return value.isString() ? LocalDate.parse(value.asString()) : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
