package io.unisync.core.engine.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.engine.ReconcileReport;
import io.unisync.core.engine.Reconciliation;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.FeedRetention;
import io.unisync.core.port.PersonRemoval;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.PersonStore;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.core.port.StoredPerson;
import io.unisync.core.port.WatermarkStore;
import io.unisync.core.rule.EligibilityRule;
import io.unisync.core.rule.FieldMapping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation ({@link Reconciliation}): a verify step over the store, then, when asked for, a census of the
 * source. Its position is kept in the watermark store (stream {@value #STREAM}) when the engine has one, so a
 * reconciliation survives a restart; without one it lives in memory and a restart begins it again (correct, only
 * slower).
 */
public final class Reconciler implements Reconciliation {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  /** Where the position of the reconciliation under way is kept. */
  static final String STREAM = Reconciliation.WATERMARK;
  /** Why another reconciliation was asked for while one ran: it starts when that one ends. */
  static final String AGAIN = "person.reconcile.again";
  /** When the last reconciliation finished, or when the schedule began counting (ISO instant). */
  static final String LAST = "person.reconcile.last";
  /** The stored position when none is under way (a watermark is never empty). */
  private static final String NONE = "none";

  private final PersonSource source;
  private final PersonStore store;
  private final RecordRules rules;
  private final PersonSync sync;
  private final Clock clock;
  private final SyncOptions options;
  private final SyncListener listener;
  private final @Nullable WatermarkStore marks;
  /** The reconciliation under way when there is no watermark store; the dry run's always (guarded by the sync's lock). */
  private @Nullable State memory;
  private @Nullable State dryRun;
  private @Nullable Instant lastInMemory;
  private @Nullable String againInMemory;

  /** Where a reconciliation is: its step, how far it got (and how many people it verified), and why it runs. */
  private record State(String step, @Nullable PersonId verifiedThrough, @Nullable SnapshotPosition censusAfter, boolean census,
      String reason, long verified, boolean censusDone) {

    static final String VERIFY = "verify";
    static final String CENSUS = "census";

    static State begin(boolean census, String reason) {
      return new State(VERIFY, null, null, census, reason.length() > 300 ? reason.substring(0, 300) : reason, 0, false);
    }

    State withCensus() {
      return new State(step, verifiedThrough, censusAfter, true, reason, verified, censusDone);
    }

    String encode() {
      return String.join("\u001f", "v3", step, verifiedThrough == null ? "" : Long.toString(verifiedThrough.value()),
          censusAfter == null ? "" : censusAfter.value(), census ? "1" : "0", reason, Long.toString(verified), censusDone ? "1" : "0");
    }

    /** v3; v2 (without whether the census ended during the verify step) and v1 (nor the count verified) still read. */
    static Optional<State> decode(String text) {
      String[] parts = text.split("\u001f", -1);
      boolean v1 = parts.length == 6 && parts[0].equals("v1");
      boolean v2 = parts.length == 7 && parts[0].equals("v2");
      if (!v1 && !v2 && !(parts.length == 8 && parts[0].equals("v3"))) {
        return Optional.empty();
      }
      try {
        return Optional.of(new State(parts[1], parts[2].isEmpty() ? null : PersonId.of(Long.parseLong(parts[2])),
            parts[3].isEmpty() ? null : new SnapshotPosition(parts[3]), parts[4].equals("1"), parts[5], v1 ? 0 : Long.parseLong(parts[6]),
            !v1 && !v2 && parts[7].equals("1")));
      } catch (RuntimeException e) {
        return Optional.empty(); // unreadable: treated as none under way, and a breach check starts a new one
      }
    }

    String describe() {
      return step.equals(VERIFY) ? String.format(java.util.Locale.ROOT, "verify step, %,d stored people checked%s", verified,
          !census ? "" : censusDone ? ", the census done" : censusAfter != null ? ", the census under way beside it" : ", a census follows")
          : "census step";
    }
  }

  public Reconciler(PersonSource source, PersonStore store, EligibilityRule rule, PersonSync sync, Clock clock, SyncOptions options,
      SyncListener listener, @Nullable WatermarkStore marks) {
    this.source = source;
    this.store = store;
    this.rules = new RecordRules(rule, FieldMapping.standard(source.fields()));
    this.sync = sync;
    this.clock = clock;
    this.options = options;
    this.listener = SafeListener.wrap(listener);
    this.marks = marks;
  }

  @Override
  public void start(String reason, boolean census) {
    sync.lock().lock();
    try {
      Optional<State> current = load();
      if (current.isPresent()) {
        if (census && !current.get().census()) {
          save(current.get().withCensus());
        }
        // the one under way may have verified people who changed since (a change a feed dropped would then stay):
        // another full one follows it, so what was asked for covers everything until now
        saveAgain(reason.length() > 300 ? reason.substring(0, 300) : reason);
        return;
      }
      LOG.info("Reconciliation starts ({}){}", reason, census ? ", with a census of the source" : "");
      save(State.begin(census, reason));
    } finally {
      sync.lock().unlock();
    }
  }

  @Override
  public boolean startIfDue(Duration every) {
    sync.lock().lock();
    try {
      Instant now = clock.instant();
      Optional<Instant> last = loadLast();
      if (last.isEmpty()) {
        saveLast(now); // a store never reconciled: the schedule counts from now
        return false;
      }
      if (owed().isPresent() || Duration.between(last.get(), now).compareTo(every) < 0) {
        return false;
      }
      start("scheduled every " + every, true);
      return true;
    } finally {
      sync.lock().unlock();
    }
  }

  /** See {@link Reconciliation#reasonIn}. */
  public static Optional<String> reasonIn(String stored) {
    return State.decode(stored).map(State::reason);
  }

  /** See {@link Reconciliation#progressIn}. */
  public static Optional<String> progressIn(String stored) {
    return State.decode(stored).map(State::describe);
  }

  @Override
  public Optional<String> owed() {
    return load().map(State::reason);
  }

  /**
   * Before an incremental pass: starts a reconciliation when the stored change position was read through longer ago
   * than the source keeps its feed (with a census when even field changes may be forgotten), and runs one pass of the
   * reconciliation under way, if any. Reads the stored position once.
   */
  public void beforeIncremental() {
    sync.lock().lock(); // reentrant: run() takes it again
    try {
      Optional<State> current = load();
      if (current.isEmpty() || !current.get().census()) {
        Optional<Breach> breach = breach(current.isPresent());
        if (breach.isPresent()) {
          if (current.isEmpty()) {
            LOG.warn("Retention breach: {}; what the feed forgot is found by a reconciliation, which starts now", breach.get().text());
            save(State.begin(breach.get().census(), "retention breach: " + breach.get().text()));
          } else if (breach.get().census()) {
            save(current.get().withCensus());
          }
          current = load();
        }
      }
      if (current.isPresent()) {
        run(Mode.REPAIR);
      }
    } finally {
      sync.lock().unlock();
    }
  }

  /** A retention breach: what it is, and whether field changes may be forgotten too. */
  private record Breach(String text, boolean census) {}

  private Optional<Breach> breach(boolean underWay) {
    Optional<FeedRetention> retention = source.feedRetention();
    Optional<Checkpoint> checkpoint = store.checkpoint().filter(c -> c.phase() == Checkpoint.Phase.INCREMENTAL);
    if (retention.isEmpty() || checkpoint.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> readThrough = source.readThrough(checkpoint.get().changePosition());
    if (readThrough.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Duration gap = Duration.between(readThrough.get(), now);
    Duration shortest = retention.get().shortest();
    if (gap.compareTo(shortest) <= 0) {
      return Optional.empty();
    }
    if (!underWay && loadLast().filter(last -> last.isAfter(now.minus(shortest))).isPresent()) {
      // a reconciliation finished within the retention: it saw everything the feed has forgotten since; the incremental
      // sync is still catching up on a long backlog, which is no reason to reconcile again
      return Optional.empty();
    }
    boolean census = gap.compareTo(retention.get().changes()) > 0;
    return Optional.of(new Breach("the change feed was last read through " + readThrough.get() + ", " + gap.toDays()
        + " days ago, longer than the source keeps" + (census ? " its field changes (" + retention.get().changes().toDays() + " days)"
        : " its deletions (" + retention.get().removals().toDays() + " days)"), census));
  }

  @Override
  public ReconcileReport run(Mode mode) {
    sync.lock().lock();
    try {
      return pass(mode);
    } finally {
      sync.lock().unlock();
    }
  }

  private ReconcileReport pass(Mode mode) {
    Instant started = clock.instant();
    Counts counts = new Counts();
    boolean dry = mode == Mode.DRY_RUN;
    State state = dry ? (dryRun != null ? dryRun : load().orElse(State.begin(true, "dry run"))) : load().orElse(null);
    if (state == null) {
      return counts.report(mode, true, Duration.between(started, clock.instant()), ReconcileReport.Progress.done(store.count()));
    }
    long verifiedBefore = state.verified();
    int batches = 0;
    boolean askCensus = true;
    while (state != null && batches < options.maxChangeBatchesPerPass()) {
      batches++;
      if (state.step().equals(State.VERIFY) && state.census() && !state.censusDone() && askCensus) {
        // the census beside the verify step: its page when the source has it ready (Marketo prepares its exports
        // meanwhile), else the next verify batch; the two take turns
        Optional<SnapshotPage> ready = source.readCensusIfReady(Optional.ofNullable(state.censusAfter()), options.snapshotPageSize());
        askCensus = false;
        if (ready.isPresent()) {
          state = applyCensus(state, ready.get(), counts, dry);
          keep(state, dry);
          continue;
        }
      }
      askCensus = true;
      state = state.step().equals(State.VERIFY) ? verify(state, counts, dry) : applyCensus(state,
          source.readCensus(Optional.ofNullable(state.censusAfter()), options.snapshotPageSize()), counts, dry);
      keep(state, dry);
    }
    boolean complete = state == null;
    if (complete && !dry) {
      saveLast(clock.instant());
      Optional<String> again = loadAgain();
      if (again.isPresent()) {
        saveAgain(null);
        LOG.info("Reconciliation starts again, as asked while the last one ran ({})", again.get());
        save(State.begin(true, again.get()));
        complete = false;
      }
    }
    Duration took = Duration.between(started, clock.instant());
    ReconcileReport report = counts.report(mode, complete, took, progress(state, verifiedBefore, took));
    if (complete) {
      LOG.info("Reconciliation {}: {} checked, {} missing, {} stale, {} extra, {} repaired, {} removals withheld",
          dry ? "dry run finished" : "finished", report.checked(), report.missing(), report.stale(), report.extra(), report.repaired(),
          report.removalsWithheld());
    }
    listener.onReconciled(report);
    return report;
  }

  /** Keeps where the reconciliation is: the dry run's in memory, a repair's in the watermark store. */
  private void keep(@Nullable State state, boolean dry) {
    if (dry) {
      dryRun = state;
    } else {
      save(state);
    }
  }

  /** Where the reconciliation stands after a pass that verified from {@code verifiedBefore} and took {@code took}. */
  private ReconcileReport.Progress progress(@Nullable State state, long verifiedBefore, Duration took) {
    long stored = store.count();
    if (state == null) {
      return ReconcileReport.Progress.done(stored);
    }
    if (state.step().equals(State.CENSUS)) {
      Optional<io.unisync.core.port.SnapshotPlan> plan = source.censusPlan();
      return new ReconcileReport.Progress(State.CENSUS, state.verified(), stored, true, plan,
          plan.flatMap(io.unisync.core.port.SnapshotPlan::eta));
    }
    long done = state.verified() - verifiedBefore;
    Optional<Duration> eta = state.census() || done <= 0 ? Optional.empty()
        : Optional.of(Duration.ofNanos((long) ((double) took.toNanos() / done * Math.max(0, stored - state.verified()))));
    return new ReconcileReport.Progress(State.VERIFY, state.verified(), stored, state.census(), Optional.empty(), eta);
  }

  /** One batch of the verify step: the next stored people, read again. Returns the next state, null when done. */
  private @Nullable State verify(State state, Counts counts, boolean dry) {
    List<StoredPerson> page = store.page(state.verifiedThrough(), Math.max(1, source.maxReadBatch()));
    if (page.isEmpty()) {
      return state.census() && !state.censusDone()
          ? new State(State.CENSUS, state.verifiedThrough(), state.censusAfter(), true, state.reason(), state.verified(), false) : null;
    }
    Map<PersonId, StoredPerson> stored = new HashMap<>();
    List<PersonId> ids = new ArrayList<>();
    for (StoredPerson person : page) {
      stored.put(person.person().id(), person);
      ids.add(person.person().id());
    }
    List<SourceRecord> current = source.readCurrent(ids);
    counts.calls++;
    Instant now = clock.instant();
    Batch batch = new Batch();
    for (SourceRecord record : current) {
      judge(record, now, RecordRules.parseId(record).map(stored::get).orElse(null), counts, batch, true);
    }
    RecordRules.Answer answer = RecordRules.Answer.of(current);
    for (PersonId id : ids) {
      counts.checked++;
      if (answer.held().contains(id)) {
        continue;
      }
      if (answer.everyIdReadable()) {
        counts.extra++;
        batch.removals.add(new PersonRemoval(id, PersonRemoval.Reason.GONE, null));
      } else {
        counts.withheld++;
      }
    }
    apply(batch, counts, dry);
    return new State(State.VERIFY, ids.get(ids.size() - 1), state.censusAfter(), state.census(), state.reason(),
        state.verified() + ids.size(), state.censusDone());
  }

  /**
   * One page of the census against the store. Eligible people missing from the store, or newer in the source, are read
   * in full and written; a stored person the census shows without a sales owner, at a newer version, is removed. Absence
   * from a census removes no one. Beside the verify step, a census page leaves the step as it is. Returns the next state,
   * null when done.
   */
  private @Nullable State applyCensus(State state, SnapshotPage page, Counts counts, boolean dry) {
    counts.calls++;
    Instant now = clock.instant();
    Batch batch = new Batch();
    List<PersonId> toRead = new ArrayList<>();
    for (SourceRecord record : page.records()) {
      counts.checked++;
      Optional<PersonId> id = RecordRules.parseId(record);
      if (record.readProblem().isPresent() || id.isEmpty()) {
        counts.quarantined++;
        batch.rejections.add(new QuarantinedRecord(record.sourceId(), "Unreadable census record "
            + (record.sourceId().isBlank() ? "(no id)" : record.sourceId()) + ": " + record.readProblem().orElse("its id is not a person id"),
            record.toPayload(), now));
        continue;
      }
      StoredPerson stored = store.findById(id.get()).orElse(null);
      if (dry && stored != null) {
        continue; // a dry run's verify step compared every stored person already: its census counts the missing
      }
      boolean newer = stored != null && record.updatedAt() != null && record.updatedAt().isAfter(stored.sourceUpdatedAt());
      if (rules.eligible(record)) {
        if (stored == null || newer) {
          toRead.add(id.get());
        }
      } else if (stored != null && newer) {
        counts.extra++;
        batch.removals.add(new PersonRemoval(id.get(), PersonRemoval.Reason.INELIGIBLE, record.updatedAt()));
      }
    }
    // read in full (a dry run too, so it counts what a repair would write: a record that would be quarantined is no drift)
    int chunk = Math.max(1, source.maxReadBatch());
    for (int from = 0; from < toRead.size(); from += chunk) {
      List<PersonId> slice = toRead.subList(from, Math.min(toRead.size(), from + chunk));
      counts.calls++;
      for (SourceRecord record : source.readCurrent(slice)) {
        judge(record, now, RecordRules.parseId(record).flatMap(store::findById).orElse(null), counts, batch, false);
      }
    }
    apply(batch, counts, dry);
    if (page.last()) { // beside the verify step, which goes on; or the last step
      return state.step().equals(State.VERIFY)
          ? new State(State.VERIFY, state.verifiedThrough(), page.resumeAfter(), true, state.reason(), state.verified(), true) : null;
    }
    return new State(state.step(), state.verifiedThrough(), page.resumeAfter(), true, state.reason(), state.verified(), false);
  }

  /** Compares one source record with the stored person (null: not stored) and stages the repair. */
  private void judge(SourceRecord record, Instant now, @Nullable StoredPerson stored, Counts counts, Batch batch, boolean verifying) {
    RecordRules.Verdict verdict = rules.judge(record, now);
    if (verdict instanceof RecordRules.Keep keep) {
      PersonUpsert upsert = keep.upsert();
      if (stored == null) {
        if (!verifying) {
          counts.missing++;
          batch.upserts.add(upsert);
        }
      } else if (!stored.fingerprint().equals(upsert.fingerprint())) {
        counts.stale++;
        batch.upserts.add(upsert); // carries its version: never replaces a newer change written meanwhile
      }
    } else if (verdict instanceof RecordRules.Ineligible ineligible) {
      if (stored != null && ineligible.id().isPresent()) {
        counts.extra++;
        batch.removals.add(new PersonRemoval(ineligible.id().get(), PersonRemoval.Reason.INELIGIBLE, ineligible.version()));
      }
    } else if (verdict instanceof RecordRules.Refuse refuse) {
      counts.quarantined++;
      batch.rejections.add(refuse.record());
    }
  }

  private void apply(Batch batch, Counts counts, boolean dry) {
    if (dry || batch.isEmpty()) {
      return;
    }
    Checkpoint checkpoint = store.checkpoint().orElseThrow(() -> new IllegalStateException("reconciling a store that was never synced"));
    store.apply(new StoreBatch(batch.upserts, batch.removals, batch.rejections, checkpoint));
    counts.repaired += batch.upserts.size() + batch.removals.size();
    for (QuarantinedRecord rejected : batch.rejections) {
      listener.onRejected(rejected);
    }
  }

  private Optional<State> load() {
    if (marks == null) {
      return Optional.ofNullable(memory);
    }
    return marks.get(STREAM).filter(text -> !text.equals(NONE)).flatMap(State::decode);
  }

  private void save(@Nullable State state) {
    if (marks == null) {
      memory = state;
    } else {
      marks.put(STREAM, state == null ? NONE : state.encode());
    }
  }

  private Optional<String> loadAgain() {
    if (marks == null) {
      return Optional.ofNullable(againInMemory);
    }
    return marks.get(AGAIN).filter(text -> !text.equals(NONE));
  }

  private void saveAgain(@Nullable String reason) {
    if (marks == null) {
      againInMemory = reason;
    } else {
      marks.put(AGAIN, reason == null ? NONE : reason);
    }
  }

  private Optional<Instant> loadLast() {
    if (marks == null) {
      return Optional.ofNullable(lastInMemory);
    }
    return marks.get(LAST).flatMap(text -> {
      try {
        return Optional.of(Instant.parse(text));
      } catch (java.time.format.DateTimeParseException e) {
        return Optional.empty();
      }
    });
  }

  private void saveLast(Instant at) {
    if (marks == null) {
      lastInMemory = at;
    } else {
      marks.put(LAST, at.toString());
    }
  }

  /** The writes of one batch. */
  private static final class Batch {
    final List<PersonUpsert> upserts = new ArrayList<>();
    final List<PersonRemoval> removals = new ArrayList<>();
    final List<QuarantinedRecord> rejections = new ArrayList<>();

    boolean isEmpty() {
      return upserts.isEmpty() && removals.isEmpty() && rejections.isEmpty();
    }
  }

  /** The pass's counters. */
  private static final class Counts {
    long checked;
    long missing;
    long stale;
    long extra;
    long repaired;
    long withheld;
    long quarantined;
    long calls;

    ReconcileReport report(Mode mode, boolean complete, Duration took, ReconcileReport.Progress progress) {
      return new ReconcileReport(mode, checked, missing, stale, extra, repaired, withheld, quarantined, calls, complete, took, progress);
    }
  }
}
