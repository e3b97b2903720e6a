package io.unisync.core.engine;

import io.unisync.core.engine.internal.ActivityDelivery;
import io.unisync.core.engine.internal.OptOutSync;
import io.unisync.core.engine.internal.ReminderSync;
import io.unisync.core.engine.internal.PersonSync;
import io.unisync.core.engine.internal.Reconciler;
import io.unisync.core.engine.internal.SafeListener;
import io.unisync.core.engine.internal.SendGate;
import io.unisync.core.engine.internal.LiveSmartGrid;
import io.unisync.core.engine.internal.StorePeople;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.ActivityHistory;
import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.CrmActivitySink;
import io.unisync.core.port.CrmDirectory;
import io.unisync.core.port.CrmLinkStore;
import io.unisync.core.port.CrmOptOuts;
import io.unisync.core.assembly.CrmSystem;
import io.unisync.core.assembly.MarketingSystem;
import io.unisync.core.assembly.TenantStores;
import io.unisync.core.port.CrmTasks;
import io.unisync.core.port.ReminderStore;
import io.unisync.core.port.Destination;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.PersonStore;
import io.unisync.core.port.SuppressionStore;
import io.unisync.core.port.UnsubscribeStatus;
import io.unisync.core.port.WatermarkStore;
import io.unisync.core.rule.EligibilityRule;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The embeddable sync engine. Build one with {@link #builder()}, then drive it with bounded, synchronous
 * calls: {@link #initialSync()} once (it resumes after a crash), then {@link #syncChanges()} on a schedule.
 * {@link #syncPersons()} does whichever is due.
 *
 * <h2>Capabilities</h2>
 * What the engine can do beyond the person sync depends on what it was built with, and its API says so: each
 * feature is an {@link Optional} accessor ({@link #activities()}, {@link #emailGate()}, {@link #smartGrid()},
 * {@link #optOuts()}, {@link #reminders()}), present when its collaborators were given. Nothing throws at run time
 * for a feature that was not wired; wiring that cannot work fails at {@link Builder#build()}.
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
public final class SyncEngine implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyncEngine.class);

  private final PersonSync personSync;
  private final Reconciler reconciler;
  private final People people;
  private final PersonStore store;
  private final Optional<Activities> activities;
  private final Optional<EmailGate> gate;
  private final Optional<SmartGrid> smartGrid;
  private final Optional<OptOuts> optOuts;
  private final Optional<Reminders> reminders;
  private final SyncListener listener;
  private final List<AutoCloseable> owned;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SyncEngine(Builder builder, PersonSource source, PersonStore store, Clock clock) {
    EligibilityRule rule = builder.eligibilityRule != null
        ? builder.eligibilityRule
        : EligibilityRule.hasSalesOwner(source.fields().ownerField());
    // build() has checked every one of these: what is required is there, and what goes together came together
    SyncOptions options = Objects.requireNonNull(builder.options);
    ActivityOptions activityOptions = Objects.requireNonNull(builder.activityOptions);
    this.store = store;
    this.listener = SafeListener.wrap(Objects.requireNonNull(builder.listener));
    this.personSync = new PersonSync(source, store, rule, clock, options, listener);
    this.reconciler = new Reconciler(source, store, rule, personSync, clock, options, listener, builder.watermarkStore);
    this.people = new StorePeople(store);
    Map<Destination, ActivitySink> sinks = new EnumMap<>(builder.sinks);
    for (CrmSinkWiring crm : builder.crmSinks) {
      sinks.put(crm.sink().destination(),
          LinkedActivitySink.of(crm.sink(), store, crm.links(), crm.directory(), activityOptions.crmLinkRefresh(), clock));
    }
    Set<Destination> destinations = EnumSet.noneOf(Destination.class);
    destinations.addAll(sinks.keySet());
    destinations.addAll(builder.recordOnlyDestinations);
    this.activities = Optional.ofNullable(builder.outbox)
        .map(outbox -> new ActivityDelivery(outbox, sinks, destinations, activityOptions, clock, listener));
    this.gate = Optional.ofNullable(builder.unsubscribeStatus)
        .map(status -> new SendGate(status, builder.suppressionStore, activityOptions.blockWhenStatusUnknown(), clock, listener));
    this.smartGrid = Optional.ofNullable(builder.activityHistory).map(LiveSmartGrid::new);
    this.optOuts = Optional.ofNullable(builder.crmOptOuts)
        .map(crm -> new OptOutSync(crm, Objects.requireNonNull(builder.suppressionStore), Objects.requireNonNull(builder.watermarkStore),
            store, store::quarantine, clock, activityOptions.maxBatchesPerPass(), listener));
    this.reminders = Optional.ofNullable(builder.crmTasks)
        .map(crm -> new ReminderSync(crm, Objects.requireNonNull(builder.reminderStore), Objects.requireNonNull(builder.watermarkStore),
            store, store::quarantine, activityOptions.maxBatchesPerPass(), clock, listener));
    this.owned = List.copyOf(builder.owned);
  }

  /** {@return a builder; {@link Builder#personSource} and {@link Builder#personStore} are required} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the initial sync to its end: records the change position first (so nothing changed meanwhile is
   * missed), then reads the snapshot page by page, committing each page with its position. After a crash
   * it resumes from the last committed page. When the snapshot ends the checkpoint switches to
   * incremental at the position recorded before the snapshot. Returns at once, with an empty report, if
   * the initial sync already finished. One call commits at most {@link SyncOptions#maxSnapshotPagesPerPass()} pages
   * (3,000,000 people at the defaults): {@link SyncReport#complete()} says whether the snapshot is finished, and the
   * next call (or {@link #syncPersons()}) goes on from the last committed page.
   *
   * @return what the sync read, stored and quarantined
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
   * @return what the pass read, stored and quarantined
   */
  public SyncReport syncChanges() {
    return personSync.syncChanges();
  }

  /**
   * The initial sync while it is unfinished; afterwards one incremental pass, preceded by one pass of the
   * {@linkplain #reconciliation() reconciliation} when one is under way. A stored change position read through longer
   * ago than the source keeps its feed (a retention breach, {@link io.unisync.core.port.FeedRetention}) starts one: the
   * feed no longer holds all that happened in the gap.
   *
   * @return what the pass read, stored and quarantined
   */
  public SyncReport syncPersons() {
    if (!personSync.isInitialSyncComplete()) {
      return personSync.initialSync();
    }
    reconciler.beforeIncremental();
    return personSync.syncChanges();
  }

  /**
   * Finds and repairs drift between the store and the source (every engine has it: it needs only the person source and
   * store). Runs by itself after a retention breach; start it on a schedule or on demand with {@link
   * Reconciliation#start}, then call {@link Reconciliation#run} (or {@link #syncPersons()}) until its report is complete.
   *
   * @return the reconciliation
   */
  public Reconciliation reconciliation() {
    return reconciler;
  }

  /** {@return read-only access to the synced people} */
  public People people() {
    return people;
  }

  /**
   * Recording sales activities, delivering them ({@link Activities#deliver()}) and looking after their backlog;
   * present when the engine was built with an {@link Builder#activityOutbox activity outbox}.
   *
   * @return the activities, when configured
   */
  public Optional<Activities> activities() {
    return activities;
  }

  /** {@return the e-mail send gate; present when the engine was built with an {@link Builder#unsubscribeStatus unsubscribe status}} */
  public Optional<EmailGate> emailGate() {
    return gate;
  }

  /**
   * A person's recent marketing activity, read live on every call; present when the engine was built with an
   * {@link Builder#activityHistory activity history}.
   *
   * @return the Smart Grid, when configured
   */
  public Optional<SmartGrid> smartGrid() {
    return smartGrid;
  }

  /**
   * The two-way unsubscribe sync with the CRM (Marketo is never told); present when the engine was built with
   * {@link Builder#crmOptOuts CRM opt-outs}.
   *
   * @return the opt-out sync, when configured
   */
  public Optional<OptOuts> optOuts() {
    return optOuts;
  }

  /** {@return the two-way reminder sync with the CRM; present when the engine was built with {@link Builder#crmTasks CRM tasks}} */
  public Optional<Reminders> reminders() {
    return reminders;
  }

  /** What an engine can do beyond the person sync, by what it was built with. */
  public enum Capability {
    /** {@link #activities()}: an activity outbox. */
    ACTIVITIES,
    /** {@link #emailGate()}: an unsubscribe status. */
    SEND_GATE,
    /** {@link #smartGrid()}: an activity history. */
    SMART_GRID,
    /** {@link #optOuts()}: CRM opt-outs. */
    OPT_OUT_SYNC,
    /** {@link #reminders()}: CRM tasks with a reminder store. */
    REMINDER_SYNC
  }

  /** {@return the capabilities this engine was built with: the accessors above that are present} */
  public Set<Capability> capabilities() {
    Set<Capability> has = EnumSet.noneOf(Capability.class);
    activities.ifPresent(a -> has.add(Capability.ACTIVITIES));
    gate.ifPresent(g -> has.add(Capability.SEND_GATE));
    smartGrid.ifPresent(g -> has.add(Capability.SMART_GRID));
    optOuts.ifPresent(o -> has.add(Capability.OPT_OUT_SYNC));
    reminders.ifPresent(r -> has.add(Capability.REMINDER_SYNC));
    return Set.copyOf(has);
  }

  /**
   * Closes what the engine was given to own ({@link Builder#closing}), last given first; a failure to close one does
   * not stop the others: the failures are thrown together, as one {@link AdapterException} whose cause is the first
   * and the rest suppressed. Closing twice does nothing. The engine does not stop calls already running; stop the
   * {@link SyncRunner} that drives it first.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Exception first = null;
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      if (first instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      AdapterException failed = new AdapterException("closing the engine's resources failed: " + first.getClass().getSimpleName(), first);
      for (Throwable more : first.getSuppressed()) {
        failed.addSuppressed(more);
      }
      throw failed;
    }
  }

  /** The listener the engine tells (made safe: it never throws), for the runners of this package. */
  SyncListener listener() {
    return listener;
  }

  /** {@return the last committed checkpoint, empty before the first sync} */
  public Optional<Checkpoint> checkpoint() {
    return store.checkpoint();
  }

  /** A CRM sink with what it needs to resolve links, waiting for the store and options at build time. */
  private record CrmSinkWiring(CrmActivitySink sink, CrmLinkStore links, CrmDirectory directory) {}

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
    private final List<CrmSinkWiring> crmSinks = new ArrayList<>();
    private final List<String> wiringProblems = new ArrayList<>();
    private @Nullable ActivityOptions activityOptions = ActivityOptions.defaults();
    private @Nullable UnsubscribeStatus unsubscribeStatus;
    private @Nullable SuppressionStore suppressionStore;
    private @Nullable ActivityHistory activityHistory;
    private @Nullable CrmOptOuts crmOptOuts;
    private @Nullable WatermarkStore watermarkStore;
    private @Nullable ReminderStore reminderStore;
    private @Nullable CrmTasks crmTasks;

    private final List<AutoCloseable> owned = new ArrayList<>();
    private io.unisync.core.port.@Nullable Fence fence;

    private Builder() {}

    /**
     * Every store this engine writes (people, suppressions, watermarks, reminders, CRM links) written under
     * {@code fence}: a write is refused once the lease behind it has passed to another holder (see
     * {@link TenantRunner}). Applied when {@link #build()} runs, to the stores given before or after this call; the
     * activity outbox is fenced by its own claims. For a host-facing engine that only records and reads, leave it out.
     *
     * @param fence the tenant's fence
     * @return this builder
     */
    public Builder fencedBy(io.unisync.core.port.Fence fence) {
      this.fence = Objects.requireNonNull(fence, "fence");
      return this;
    }

    /**
     * The engine of one tenant, wired to its stores and its marketing system: people from {@code marketing} into
     * {@code stores.people()}, activities through {@code stores.outbox()} to {@code marketing}, the e-mail gate over
     * {@code stores.suppressions()} and the Smart Grid. The one assembly the CLI, the Spring Boot starter and the demo
     * share; add the CRM with {@link #wiredTo(TenantStores, MarketingSystem, CrmSystem, String)}, and the clock,
     * listener, options and fence as usual.
     *
     * @param stores the tenant's stores
     * @param marketing the tenant's marketing system
     * @return this builder
     */
    public Builder wiredTo(TenantStores stores, MarketingSystem marketing) {
      return personSource(marketing.personSource())
          .personStore(stores.people())
          .activityOutbox(stores.outbox())
          .activitySink(marketing.activitySink())
          .unsubscribeStatus(marketing.unsubscribeStatus())
          .activityHistory(marketing.activityHistory())
          .suppressionStore(stores.suppressions())
          .watermarkStore(stores.watermarks());
    }

    /**
     * As {@link #wiredTo(TenantStores, MarketingSystem)}, and the CRM: activities delivered as CRM records named for
     * {@code scope} (the tenant), opt-outs and reminder tasks both ways.
     *
     * @param stores the tenant's stores
     * @param marketing the tenant's marketing system
     * @param crm the tenant's CRM
     * @param scope the tenant's name in the CRM
     * @return this builder
     */
    public Builder wiredTo(TenantStores stores, MarketingSystem marketing, CrmSystem crm, String scope) {
      PersonStore people = stores.people();
      return wiredTo(stores, marketing)
          .crmActivitySink(crm.activitySink(scope), stores.crmLinks(), crm.crmDirectory())
          .crmOptOuts(crm.crmOptOuts())
          .crmTasks(crm.crmTasks(people))
          .reminderStore(stores.reminders());
    }

    /** Puts the fence on every store once; the builder then holds the fenced views. */
    private void applyFence() {
      io.unisync.core.port.Fence f = fence;
      if (f == null) {
        return;
      }
      fence = null;
      store = store == null ? null : store.fencedBy(f);
      suppressionStore = suppressionStore == null ? null : suppressionStore.fencedBy(f);
      watermarkStore = watermarkStore == null ? null : watermarkStore.fencedBy(f);
      reminderStore = reminderStore == null ? null : reminderStore.fencedBy(f);
      crmSinks.replaceAll(c -> new CrmSinkWiring(c.sink(), c.links().fencedBy(f), c.directory()));
    }

    /**
     * Hands the engine a resource to close with it ({@link SyncEngine#close()}): a connection pool, an adapter's
     * client. Resources are closed in the reverse order they were given.
     *
     * @param resource the resource
     * @return this builder
     */
    public Builder closing(AutoCloseable resource) {
      owned.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /**
     * The Actions side of the reminder sync.
     *
     * @param store the reminder store
     * @return this builder
     */
    public Builder reminderStore(ReminderStore store) {
      this.reminderStore = store;
      return this;
    }

    /**
     * The CRM's reminder Tasks, for the two-way reminder sync; needs a reminder and a watermark store.
     *
     * @param tasks the CRM's Tasks
     * @return this builder
     */
    public Builder crmTasks(CrmTasks tasks) {
      this.crmTasks = tasks;
      return this;
    }

    /**
     * The CRM's opt-out flags, for the two-way unsubscribe sync; needs a suppression and a watermark store.
     *
     * @param optOuts the CRM's opt-out flags
     * @return this builder
     */
    public Builder crmOptOuts(CrmOptOuts optOuts) {
      this.crmOptOuts = optOuts;
      return this;
    }

    /**
     * Where two-way syncs keep their watermarks.
     *
     * @param store the watermark store
     * @return this builder
     */
    public Builder watermarkStore(WatermarkStore store) {
      this.watermarkStore = store;
      return this;
    }

    /**
     * Where recorded activities wait for delivery. Required for {@link SyncEngine#activities()}.
     *
     * @param outbox the outbox
     * @return this builder
     */
    public Builder activityOutbox(ActivityOutbox outbox) {
      this.outbox = outbox;
      return this;
    }

    /**
     * Delivers activities to the sink's destination; the destination is enabled for recording. At most one
     * sink per destination.
     *
     * @param sink the sink
     * @return this builder
     */
    public Builder activitySink(ActivitySink sink) {
      if (sinks.put(sink.destination(), sink) != null || crmSinks.stream().anyMatch(c -> c.sink().destination() == sink.destination())) {
        wiringProblems.add("two activity sinks for " + sink.destination() + "; configure one per destination");
      }
      return this;
    }

    /**
     * Delivers activities to a CRM (Salesforce Tasks): before each batch the engine resolves its people's CRM links,
     * from {@code links} while fresh ({@link ActivityOptions#crmLinkRefresh()}), else through {@code directory}, and
     * stores them again. The destination is enabled for recording. At most one sink per destination.
     *
     * @param sink the CRM's sink
     * @param links the stored links
     * @param directory the CRM's directory
     * @return this builder
     */
    public Builder crmActivitySink(CrmActivitySink sink, CrmLinkStore links, CrmDirectory directory) {
      if (sinks.containsKey(sink.destination()) || crmSinks.stream().anyMatch(c -> c.sink().destination() == sink.destination())) {
        wiringProblems.add("two activity sinks for " + sink.destination() + "; configure one per destination");
      }
      crmSinks.add(new CrmSinkWiring(sink, links, directory));
      return this;
    }

    /**
     * Records activities for a destination whose sink runs elsewhere (another process delivers them).
     *
     * @param destination the destination
     * @return this builder
     */
    public Builder recordFor(Destination destination) {
      recordOnlyDestinations.add(destination);
      return this;
    }

    /**
     * Delivery knobs and the Salesforce admin setting. Default: {@link ActivityOptions#defaults()}.
     *
     * @param options the options
     * @return this builder
     */
    public Builder activityOptions(ActivityOptions options) {
      this.activityOptions = options;
      return this;
    }

    /**
     * Marketo's unsubscribe status, for the e-mail gate.
     *
     * @param status the status source
     * @return this builder
     */
    public Builder unsubscribeStatus(UnsubscribeStatus status) {
      this.unsubscribeStatus = status;
      return this;
    }

    /**
     * The local suppression list (Actions and CRM opt-outs), for the e-mail gate. Optional.
     *
     * @param store the suppression store
     * @return this builder
     */
    public Builder suppressionStore(SuppressionStore store) {
      this.suppressionStore = store;
      return this;
    }

    /**
     * Marketing history for the Smart Grid.
     *
     * @param history the history
     * @return this builder
     */
    public Builder activityHistory(ActivityHistory history) {
      this.activityHistory = history;
      return this;
    }

    /**
     * Where people come from. Required.
     *
     * @param source the source
     * @return this builder
     */
    public Builder personSource(PersonSource source) {
      this.source = source;
      return this;
    }

    /**
     * Where people are stored, with the checkpoint. Required.
     *
     * @param store the store
     * @return this builder
     */
    public Builder personStore(PersonStore store) {
      this.store = store;
      return this;
    }

    /**
     * The time source for versions, timestamps and durations. Default: the UTC system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sync knobs. Default: {@link SyncOptions#defaults()}.
     *
     * @param options the options
     * @return this builder
     */
    public Builder options(SyncOptions options) {
      this.options = options;
      return this;
    }

    /**
     * Progress and failure callbacks. Default: none.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SyncListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Who is eligible. Default: the standard rule, {@link EligibilityRule#hasSalesOwner} on the source's
     * owner field. Replace it only when your organisation's definition of "has a sales owner" differs.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder eligibilityRule(EligibilityRule rule) {
      this.eligibilityRule = rule;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws ConfigurationException listing every problem found
     * @return the engine
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
        Duration sendWindow = activityOptions.lease().minus(activityOptions.claimMargin());
        for (ActivitySink sink : sinks.values()) {
          // every call under a claim is cut at the claim's end minus the margin, so none outlives the claim; a window
          // shorter than one request only makes slow calls fail early (and be retried), which an operator should know
          if (sendWindow.compareTo(sink.longestAttempt()) < 0) {
            LOG.warn("Activity delivery to {}: a claim leaves {} to send (lease {} minus claimMargin {}), less than one request"
                + " ({}); slower calls are cut there and retried, never sent after the claim", sink.destination(), sendWindow,
                activityOptions.lease(), activityOptions.claimMargin(), sink.longestAttempt());
          }
        }
      }
      problems.addAll(wiringProblems);
      if (outbox == null && (!sinks.isEmpty() || !crmSinks.isEmpty() || !recordOnlyDestinations.isEmpty())) {
        problems.add("activity sinks or destinations are configured but no activityOutbox: activities need a durable outbox");
      }
      if (crmOptOuts != null && (suppressionStore == null || watermarkStore == null)) {
        problems.add("crmOptOuts needs a suppressionStore and a watermarkStore (the two sides of the two-way sync)");
      }
      if (crmTasks != null && (reminderStore == null || watermarkStore == null)) {
        problems.add("crmTasks needs a reminderStore and a watermarkStore (the two sides of the two-way sync)");
      }
      if (reminderStore != null && crmTasks == null) {
        problems.add("reminderStore is configured but no crmTasks: reminders are saved through the two-way sync with the CRM");
      }
      if (suppressionStore != null && unsubscribeStatus == null) {
        problems.add("suppressionStore is configured but no unsubscribeStatus: the e-mail gate needs Marketo's status");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException("SyncEngine configuration", problems);
      }
      applyFence();
      return new SyncEngine(this, Objects.requireNonNull(source), Objects.requireNonNull(store), Objects.requireNonNull(clock));
    }
  }
}
