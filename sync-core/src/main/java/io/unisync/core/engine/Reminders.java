package io.unisync.core.engine;

import io.unisync.core.domain.ReminderTask;

/** The two-way reminder sync with the CRM's Tasks. Thread-safe. */
public interface Reminders {

  /**
   * Creates, edits, completes, reschedules or reopens a reminder in Actions; the next {@link #sync()} takes it to the
   * CRM.
   *
   * @param reminder the reminder as it now is
   */
  void save(ReminderTask reminder);

  /**
   * One bounded pass: pulls changed Tasks from the CRM (the later change wins), then pushes Actions changes; at most
   * {@link ActivityOptions#maxBatchesPerPass()} batches each way.
   *
   * @return what the pass pulled and pushed
   */
  ReminderReport sync();
}
