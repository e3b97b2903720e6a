package io.unisync.core.domain;

import io.unisync.core.error.InvalidValueException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A seller's reminder to follow up with a person, kept in step with a Salesforce Task both ways.
 *
 * @param id the Actions id (1 to 100 characters from {@code [A-Za-z0-9._:-]})
 * @param person who it is about
 * @param subject what to do (validated like any text field)
 * @param dueDate when
 * @param completed whether it is done
 * @param modifiedAt when it last changed, on whichever side: the later change wins
 * @param crmId the Salesforce Task id once it exists there
 */
public record ReminderTask(String id, PersonId person, String subject, LocalDate dueDate, boolean completed, Instant modifiedAt,
    @Nullable String crmId) {

  /**
   * Checks the values: an id of 1 to 100 ASCII letters, digits, '.', '_', ':' and '-', and the rest present.
   *
   * @param id the Actions id (1 to 100 characters from {@code [A-Za-z0-9._:-]})
   * @param person who it is about
   * @param subject what to do (validated like any text field)
   * @param dueDate when
   * @param completed whether it is done
   * @param modifiedAt when it last changed, on whichever side: the later change wins
   * @param crmId the Salesforce Task id once it exists there
   */
  public ReminderTask {
    if (id == null || id.isEmpty() || id.length() > 100 || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
        || c == '.' || c == '_' || c == ':' || c == '-')) {
      throw new InvalidValueException("reminder.id", "must be 1 to 100 characters from A-Z, a-z, 0-9, '.', '_', ':' and '-'");
    }
    subject = ActivityRules.required("reminder.subject", subject);
    if (dueDate == null) {
      throw new InvalidValueException("reminder.dueDate", "is required");
    }
    modifiedAt = modifiedAt.truncatedTo(ChronoUnit.MILLIS);
    crmId = PersonField.SALESFORCE_LEAD_ID.normaliseAs("reminder.crmId", crmId);
  }

  /** {@return the reminder's Salesforce Task id, once it has one} */
  public Optional<String> crm() {
    return Optional.ofNullable(crmId);
  }

  /**
   * This reminder with the Salesforce Task id {@code value}.
   *
   * @param value the Task's id in Salesforce, or {@code null} for none
   * @return the copy
   */
  public ReminderTask withCrmId(@Nullable String value) {
    return new ReminderTask(id, person, subject, dueDate, completed, modifiedAt, value);
  }

  /**
   * Completed (or reopened) at a time.
   *
   * @param done whether it is completed
   * @param at when that changed
   * @return the copy
   */
  public ReminderTask completed(boolean done, Instant at) {
    return new ReminderTask(id, person, subject, dueDate, done, at, crmId);
  }

  /**
   * Moved to another day at a time.
   *
   * @param due the new due day
   * @param at when that changed
   * @return the copy
   */
  public ReminderTask rescheduled(LocalDate due, Instant at) {
    return new ReminderTask(id, person, subject, due, completed, at, crmId);
  }

  @Override
  public String toString() {
    return "ReminderTask[id=" + id + ", person=" + person + ", due=" + dueDate + ", completed=" + completed + ", crmId=" + crmId + "]";
  }
}
