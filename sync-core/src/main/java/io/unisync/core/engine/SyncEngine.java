package io.unisync.core.engine;

import io.unisync.core.engine.internal.PersonSync;
import io.unisync.core.engine.internal.StorePeople;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.PersonStore;
import io.unisync.core.rule.EligibilityRule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  private SyncEngine(Builder builder, PersonSource source, PersonStore store, Clock clock) {
    EligibilityRule rule = builder.eligibilityRule != null
        ? builder.eligibilityRule
        : EligibilityRule.hasSalesOwner(source.fields().ownerField());
    this.store = store;
    this.personSync = new PersonSync(source, store, rule, clock, builder.options, builder.listener);
    this.people = new StorePeople(store);
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

    private Builder() {}

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
      if (!problems.isEmpty()) {
        throw new ConfigurationException("SyncEngine configuration", problems);
      }
      return new SyncEngine(this, source, store, clock);
    }
  }
}
