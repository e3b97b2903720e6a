package io.unisync.core.engine.internal;

import io.unisync.core.engine.OptOuts;
import io.unisync.core.engine.SyncListener;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonId;
import io.unisync.core.engine.OptOutReport;
import io.unisync.core.port.CrmOptOuts;
import io.unisync.core.port.PersonReader;
import io.unisync.core.port.StoredPerson;
import io.unisync.core.port.Suppression;
import io.unisync.core.port.SuppressionStore;
import io.unisync.core.port.WatermarkStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two-way unsubscribe sync between the Actions suppression list and the CRM's opt-out flags. Nothing
 * here ever talks to Marketo.
 */
public final class OptOutSync implements OptOuts {

  private final SyncListener listener;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OptOutSync.class);

  static final String STREAM = "crm.optOuts";
  static final int PUSH_BATCH = 200;

  private final int maxPushBatches;

  private final CrmOptOuts crm;
  private final SuppressionStore suppressions;
  private final WatermarkStore watermarks;
  private final PersonReader people;
  private final Clock clock;
  private final java.util.function.Consumer<List<io.unisync.core.port.QuarantinedRecord>> quarantine;

  /**
   * @param quarantine where CRM rows that cannot be read are kept with their reason (the person store's quarantine)
   * @param maxPushBatches push batches (of {@value #PUSH_BATCH}) one pass sends at most; the rest waits for the next pass
   * @param listener told of every pass (a safe listener: it never throws)
   */
  public OptOutSync(CrmOptOuts crm, SuppressionStore suppressions, WatermarkStore watermarks, PersonReader people,
      java.util.function.Consumer<List<io.unisync.core.port.QuarantinedRecord>> quarantine, Clock clock, int maxPushBatches,
      SyncListener listener) {
    this.quarantine = quarantine;
    this.listener = listener;
    this.maxPushBatches = maxPushBatches;
    this.crm = crm;
    this.suppressions = suppressions;
    this.watermarks = watermarks;
    this.people = people;
    this.clock = clock;
  }

  @Override
  public OptOutReport sync() {
    return TimedPass.run("opt-outs", clock, listener, this::pass, listener::onOptOutsSynced);
  }

  private synchronized OptOutReport pass() {
    List<CrmOptOuts.Refusal> refused = new ArrayList<>();
    int pushed = push(refused);
    int suppressed = 0;
    int lifted = 0;
    CrmOptOuts.Changes changes = crm.changesSince(watermarks.get(STREAM));
    for (CrmOptOuts.Change change : changes.changes()) {
      for (StoredPerson stored : people.findBySalesforceId(change.crmId())) {
        PersonId id = stored.person().id();
        Optional<Suppression> current = suppressions.find(id);
        if (change.optedOut() && current.isEmpty()) {
          suppressions.suppress(new Suppression(id, Suppression.Origin.CRM, "HasOptedOutOfEmail in the CRM", change.modifiedAt()));
          suppressed++;
        } else if (!change.optedOut() && current.isPresent() && current.get().origin() == Suppression.Origin.CRM) {
          suppressions.lift(id);
          lifted++;
        }
      }
    }
    if (!changes.unreadable().isEmpty()) {
      quarantine.accept(changes.unreadable()); // before the watermark moves past them
      LOG.warn("{} CRM opt-out rows could not be read and were quarantined (first: {})", changes.unreadable().size(),
          changes.unreadable().get(0).reason());
    }
    watermarks.put(STREAM, changes.watermark()); // after applying: never ahead of the data
    return new OptOutReport(pushed, suppressed, lifted, refused, changes.unreadable().size());
  }

  private int push(List<CrmOptOuts.Refusal> refused) {
    int pushed = 0;
    List<Suppression> batch;
    for (int n = 0; n < maxPushBatches && !(batch = suppressions.unpushed(PUSH_BATCH)).isEmpty(); n++) {
      List<String> crmIds = new ArrayList<>();
      List<PersonId> done = new ArrayList<>();
      for (Suppression s : batch) {
        Optional<Person> person = people.findById(s.person()).map(StoredPerson::person);
        person.map(Person::salesforceContactId).ifPresent(crmIds::add);
        person.map(Person::salesforceLeadId).ifPresent(crmIds::add);
        done.add(s.person()); // a person with no CRM record has nothing to push
      }
      if (!crmIds.isEmpty()) {
        for (CrmOptOuts.Refusal refusal : crm.optOut(crmIds)) {
          LOG.warn("The CRM refused the opt-out of record {} for good: {}", refusal.crmId(), refusal.reason());
          refused.add(refusal);
        }
      }
      suppressions.markPushed(done);
      pushed += done.size();
    }
    return pushed;
  }

  /** Records an unsubscribe made in Actions; the next sync pushes it to the CRM. */
  @Override
  public void unsubscribe(PersonId person, String reason) {
    suppressions.suppress(new Suppression(person, Suppression.Origin.ACTIONS, reason, clock.instant()));
  }
}
