package io.unisync.core.engine.internal;

import io.unisync.core.engine.Reminders;
import io.unisync.core.engine.SyncListener;
import java.time.Clock;

import io.unisync.core.domain.ReminderTask;
import io.unisync.core.engine.ReminderReport;
import io.unisync.core.port.CrmTasks;
import io.unisync.core.port.PersonReader;
import io.unisync.core.port.ReminderStore;
import io.unisync.core.port.StoredPerson;
import io.unisync.core.port.WatermarkStore;
import java.util.List;
import java.util.Optional;

/**
 * The two-way reminder sync. Each pass pulls first, then pushes: a CRM change newer than the Actions
 * version overwrites it (and so is not pushed back), an older one is ignored and the Actions version is
 * pushed. The CRM leaves out our own writes, so nothing echoes.
 */
public final class ReminderSync implements Reminders {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReminderSync.class);

  private final Clock clock;
  private final java.util.function.Consumer<List<io.unisync.core.port.QuarantinedRecord>> quarantine;
  private final SyncListener listener;

  static final String STREAM = "crm.tasks";
  static final int PUSH_BATCH = 200;

  private final int maxPushBatches;

  private final CrmTasks crm;
  private final ReminderStore reminders;
  private final WatermarkStore watermarks;
  private final PersonReader people;

  /**
   * @param quarantine where CRM Tasks that cannot be read are kept with their reason (the person store's quarantine)
   * @param maxPushBatches push batches (of {@value #PUSH_BATCH}) one pass sends at most; the rest waits for the next pass
   * @param listener told of every pass (a safe listener: it never throws)
   */
  public ReminderSync(CrmTasks crm, ReminderStore reminders, WatermarkStore watermarks, PersonReader people,
      java.util.function.Consumer<List<io.unisync.core.port.QuarantinedRecord>> quarantine, int maxPushBatches, Clock clock,
      SyncListener listener) {
    this.quarantine = quarantine;
    this.clock = clock;
    this.listener = listener;
    this.maxPushBatches = maxPushBatches;
    this.crm = crm;
    this.reminders = reminders;
    this.watermarks = watermarks;
    this.people = people;
  }

  @Override
  public void save(ReminderTask reminder) {
    reminders.save(reminder, false);
  }

  @Override
  public ReminderReport sync() {
    return TimedPass.run("reminders", clock, listener, this::pass, listener::onRemindersSynced);
  }

  private synchronized ReminderReport pass() {
    int created = 0;
    int updated = 0;
    int kept = 0;
    int deleted = 0;
    CrmTasks.Changes changes = crm.changesSince(watermarks.get(STREAM));
    for (CrmTasks.Task task : changes.tasks()) {
      Optional<ReminderTask> local = task.reminderId() != null ? reminders.find(task.reminderId()) : Optional.empty();
      if (local.isEmpty()) {
        local = reminders.findByCrmId(task.crmId());
      }
      if (task.deleted()) {
        if (local.isPresent() && reminders.delete(local.get().id())) {
          deleted++;
        }
      } else if (local.isPresent()) {
        ReminderTask mine = local.get();
        if (task.modifiedAt().isAfter(mine.modifiedAt())) {
          reminders.save(new ReminderTask(mine.id(), mine.person(), task.subject(), task.dueDate(), task.completed(),
              task.modifiedAt(), task.crmId()), true);
          updated++;
        } else {
          kept++;
        }
      } else if (task.reminderId() == null && task.whoId() != null) {
        List<StoredPerson> who = people.findBySalesforceId(task.whoId());
        if (!who.isEmpty()) {
          reminders.save(new ReminderTask("sf-" + task.crmId(), who.get(0).person().id(), task.subject(), task.dueDate(),
              task.completed(), task.modifiedAt(), task.crmId()), true);
          created++;
        }
      }
    }
    if (!changes.unreadable().isEmpty()) {
      quarantine.accept(changes.unreadable()); // before the watermark moves past them
      LOG.warn("{} CRM reminder Tasks could not be read and were quarantined (first: {})", changes.unreadable().size(),
          changes.unreadable().get(0).reason());
    }
    watermarks.put(STREAM, changes.watermark());
    int pushed = 0;
    List<io.unisync.core.port.QuarantinedRecord> refused = new java.util.ArrayList<>();
    List<ReminderTask> batch;
    for (int n = 0; n < maxPushBatches && !(batch = reminders.unpushed(PUSH_BATCH)).isEmpty(); n++) {
      List<CrmTasks.Pushed> outcomes = crm.push(batch);
      if (outcomes.size() != batch.size()) {
        throw new io.unisync.core.error.AdapterException("the CRM answered " + outcomes.size() + " outcomes for " + batch.size()
            + " reminders pushed; nothing of the batch is marked pushed");
      }
      for (int i = 0; i < batch.size(); i++) {
        ReminderTask reminder = batch.get(i);
        CrmTasks.Pushed outcome = outcomes.get(i);
        if (outcome instanceof CrmTasks.Pushed.Written written) {
          reminders.markPushed(reminder.id(), written.crmId(), reminder.modifiedAt());
          pushed++;
        } else if (outcome instanceof CrmTasks.Pushed.Gone gone) { // deleted in the CRM: the deletion wins, as when the pull finds it
          if (reminders.delete(reminder.id())) {
            deleted++;
          }
          LOG.info("reminder {}: its CRM Task {} was deleted there, so the reminder is deleted here too", reminder.id(), gone.crmId());
        } else {
          io.unisync.core.port.QuarantinedRecord record = new io.unisync.core.port.QuarantinedRecord("reminder:" + reminder.id(),
              "reminder " + reminder.id() + ": the CRM refused its Task: " + ((CrmTasks.Pushed.Refused) outcome).reason(),
              payload(reminder), clock.instant());
          quarantine.accept(List.of(record)); // kept first, then not pushed again until it changes
          reminders.markPushed(reminder.id(), reminder.crmId(), reminder.modifiedAt());
          refused.add(record);
        }
      }
    }
    if (!refused.isEmpty()) {
      LOG.warn("{} reminders were refused by the CRM and quarantined (first: {})", refused.size(), refused.get(0).reason());
    }
    return new ReminderReport(created, updated, kept, pushed, deleted, changes.unreadable().size() + refused.size());
  }

  /** The reminder as quarantine keeps it: ids and dates, no subject (it may name a person). */
  private static String payload(ReminderTask reminder) {
    return "{\"reminder\":\"" + reminder.id() + "\",\"person\":" + reminder.person().value() + ",\"crmId\":"
        + (reminder.crmId() == null ? "null" : "\"" + reminder.crmId() + "\"") + ",\"due\":\"" + reminder.dueDate()
        + "\",\"completed\":" + reminder.completed() + "}";
  }
}
