package io.unisync.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Knobs of the person sync. Immutable; start from {@link #defaults()} and change what you need with the
 * {@code withX} methods. Values are checked by {@link SyncEngine.Builder#build()}, which lists every
 * problem at once.
 */
public final class SyncOptions {
  private final int snapshotPageSize;
  private final int changeBatchSize;
  private final int maxChangeBatchesPerPass;
  private final int maxEmptyBatchesPerPass;

  private SyncOptions(int snapshotPageSize, int changeBatchSize, int maxChangeBatchesPerPass, int maxEmptyBatchesPerPass) {
    this.snapshotPageSize = snapshotPageSize;
    this.changeBatchSize = changeBatchSize;
    this.maxChangeBatchesPerPass = maxChangeBatchesPerPass;
    this.maxEmptyBatchesPerPass = maxEmptyBatchesPerPass;
  }

  /** Records per snapshot page, and so per commit during the initial sync. */
  public int snapshotPageSize() {
    return snapshotPageSize;
  }

  /** Changes read from the feed per commit during the incremental sync. */
  public int changeBatchSize() {
    return changeBatchSize;
  }

  /**
   * How many change batches one {@link SyncEngine#syncChanges()} call processes at most, which bounds the time and
   * memory of one call.
   */
  public int maxChangeBatchesPerPass() {
    return maxChangeBatchesPerPass;
  }

  /**
   * Consecutive change batches that bring nothing but "more is coming" after which a pass ends early (the next pass
   * goes on from there). A feed that keeps promising more and delivers nothing costs at most this many batches' calls
   * per pass, not {@code maxChangeBatchesPerPass}.
   */
  public int maxEmptyBatchesPerPass() {
    return maxEmptyBatchesPerPass;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof SyncOptions that && snapshotPageSize == that.snapshotPageSize
        && changeBatchSize == that.changeBatchSize
        && maxChangeBatchesPerPass == that.maxChangeBatchesPerPass
        && maxEmptyBatchesPerPass == that.maxEmptyBatchesPerPass;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(snapshotPageSize, changeBatchSize, maxChangeBatchesPerPass, maxEmptyBatchesPerPass);
  }

  @Override
  public String toString() {
    return "SyncOptions[snapshotPageSize=" + snapshotPageSize
        + ", changeBatchSize=" + changeBatchSize
        + ", maxChangeBatchesPerPass=" + maxChangeBatchesPerPass
        + ", maxEmptyBatchesPerPass=" + maxEmptyBatchesPerPass + "]";
  }


  /** 300-record pages and batches (Marketo's natural page size), at most 100 batches per pass, 3 empty ones in a row. */
  public static SyncOptions defaults() {
    return new SyncOptions(300, 300, 100, 3);
  }

  public SyncOptions withSnapshotPageSize(int value) {
    return new SyncOptions(value, changeBatchSize, maxChangeBatchesPerPass, maxEmptyBatchesPerPass);
  }

  public SyncOptions withChangeBatchSize(int value) {
    return new SyncOptions(snapshotPageSize, value, maxChangeBatchesPerPass, maxEmptyBatchesPerPass);
  }

  public SyncOptions withMaxChangeBatchesPerPass(int value) {
    return new SyncOptions(snapshotPageSize, changeBatchSize, value, maxEmptyBatchesPerPass);
  }

  public SyncOptions withMaxEmptyBatchesPerPass(int value) {
    return new SyncOptions(snapshotPageSize, changeBatchSize, maxChangeBatchesPerPass, value);
  }

  /** Every problem with these options, empty when they are valid. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (snapshotPageSize < 1 || snapshotPageSize > 10_000) {
      problems.add("options.snapshotPageSize must be between 1 and 10000 (was " + snapshotPageSize + ")");
    }
    if (changeBatchSize < 1 || changeBatchSize > 10_000) {
      problems.add("options.changeBatchSize must be between 1 and 10000 (was " + changeBatchSize + ")");
    }
    if (maxChangeBatchesPerPass < 1) {
      problems.add("options.maxChangeBatchesPerPass must be at least 1 (was " + maxChangeBatchesPerPass + ")");
    }
    if (maxEmptyBatchesPerPass < 1) {
      problems.add("options.maxEmptyBatchesPerPass must be at least 1 (was " + maxEmptyBatchesPerPass + ")");
    }
    return problems;
  }
}
