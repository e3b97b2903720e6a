package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where people come from (Marketo in production). The engine drives it; an adapter only reads.
 *
 * <h2>Lifecycle, as the engine uses it</h2>
 * <ol>
 *   <li>{@link #currentPosition()} once, <em>before</em> the snapshot, so that everything that changes
 *       while the snapshot is read is still in the change feed afterwards;
 *   <li>{@link #readSnapshot} page by page, from empty or from a stored {@link SnapshotPosition} after a
 *       restart;
 *   <li>{@link #readChanges} from the position of step 1, then from each batch's {@link ChangeBatch#next()};
 *   <li>{@link #readCurrent} for the people a change batch touched.
 * </ol>
 *
 * <h2>Contract</h2>
 * Implementations are thread-safe. They throw {@link io.unisync.core.error.RetryableAdapterException} for
 * failures that may pass later (timeouts, resets, 5xx, rate limits) and
 * {@link io.unisync.core.error.AdapterException} for the rest; they never throw checked exceptions and
 * never validate records (the engine does, and quarantines bad ones). Reading is side-effect free: any
 * call may be repeated with the same arguments after a crash. Every call is bounded in time and in what it
 * holds in memory, whatever the remote side does. {@code PersonSourceContract} in
 * {@code unisync-testkit} checks all of this.
 */
public interface PersonSource {

  /** {@return the source's names for the 11 standard fields and the sales-owner field} */
  SourceFields fields();

  /** {@return the change-feed position for "now": changes made after this call come after it} */
  SourcePosition currentPosition();

  /**
   * Reads the next snapshot page.
   *
   * @param after where the previous page ended, or empty to start from the beginning
   * @param pageSize the most records to return; a source may return fewer
   * @return the page
   */
  SnapshotPage readSnapshot(Optional<SnapshotPosition> after, int pageSize);

  /**
   * Reads changes after a position, at most {@code maxChanges} of them.
   *
   * <p>Reading the same position twice returns the same changes or a superset (late arrivals); the engine
   * is idempotent, so overlaps are harmless.
   *
   * @param after the position read to
   * @param maxChanges the most changes
   * @return the batch
   */
  ChangeBatch readChanges(SourcePosition after, int maxChanges);

  /**
   * Reads the current state of the given people. People that no longer exist (deleted, merged away) are
   * simply absent from the result; the order is unspecified.
   *
   * <p>The engine removes a person whose id is absent, so absence must be the source's word: an answer the
   * adapter cannot read (no result, the wrong type, truncated) must throw, never come back as an empty or
   * partial list. A record the adapter cannot read whole comes back as {@link SourceRecord#unreadable}; if its
   * id cannot be read either, the engine takes the answer as no evidence for any id it lacks.
   *
   * @param ids at most {@link #maxReadBatch()} ids
   * @return the records of those people that exist
   */
  List<SourceRecord> readCurrent(Collection<PersonId> ids);

  /**
   * The most ids {@link #readCurrent} accepts in one call. Marketo's limit is 300.
   *
   * @return the most ids per read
   */
  default int maxReadBatch() {
    return 300;
  }

  /** {@return how many records the snapshot will return, when the source can tell cheaply (for progress)} */
  default OptionalLong estimatedSnapshotSize() {
    return OptionalLong.empty();
  }

  /**
   * The plan of the snapshot after the page last returned by {@link #readSnapshot} in this process: parts done and
   * left, an ETA, one line to show. From what the source already knows (no call); empty when it cannot tell.
   *
   * @return the plan, when known
   */
  default java.util.Optional<SnapshotPlan> snapshotPlan() {
    return java.util.Optional.empty();
  }

  /**
   * How long this source's change feed keeps what it is read from; empty when it keeps everything. With {@link
   * #readThrough}, the engine tells when a stored position has outlived it and reconciles (see {@link FeedRetention}).
   *
   * @return the retention, when limited
   */
  default java.util.Optional<FeedRetention> feedRetention() {
    return java.util.Optional.empty();
  }

  /**
   * Until when the feed had been read whole at {@code position}: every change before that instant was in the feeds
   * read up to it. Empty when the source cannot tell (an old position, or a source without retention); the engine then
   * cannot detect a breach from the position alone.
   *
   * @param position a position this source returned
   * @return the instant, when known
   */
  default java.util.Optional<java.time.Instant> readThrough(SourcePosition position) {
    return java.util.Optional.empty();
  }

  /**
   * One page of a census: every record of the source, as {@link #readSnapshot} pages them, but holding at least the id
   * and the fields eligibility reads; the mapped fields and the version may be missing. A reconciliation compares it
   * with the store and reads the eligible people the store lacks (and, when the row has a version, those newer in the
   * source) in full through {@link #readCurrent}, so a source that can export a few fields cheaply (Marketo: the id and
   * the owner, about a sixth of the bytes) overrides this. By default, the snapshot itself.
   *
   * @param after where the previous page ended, or empty to start
   * @param pageSize the most records
   * @return the page
   */
  default SnapshotPage readCensus(Optional<SnapshotPosition> after, int pageSize) {
    return readSnapshot(after, pageSize);
  }
  /**
   * As {@link #readCensus}, but without waiting for the source: empty when the next page is not ready yet (Marketo: its
   * export is still queued or processing). A reconciliation asks this between the reads of its verify step, so the
   * census's exports are prepared by the source while the store is verified. By default, the page at once.
   *
   * @param after where the previous page ended, or empty to start
   * @param pageSize the most records
   * @return the page, or empty when not ready
   */
  default Optional<SnapshotPage> readCensusIfReady(Optional<SnapshotPosition> after, int pageSize) {
    return Optional.of(readCensus(after, pageSize));
  }

  /**
   * What the source can tell about the rest of the census under way ({@link #readCensus}), as {@link #snapshotPlan} does
   * for the snapshot. By default the snapshot's plan, since the default census is the snapshot.
   *
   * @return the plan, when known
   */
  default java.util.Optional<SnapshotPlan> censusPlan() {
    return snapshotPlan();
  }

}
