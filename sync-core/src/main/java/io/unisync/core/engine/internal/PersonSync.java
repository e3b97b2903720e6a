package io.unisync.core.engine.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.engine.SyncKind;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.port.ApplyResult;
import io.unisync.core.port.ChangeBatch;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonChange;
import io.unisync.core.port.PersonRemoval;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.PersonStore;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.core.rule.EligibilityRule;
import io.unisync.core.rule.FieldMapping;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The person sync: initial snapshot and incremental passes. One instance per engine; calls are
 * serialised by a lock.
 */
public final class PersonSync {

  private static final Logger LOG = LoggerFactory.getLogger(PersonSync.class);

  private final PersonSource source;
  private final PersonStore store;
  private final EligibilityRule rule;
  private final FieldMapping mapping;
  private final RecordRules rules;
  private final Set<String> relevantFields;
  private final Clock clock;
  private final SyncOptions options;
  private final SyncListener listener;
  private final ReentrantLock lock = new ReentrantLock();

  public PersonSync(PersonSource source, PersonStore store, EligibilityRule rule, Clock clock,
      SyncOptions options, SyncListener listener) {
    this.source = source;
    this.store = store;
    this.rule = rule;
    this.mapping = FieldMapping.standard(source.fields());
    this.rules = new RecordRules(rule, mapping);
    Set<String> relevant = new HashSet<>(mapping.sourceFieldsRead());
    relevant.addAll(rule.fieldsRead());
    this.relevantFields = Set.copyOf(relevant);
    this.clock = clock;
    this.options = options;
    this.listener = SafeListener.wrap(listener);
  }

  /** The lock every pass over the store holds: the reconciliation's passes are serialised with these. */
  ReentrantLock lock() {
    return lock;
  }

  public boolean isInitialSyncComplete() {
    return store.checkpoint().map(c -> c.phase() == Checkpoint.Phase.INCREMENTAL).orElse(false);
  }

  public SyncReport initialSync() {
    lock.lock();
    Tally tally = new Tally(SyncKind.INITIAL, clock.instant());
    try {
      Optional<Checkpoint> stored = store.checkpoint();
      if (stored.isPresent() && stored.get().phase() == Checkpoint.Phase.INCREMENTAL) {
        return finish(tally, true);
      }
      Checkpoint checkpoint;
      if (stored.isPresent()) {
        checkpoint = stored.get();
        LOG.info("Resuming initial sync after snapshot position {}", checkpoint.snapshotPosition());
      } else {
        // The change position comes first: whatever changes while the snapshot is read is in the feed after it.
        checkpoint = Checkpoint.snapshotStarting(source.currentPosition());
        store.apply(StoreBatch.checkpointOnly(checkpoint));
        LOG.info("Starting initial sync; changes will be read from the position recorded now");
      }
      OptionalLong estimate = source.estimatedSnapshotSize();
      boolean last = false;
      for (int pages = 0; !last; pages++) {
        if (pages >= options.maxSnapshotPagesPerPass()) {
          LOG.info("Initial sync: {} pages committed in this call (maxSnapshotPagesPerPass); the next call goes on from there", pages);
          return finish(tally, false);
        }
        SnapshotPage page = source.readSnapshot(checkpoint.snapshotResumePoint(), options.snapshotPageSize());
        last = page.last();
        Checkpoint next = last
            ? Checkpoint.incremental(checkpoint.changePosition())
            : Checkpoint.snapshot(checkpoint.changePosition(), page.resumeAfter());
        Staged staged = new Staged();
        stageRecords(page.records(), staged, tally);
        commit(staged, next, tally, estimate);
        checkpoint = next;
      }
      LOG.info("Initial sync complete: {} read, {} written, {} removed, {} rejected",
          tally.read, tally.upserted, tally.removed, tally.rejected);
      return finish(tally, true);
    } catch (RuntimeException e) {
      fail(SyncKind.INITIAL, e);
      throw e;
    } finally {
      lock.unlock();
    }
  }

  public SyncReport syncChanges() {
    lock.lock();
    Tally tally = new Tally(SyncKind.INCREMENTAL, clock.instant());
    try {
      Checkpoint checkpoint = store.checkpoint()
          .filter(c -> c.phase() == Checkpoint.Phase.INCREMENTAL)
          .orElseThrow(() -> new IllegalStateException(
              "the initial sync has not finished; call initialSync() (or syncPersons()) first"));
      SourcePosition position = checkpoint.changePosition();
      boolean more = true;
      int emptyInARow = 0;
      for (int batchNo = 0; batchNo < options.maxChangeBatchesPerPass() && more; batchNo++) {
        if (emptyInARow >= options.maxEmptyBatchesPerPass()) {
          LOG.info("The change feed sent {} batches in a row with nothing but 'more to come'; ending this pass early", emptyInARow);
          break;
        }
        ChangeBatch batch = source.readChanges(position, options.changeBatchSize());
        more = batch.hasMore();
        emptyInARow = batch.changes().isEmpty() && batch.unreadable().isEmpty() ? emptyInARow + 1 : 0;
        tally.changesSeen += batch.changes().size();
        Staged staged = new Staged();
        stageChanges(batch, staged, tally);
        commit(staged, Checkpoint.incremental(batch.next()), tally, OptionalLong.empty());
        position = batch.next();
      }
      return finish(tally, !more);
    } catch (RuntimeException e) {
      fail(SyncKind.INCREMENTAL, e);
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Keeps relevant changes, re-reads the people they touch, and stages what to write. A person is removed
   * only on positive evidence: the feed said deleted or merged away, or a fully readable answer of the
   * re-read lacks the id. An answer holding a record whose id cannot be read is no evidence for the ids it
   * lacks (that record may be any of them): they stay, and the next change to them re-reads them.
   */
  private void stageChanges(ChangeBatch batch, Staged staged, Tally tally) {
    Instant now = clock.instant();
    for (SourceRecord unreadable : batch.unreadable()) {
      tally.read++;
      staged.reject(new QuarantinedRecord(unreadable.sourceId(), "Unreadable change"
          + (unreadable.sourceId().isBlank() ? "" : " about " + unreadable.sourceId()) + ": "
          + unreadable.readProblem().orElse("no reason given"), unreadable.toPayload(), now));
    }
    Map<PersonId, PersonRemoval.Reason> goneReason = new LinkedHashMap<>();
    Set<PersonId> toRead = new LinkedHashSet<>();
    for (PersonChange change : batch.changes()) {
      if (change instanceof PersonChange.Updated updated && !isRelevant(updated)) {
        tally.changesIgnored++;
        continue;
      }
      if (change instanceof PersonChange.Merged merged) {
        merged.losers().forEach(loser -> goneReason.put(loser, PersonRemoval.Reason.MERGED));
      } else if (change instanceof PersonChange.Deleted deleted) {
        goneReason.putIfAbsent(deleted.id(), PersonRemoval.Reason.GONE);
      }
      toRead.addAll(change.affected());
    }
    List<PersonId> ids = new ArrayList<>(toRead);
    int chunk = Math.max(1, source.maxReadBatch());
    for (int from = 0; from < ids.size(); from += chunk) {
      List<PersonId> slice = ids.subList(from, Math.min(ids.size(), from + chunk));
      List<SourceRecord> current = source.readCurrent(slice);
      stageRecords(current, staged, tally);
      RecordRules.Answer answer = RecordRules.Answer.of(current);
      for (PersonId id : slice) {
        if (answer.held().contains(id)) {
          continue;
        }
        PersonRemoval.Reason reason = goneReason.get(id);
        if (reason != null || answer.everyIdReadable()) {
          // Deleted or merged away by the feed's word, or absent from an answer we could read whole.
          staged.remove(new PersonRemoval(id, reason != null ? reason : PersonRemoval.Reason.GONE, null));
        } else {
          tally.removalsWithheld++;
          LOG.warn("Person {} was not in the source's answer, but the answer held a record without a readable id; "
              + "keeping the person until a readable answer says otherwise", id);
        }
      }
    }
  }

  private boolean isRelevant(PersonChange.Updated updated) {
    if (updated.changedFields().isEmpty()) {
      return true;
    }
    for (String field : updated.changedFields()) {
      if (relevantFields.contains(field)) {
        return true;
      }
    }
    return false;
  }

  /** Applies eligibility and mapping to each record and stages an upsert, removal or rejection. */
  private void stageRecords(List<SourceRecord> records, Staged staged, Tally tally) {
    Instant now = clock.instant();
    for (SourceRecord record : records) {
      tally.read++;
      RecordRules.Verdict verdict = rules.judge(record, now);
      if (verdict instanceof RecordRules.Keep keep) {
        staged.upsert(keep.upsert());
      } else if (verdict instanceof RecordRules.Ineligible ineligible) {
        tally.ineligible++;
        // An ineligible record with an unusable id cannot be in the store: nothing to remove, nothing to keep.
        ineligible.id().ifPresent(id -> staged.remove(new PersonRemoval(id, PersonRemoval.Reason.INELIGIBLE, ineligible.version())));
      } else if (verdict instanceof RecordRules.Refuse refuse) {
        // Not read whole: no evidence for anything. Quarantine it; a stored person stays as it was.
        staged.reject(refuse.record());
      }
    }
  }

  private void commit(Staged staged, Checkpoint checkpoint, Tally tally, OptionalLong estimate) {
    StoreBatch batch = new StoreBatch(staged.upserts(), staged.removals(), staged.rejections(), checkpoint);
    ApplyResult result = store.apply(batch);
    tally.add(result);
    if (result.stale() > 0 && tally.kind() == SyncKind.INCREMENTAL) {
      // an older version than the stored one: the source's clock went backwards, or an old copy came back. The newer
      // stored values stay (never moved backwards); SyncReport.stale() counts it, and a reconciliation re-reads them
      LOG.warn("{} changes carried a source version older than the stored one and were not applied", result.stale());
    }
    for (QuarantinedRecord rejected : batch.rejections()) {
      LOG.warn("Quarantined record {}: {}", rejected.sourceId(), rejected.reason());
      listener.onRejected(rejected);
    }
    listener.onProgress(tally.progress(clock.instant(), estimate, tally.kind() == SyncKind.INITIAL ? plan() : java.util.Optional.empty()));
  }

  /** The source's plan; a source that fails to tell only loses its line in the progress. */
  private java.util.Optional<io.unisync.core.port.SnapshotPlan> plan() {
    try {
      return source.snapshotPlan();
    } catch (RuntimeException e) {
      LOG.debug("The source could not give its snapshot plan", e);
      return java.util.Optional.empty();
    }
  }

  private SyncReport finish(Tally tally, boolean complete) {
    SyncReport report = tally.report(clock.instant(), complete);
    listener.onFinished(report);
    return report;
  }

  private void fail(SyncKind kind, RuntimeException failure) {
    listener.onFailed(kind, failure);
  }

  /** The writes staged for one commit; a later record for the same person replaces an earlier one. */
  private static final class Staged {
    private final Map<PersonId, PersonUpsert> upserts = new LinkedHashMap<>();
    private final Map<PersonId, PersonRemoval> removals = new LinkedHashMap<>();
    private final List<QuarantinedRecord> rejections = new ArrayList<>();

    void upsert(PersonUpsert upsert) {
      PersonId id = upsert.person().id();
      PersonUpsert previous = upserts.get(id);
      if (previous != null && previous.sourceUpdatedAt().isAfter(upsert.sourceUpdatedAt())) {
        return;
      }
      removals.remove(id);
      upserts.put(id, upsert);
    }

    void remove(PersonRemoval removal) {
      if (upserts.containsKey(removal.id())) {
        PersonUpsert upsert = upserts.get(removal.id());
        if (removal.sourceUpdatedAt() == null || !removal.sourceUpdatedAt().isAfter(upsert.sourceUpdatedAt())) {
          return;
        }
        upserts.remove(removal.id());
      }
      removals.put(removal.id(), removal);
    }

    void reject(QuarantinedRecord record) {
      rejections.add(record);
    }

    List<PersonUpsert> upserts() {
      return List.copyOf(upserts.values());
    }

    List<PersonRemoval> removals() {
      return List.copyOf(removals.values());
    }

    List<QuarantinedRecord> rejections() {
      return rejections;
    }
  }
}
