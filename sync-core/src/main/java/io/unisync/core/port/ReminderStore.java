package io.unisync.core.port;

import io.unisync.core.domain.ReminderTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Actions side of the reminder sync. A reminder saved by the host waits to be pushed to the CRM
 * ({@link #unpushed}); one saved from the CRM does not. Thread-safe; {@code ReminderStoreContract} in
 * {@code unisync-testkit} checks the behaviour.
 */
public interface ReminderStore {

  /**
   * The reminder with Actions' id {@code id}.
   *
   * @param id the reminder's id in Actions
   * @return the reminder, if stored
   */
  Optional<ReminderTask> find(String id);

  /**
   * The reminder whose Salesforce Task id is {@code crmId}.
   *
   * @param crmId the Task's id in Salesforce
   * @return the reminder, if stored
   */
  Optional<ReminderTask> findByCrmId(String crmId);

  /**
   * Inserts or replaces a reminder; {@code fromCrm} says whether the CRM is where the change came from.
   *
   * @param task the reminder
   * @param fromCrm whether the change came from the CRM
   */
  void save(ReminderTask task, boolean fromCrm);

  /**
   * Removes a reminder (deleted on the other side); returns whether there was one.
   *
   * @param id the reminder's id in Actions
   * @return whether there was one
   */
  boolean delete(String id);

  /**
   * Reminders changed in Actions and not yet pushed, oldest change first.
   *
   * @param max the most reminders
   * @return the reminders
   */
  List<ReminderTask> unpushed(int max);

  /**
   * Records that the version modified at {@code version} reached the CRM as {@code crmId}. A reminder changed
   * again since stays queued.
   *
   * @param id the reminder's id in Actions
   * @param crmId the Task's id in Salesforce; {@code null} when the CRM refused to create it (the reminder stays
   *     without a Task until it changes again)
   * @param version the modification time pushed
   */
  void markPushed(String id, @Nullable String crmId, Instant version);

  /**
   * This store with every write fenced by {@code fence}: each write checks, in its own transaction, that the
   * lease has no newer epoch; otherwise nothing of it commits and it throws
   * {@link io.unisync.core.error.LeaseLostException}. Reads are not fenced. The view shares this store's data.
   *
   * @param fence the fence
   * @return the fenced view
   */
  ReminderStore fencedBy(Fence fence);
}
