package io.unisync.core.port;

import io.unisync.core.domain.ReminderTask;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The CRM's open-reminder Tasks: push reminders, read the Tasks that changed. Thread-safe; failures are
 * {@link io.unisync.core.error.AdapterException}s.
 */
public interface CrmTasks {

  /**
   * A Task as the CRM has it now.
   *
   * @param reminderId our reminder id when the Task came from Actions
   * @param whoId the lead or contact it is about
   * @param deleted whether the Task was deleted in the CRM
   */
  record Task(String crmId, @Nullable String reminderId, @Nullable String whoId, String subject, LocalDate dueDate,
      boolean completed, Instant modifiedAt, boolean deleted) {}

  /**
   * Tasks changed after a watermark, oldest first, our own writes left out; the next watermark; and the rows that could
   * not be read (each with its reason, naming the Task and the field), which the engine quarantines: one bad row never
   * blocks the others or the next pass.
   */
  record Changes(List<Task> tasks, String watermark, List<QuarantinedRecord> unreadable) {
    /**
     * Copies the Tasks and the unreadable rows.
     *
     * @param tasks the Tasks changed
     * @param watermark where the next read starts
     * @param unreadable rows that could not be read, each with its reason
     */
    public Changes {
      tasks = List.copyOf(tasks);
      unreadable = List.copyOf(unreadable);
    }

    /**
     * Changes without unreadable rows.
     *
     * @param tasks the Tasks
     * @param watermark where the next read starts
     */
    public Changes(List<Task> tasks, String watermark) {
      this(tasks, watermark, List.of());
    }
  }

  /** What became of one reminder's push: one answer per record, so one refused Task never holds up the others. */
  sealed interface Pushed permits Pushed.Written, Pushed.Gone, Pushed.Refused {

    /**
     * The CRM holds this version of the reminder.
     *
     * @param crmId the Task's id
     */
    record Written(String crmId) implements Pushed {}

    /**
     * The reminder's Task was deleted in the CRM (Salesforce: {@code ENTITY_IS_DELETED}); the deletion wins, as it
     * does when the pull finds it, and the Task is not created again.
     *
     * @param crmId the deleted Task's id
     */
    record Gone(String crmId) implements Pushed {}

    /**
     * The CRM refused this record for good (a validation rule, a field it does not take). The reminder is quarantined
     * with the reason and not pushed again until it changes in Actions.
     *
     * @param reason what the CRM answered: its error code, never a field's value
     */
    record Refused(String reason) implements Pushed {}
  }

  /**
   * Creates or updates the Task of each reminder. A failure that may pass (a locked row, an unreachable CRM) throws
   * {@link io.unisync.core.error.RetryableAdapterException} and the whole batch is pushed again (creates are
   * idempotent on the reminder id); a record refused for good is answered as {@link Pushed.Refused}.
   *
   * @param reminders the reminders
   * @return what became of each, in order
   */
  List<Pushed> push(List<ReminderTask> reminders);

  /**
   * Tasks changed since the watermark (without one: open Tasks from about now).
   *
   * @param watermark where the previous read ended, if it did
   * @return the Tasks and the next watermark
   */
  Changes changesSince(Optional<String> watermark);
}
