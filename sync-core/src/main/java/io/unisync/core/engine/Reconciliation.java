package io.unisync.core.engine;

import java.util.Optional;

/**
 * Finds and repairs drift between the store and the source: what a change feed never said (a source that forgot its
 * history during a long pause, a lost update, a restored backup, a manual edit). Two steps, each in bounded,
 * resumable passes beside the incremental sync:
 *
 * <ol>
 *   <li><b>verify</b>: every stored person is read again from the source ({@link io.unisync.core.port.PersonSource#readCurrent},
 *       300 a call for Marketo): stale values are rewritten, and a person is removed only on the same evidence as in
 *       the incremental sync (a readable answer that lacks the id, or a record that is no longer eligible);
 *   <li><b>census</b> (when asked for, or when the feed has forgotten field changes), beside the verify step (its
 *       pages taken between the verify batches when the source has them ready): the source is read again and every
 *       eligible person missing from the store, or older there, is written. A census never removes anyone, so one
 *       that is cut short, truncated or refused removes no one.
 * </ol>
 * Writes carry the source's version, so a row read by the reconciliation never replaces a newer change the incremental
 * sync wrote meanwhile. The engine runs it by itself after a retention breach (the stored position was read through
 * longer ago than the source keeps its feed: {@link io.unisync.core.port.FeedRetention}); hosts run it on a schedule
 * or on demand. Thread-safe; passes are serialised with the person sync.
 */
public interface Reconciliation {

  /** The watermark stream of a tenant that holds the position of the reconciliation under way. */
  String WATERMARK = "person.reconcile";

  /**
   * Why a reconciliation is under way, read from the value stored under {@link #WATERMARK} (empty when none is): for
   * tools that read the database alone, as {@code unisync status} does.
   *
   * @param stored the stored value
   * @return the reason
   */
  static Optional<String> reasonIn(String stored) {
    return io.unisync.core.engine.internal.Reconciler.reasonIn(stored);
  }

  /**
   * How far the reconciliation under way got, read from the value stored under {@link #WATERMARK} (empty when none is),
   * e.g. "verify step, 120,000 stored people checked, a census follows".
   *
   * @param stored the stored value
   * @return the progress line
   */
  static Optional<String> progressIn(String stored) {
    return io.unisync.core.engine.internal.Reconciler.progressIn(stored);
  }

  /** What a pass does with the drift it finds. */
  enum Mode {
    /** Writes the repairs. */
    REPAIR,
    /** Only counts the drift ("how far off are we?"); writes nothing and keeps its own position. */
    DRY_RUN
  }

  /**
   * Starts a reconciliation (a census too when {@code census}); the next {@link #run} passes carry it out. When one is
   * under way, another full one follows it (once, however often asked), since the one under way may have verified
   * people who changed since: what was asked for then covers every change until the call.
   *
   * @param reason why, for the log and {@link #owed()} (for example "on demand" or "weekly")
   * @param census whether to take a census of the source too
   */
  void start(String reason, boolean census);

  /**
   * Starts a full reconciliation (with a census) when the last one finished at least {@code every} ago; the first call
   * on a store that was never reconciled only starts the count. The times are kept with the reconciliation's position,
   * so a schedule survives restarts (a fleet redeployed daily still reconciles weekly). Returns whether one started.
   *
   * @param every how long between reconciliations
   * @return whether one was started
   */
  boolean startIfDue(java.time.Duration every);

  /** {@return why a reconciliation is under way (started or owed after a retention breach), if one is} */
  Optional<String> owed();

  /**
   * One bounded pass of the reconciliation under way; in {@link Mode#DRY_RUN}, of a dry run that starts when none is
   * under way. Returns at once with an empty, complete report when there is nothing to do.
   *
   * @param mode a repair or a dry run
   * @return what the pass found and repaired
   */
  ReconcileReport run(Mode mode);
}
