package io.unisync.core.engine;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.ReminderTask;
import io.unisync.core.engine.internal.ActivityDelivery;
import io.unisync.core.engine.internal.OptOutSync;
import io.unisync.core.engine.internal.ReminderSync;
import io.unisync.core.engine.internal.PersonSync;
import io.unisync.core.engine.internal.SafeListener;
import io.unisync.core.engine.internal.SendGate;
import io.unisync.core.engine.internal.StorePeople;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.ActivityHistory;
import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.CrmOptOuts;
import io.unisync.core.port.CrmTasks;
import io.unisync.core.port.ReminderStore;
import io.unisync.core.port.Destination;
import io.unisync.core.port.MarketingActivity;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.PersonStore;
import io.unisync.core.port.SuppressionStore;
import io.unisync.core.port.UnsubscribeStatus;
import io.unisync.core.port.WatermarkStore;
import io.unisync.core.rule.EligibilityRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The embeddable sync engine. Build one with {@link #builder()}, then drive it with bounded, synchronous
 * calls: {@link #initialSync()} once (it resumes after a crash), then {@link #syncChanges()} on a schedule.
 * {@link #syncPersons()} does whichever is due.
 *
 * <h2>Threading</h2>
 * Thread-safe. Sync calls on one engine are serialised (a second caller waits); {@link #people()} reads
 * run concurrently with them. Run at most one engine per store and tenant: the store's checkpoint assumes
 * one writer.
 *
 * <h2>Failure handling</h2>
 * A failing adapter call ends the sync call with the adapter's exception
 * ({@link io.unisync.core.error.RetryableAdapterException} when trying again may help). Nothing is lost:
 * every page is committed together with its checkpoint, so the next call resumes after the last commit
 * and redoes at most one page, which is idempotent. Invalid records never fail a call; they are
 * quarantined with their reason and reported.
 */
public final class SyncEngine {

  private final PersonSync personSync;
  private final People people;
  private final PersonStore store;
  private final @Nullable ActivityDelivery activities;
  private final @Nullable SendGate gate;
  private final @Nullable ActivityHistory history;
  private final @Nullable OptOutSync optOuts;
  private final @Nullable ReminderSync reminderSync;
  private final @Nullable ReminderStore reminderStore;
  private final SyncListener listener;
  private final Clock clock;

  private SyncEngine(Builder builder, PersonSource source, PersonStore store, Clock clock) {
    EligibilityRule rule = builder.eligibilityRule != null
        ? builder.eligibilityRule
        : EligibilityRule.hasSalesOwner(source.fields().ownerField());
    // build() has checked every one of these: what is required is there, and what goes together came together
    SyncOptions options = Objects.requireNonNull(builder.options);
    ActivityOptions activityOptions = Objects.requireNonNull(builder.activityOptions);
    this.store = store;
    this.clock = clock;
    this.listener = SafeListener.wrap(Objects.requireNonNull(builder.listener));
    this.personSync = new PersonSync(source, store, rule, clock, options, listener);
    this.people = new StorePeople(store);
    Set<Destination> destinations = EnumSet.noneOf(Destination.class);
    destinations.addAll(builder.sinks.keySet());
    destinations.addAll(builder.recordOnlyDestinations);
    this.activities = builder.outbox == null ? null
        : new ActivityDelivery(builder.outbox, builder.sinks, destinations, activityOptions, clock, listener);
    this.gate = builder.unsubscribeStatus == null ? null
        : new SendGate(builder.unsubscribeStatus, builder.suppressionStore, activityOptions.blockWhenStatusUnknown(), clock,
            listener);
    this.history = builder.activityHistory;
    this.optOuts = builder.crmOptOuts == null ? null
        : new OptOutSync(builder.crmOptOuts, Objects.requireNonNull(builder.suppressionStore), Objects.requireNonNull(builder.watermarkStore),
            store, clock, activityOptions.maxBatchesPerPass());
    this.reminderStore = builder.reminderStore;
    this.reminderSync = builder.crmTasks == null ? null
        : new ReminderSync(builder.crmTasks, Objects.requireNonNull(builder.reminderStore), Objects.requireNonNull(builder.watermarkStore), store,
            activityOptions.maxBatchesPerPass());
  }

  /** A builder; {@link Builder#personSource} and {@link Builder#personStore} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the initial sync to its end: records the change position first (so nothing changed meanwhile is
   * missed), then reads the snapshot page by page, committing each page with its position. After a crash
   * it resumes from the last committed page. When the snapshot ends the checkpoint switches to
   * incremental at the position recorded before the snapshot. Returns at once, with an empty report, if
   * the initial sync already finished.
   */
  public SyncReport initialSync() {
    return personSync.initialSync();
  }

  /**
   * One bounded incremental pass: reads at most {@link SyncOptions#maxChangeBatchesPerPass()} change
   * batches, keeps changes that touch a synced field, the owner field, a delete or a merge, re-reads the
   * current state of those people and commits upserts and removals with the new position.
   *
   * @throws IllegalStateException if the initial sync has not finished
   */
  public SyncReport syncChanges() {
    return personSync.syncChanges();
  }

  /** The initial sync while it is unfinished, one incremental pass afterwards. */
  public SyncReport syncPersons() {
    return personSync.isInitialSyncComplete() ? personSync.syncChanges() : personSync.initialSync();
  }

  /** Read-only access to the synced people. */
  public People people() {
    return people;
  }

  /**
   * Recording sales activities and looking after their backlog.
   *
   * @throws IllegalStateException when no {@link Builder#activityOutbox} was configured
   */
  public Activities activities() {
    if (activities == null) {
      throw new IllegalStateException("no activity outbox configured: call activityOutbox(..) on the builder");
    }
    return activities;
  }

  /**
   * One bounded delivery pass: for each destination with a sink, claims due activities in batches (up to
   * the sink's batch size), delivers them, and completes, reschedules with exponential backoff and jitter,
   * or dead-letters them with the reason. A crash between delivery and acknowledgement redelivers the
   * batch after the lease runs out; sinks make that harmless (idempotent writes, read-back).
   */
  public DeliveryReport deliverActivities() {
    return ((ActivityDelivery) activities()).deliver();
  }

  /**
   * The e-mail send gate.
   *
   * @throws IllegalStateException when no {@link Builder#unsubscribeStatus} was configured
   */
  public EmailGate emailGate() {
    if (gate == null) {
      throw new IllegalStateException("no unsubscribe status configured: call unsubscribeStatus(..) on the builder");
    }
    return gate;
  }

  /**
   * A person's recent marketing activity for the Smart Grid, read live from the source on every call
   * (Marketo serves such interactive reads ahead of background sync).
   *
   * @throws IllegalStateException when no {@link Builder#activityHistory} was configured
   */
  public List<MarketingActivity> smartGrid(PersonId person, Instant since, int limit) {
    if (history == null) {
      throw new IllegalStateException("no activity history configured: call activityHistory(..) on the builder");
    }
    if (limit < 1 || limit > 1_000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000 (was " + limit + ")");
    }
    return history.recent(person, since, limit);
  }

  /**
   * A person unsubscribed in Actions: they join the suppression list at once (the send gate blocks them)
   * and the next {@link #syncOptOuts()} sets the CRM's opt-out flag. Marketo is never told.
   *
   * @throws IllegalStateException when no {@link Builder#crmOptOuts} was configured
   */
  public void unsubscribe(PersonId person, String reason) {
    optOutSync().unsubscribe(person, reason);
  }

  /**
   * One two-way unsubscribe pass with the CRM: pushes Actions unsubscribes, then pulls opt-out changes made
   * in the CRM (ours excluded) into the suppression list.
   */
  public OptOutReport syncOptOuts() {
    OptOutSync sync = optOutSync();
    Instant start = clock.instant();
    OptOutReport report;
    try {
      report = sync.sync();
    } catch (RuntimeException e) {
      listener.onTwoWayFailed("opt-outs", e);
      throw e;
    }
    listener.onOptOutsSynced(report, Duration.between(start, clock.instant()));
    return report;
  }

  /**
   * Creates, edits, completes, reschedules or reopens a reminder in Actions; the next
   * {@link #syncReminders()} takes it to the CRM.
   *
   * @throws IllegalStateException when no {@link Builder#reminderStore} was configured
   */
  public void saveReminder(ReminderTask reminder) {
    if (reminderStore == null) {
      throw new IllegalStateException("no reminder store configured: call reminderStore(..) on the builder");
    }
    reminderStore.save(reminder, false);
  }

  /** One two-way reminder pass with the CRM: pull changed Tasks (later change wins), then push Actions changes. */
  public ReminderReport syncReminders() {
    if (reminderSync == null) {
      throw new IllegalStateException("no CRM tasks configured: call crmTasks(..) on the builder");
    }
    Instant start = clock.instant();
    ReminderReport report;
    try {
      report = reminderSync.sync();
    } catch (RuntimeException e) {
      listener.onTwoWayFailed("reminders", e);
      throw e;
    }
    listener.onRemindersSynced(report, Duration.between(start, clock.instant()));
    return report;
  }

  private OptOutSync optOutSync() {
    if (optOuts == null) {
      throw new IllegalStateException("no CRM opt-outs configured: call crmOptOuts(..) on the builder");
    }
    return optOuts;
  }

  /** What an engine can do beyond the person sync, by what it was built with. */
  public enum Capability {
    /** {@link #activities()} and {@link #deliverActivities()}: an activity outbox. */
    ACTIVITIES,
    /** {@link #emailGate()}: an unsubscribe status. */
    SEND_GATE,
    /** {@link #smartGrid}: an activity history. */
    SMART_GRID,
    /** {@link #unsubscribe} and {@link #syncOptOuts()}: CRM opt-outs. */
    OPT_OUT_SYNC,
    /** {@link #saveReminder} and {@link #syncReminders()}: a reminder store and CRM tasks. */
    REMINDER_SYNC
  }

  /** The capabilities this engine was built with; calling a method of one it lacks throws {@link IllegalStateException}. */
  public Set<Capability> capabilities() {
    Set<Capability> has = EnumSet.noneOf(Capability.class);
    if (activities != null) {
      has.add(Capability.ACTIVITIES);
    }
    if (gate != null) {
      has.add(Capability.SEND_GATE);
    }
    if (history != null) {
      has.add(Capability.SMART_GRID);
    }
    if (optOuts != null) {
      has.add(Capability.OPT_OUT_SYNC);
    }
    if (reminderSync != null && reminderStore != null) {
      has.add(Capability.REMINDER_SYNC);
    }
    return Set.copyOf(has);
  }

  /** The listener the engine tells (made safe: it never throws), for the runners of this package. */
  SyncListener listener() {
    return listener;
  }

  /** The last committed checkpoint, empty before the first sync. */
  public Optional<Checkpoint> checkpoint() {
    return store.checkpoint();
  }

  /**
   * Collects collaborators and knobs; {@link #build()} checks them all at once. Not thread-safe; build
   * once at start-up.
   */
  public static final class Builder {

    private @Nullable PersonSource source;
    private @Nullable PersonStore store;
    private @Nullable Clock clock = Clock.systemUTC();
    private @Nullable SyncOptions options = SyncOptions.defaults();
    private @Nullable SyncListener listener = SyncListener.NO_OP;
    private @Nullable EligibilityRule eligibilityRule;
    private @Nullable ActivityOutbox outbox;
    private final Map<Destination, ActivitySink> sinks = new EnumMap<>(Destination.class);
    private final Set<Destination> recordOnlyDestinations = EnumSet.noneOf(Destination.class);
    private final List<String> wiringProblems = new ArrayList<>();
    private @Nullable ActivityOptions activityOptions = ActivityOptions.defaults();
    private @Nullable UnsubscribeStatus unsubscribeStatus;
    private @Nullable SuppressionStore suppressionStore;
    private @Nullable ActivityHistory activityHistory;
    private @Nullable CrmOptOuts crmOptOuts;
    private @Nullable WatermarkStore watermarkStore;
    private @Nullable ReminderStore reminderStore;
    private @Nullable CrmTasks crmTasks;

    private Builder() {}

    /** The Actions side of the reminder sync. */
    public Builder reminderStore(ReminderStore store) {
      this.reminderStore = store;
      return this;
    }

    /** The CRM's reminder Tasks, for the two-way reminder sync; needs a reminder and a watermark store. */
    public Builder crmTasks(CrmTasks tasks) {
      this.crmTasks = tasks;
      return this;
    }

    /** The CRM's opt-out flags, for the two-way unsubscribe sync; needs a suppression and a watermark store. */
    public Builder crmOptOuts(CrmOptOuts optOuts) {
      this.crmOptOuts = optOuts;
      return this;
    }

    /** Where two-way syncs keep their watermarks. */
    public Builder watermarkStore(WatermarkStore store) {
      this.watermarkStore = store;
      return this;
    }

    /** Where recorded activities wait for delivery. Required for {@link SyncEngine#activities()}. */
    public Builder activityOutbox(ActivityOutbox outbox) {
      this.outbox = outbox;
      return this;
    }

    /**
     * Delivers activities to the sink's destination; the destination is enabled for recording. At most one
     * sink per destination.
     */
    public Builder activitySink(ActivitySink sink) {
      if (sinks.put(sink.destination(), sink) != null) {
        wiringProblems.add("two activity sinks for " + sink.destination() + "; configure one per destination");
      }
      return this;
    }

    /**
     * Records activities for a destination whose sink runs elsewhere (another process delivers them).
     */
    public Builder recordFor(Destination destination) {
      recordOnlyDestinations.add(destination);
      return this;
    }

    /** Delivery knobs and the Salesforce admin setting. Default: {@link ActivityOptions#defaults()}. */
    public Builder activityOptions(ActivityOptions options) {
      this.activityOptions = options;
      return this;
    }

    /** Marketo's unsubscribe status, for the e-mail gate. */
    public Builder unsubscribeStatus(UnsubscribeStatus status) {
      this.unsubscribeStatus = status;
      return this;
    }

    /** The local suppression list (Actions and CRM opt-outs), for the e-mail gate. Optional. */
    public Builder suppressionStore(SuppressionStore store) {
      this.suppressionStore = store;
      return this;
    }

    /** Marketing history for the Smart Grid. */
    public Builder activityHistory(ActivityHistory history) {
      this.activityHistory = history;
      return this;
    }

    /** Where people come from. Required. */
    public Builder personSource(PersonSource source) {
      this.source = source;
      return this;
    }

    /** Where people are stored, with the checkpoint. Required. */
    public Builder personStore(PersonStore store) {
      this.store = store;
      return this;
    }

    /** The time source for versions, timestamps and durations. Default: the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Sync knobs. Default: {@link SyncOptions#defaults()}. */
    public Builder options(SyncOptions options) {
      this.options = options;
      return this;
    }

    /** Progress and failure callbacks. Default: none. */
    public Builder listener(SyncListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Who is eligible. Default: the standard rule, {@link EligibilityRule#hasSalesOwner} on the source's
     * owner field. Replace it only when your organisation's definition of "has a sales owner" differs.
     */
    public Builder eligibilityRule(EligibilityRule rule) {
      this.eligibilityRule = rule;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws ConfigurationException listing every problem found
     */
    public SyncEngine build() {
      List<String> problems = new ArrayList<>();
      if (source == null) {
        problems.add("personSource is required (for example MarketoPersonSource, or InMemoryPersonSource in tests)");
      }
      if (store == null) {
        problems.add("personStore is required (for example JdbcPersonStore, or InMemoryPersonStore in tests)");
      }
      if (clock == null) {
        problems.add("clock must not be null");
      }
      if (listener == null) {
        problems.add("listener must not be null (use SyncListener.NO_OP)");
      }
      if (options == null) {
        problems.add("options must not be null (use SyncOptions.defaults())");
      } else {
        problems.addAll(options.problems());
      }
      if (activityOptions == null) {
        problems.add("activityOptions must not be null (use ActivityOptions.defaults())");
      } else {
        problems.addAll(activityOptions.problems());
      }
      problems.addAll(wiringProblems);
      if (outbox == null && (!sinks.isEmpty() || !recordOnlyDestinations.isEmpty())) {
        problems.add("activity sinks or destinations are configured but no activityOutbox: activities need a durable outbox");
      }
      if (crmOptOuts != null && (suppressionStore == null || watermarkStore == null)) {
        problems.add("crmOptOuts needs a suppressionStore and a watermarkStore (the two sides of the two-way sync)");
      }
      if (crmTasks != null && (reminderStore == null || watermarkStore == null)) {
        problems.add("crmTasks needs a reminderStore and a watermarkStore (the two sides of the two-way sync)");
      }
      if (suppressionStore != null && unsubscribeStatus == null) {
        problems.add("suppressionStore is configured but no unsubscribeStatus: the e-mail gate needs Marketo's status");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException("SyncEngine configuration", problems);
      }
      return new SyncEngine(this, Objects.requireNonNull(source), Objects.requireNonNull(store), Objects.requireNonNull(clock));
    }
  }
}
