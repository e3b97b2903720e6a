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
  private final int maxSnapshotPagesPerPass;

  private SyncOptions(int snapshotPageSize, int changeBatchSize, int maxChangeBatchesPerPass, int maxEmptyBatchesPerPass,
      int maxSnapshotPagesPerPass) {
    this.maxSnapshotPagesPerPass = maxSnapshotPagesPerPass;
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

  /**
   * How many snapshot pages one {@link SyncEngine#initialSync()} call commits at most (10,000: 3,000,000 people at the
   * default page size); the next call, or {@link SyncEngine#syncPersons()}, goes on from the last committed page.
   */
  public int maxSnapshotPagesPerPass() {
    return maxSnapshotPagesPerPass;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof SyncOptions that && snapshotPageSize == that.snapshotPageSize
        && changeBatchSize == that.changeBatchSize
        && maxChangeBatchesPerPass == that.maxChangeBatchesPerPass
        && maxEmptyBatchesPerPass == that.maxEmptyBatchesPerPass
        && maxSnapshotPagesPerPass == that.maxSnapshotPagesPerPass;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(snapshotPageSize, changeBatchSize, maxChangeBatchesPerPass, maxEmptyBatchesPerPass, maxSnapshotPagesPerPass);
  }

  @Override
  public String toString() {
    return "SyncOptions[snapshotPageSize=" + snapshotPageSize
        + ", changeBatchSize=" + changeBatchSize
        + ", maxChangeBatchesPerPass=" + maxChangeBatchesPerPass
        + ", maxEmptyBatchesPerPass=" + maxEmptyBatchesPerPass
        + ", maxSnapshotPagesPerPass=" + maxSnapshotPagesPerPass + "]";
  }


  /**
   * 300-record pages and batches (Marketo's natural page size), at most 100 change batches per pass, 3 empty ones in a
   * row, and 10,000 snapshot pages per initial-sync call.
   */
  public static SyncOptions defaults() {
    return new SyncOptions(300, 300, 100, 3, 10_000);
  }

  public SyncOptions withSnapshotPageSize(int value) {
    return new SyncOptions(value, changeBatchSize, maxChangeBatchesPerPass, maxEmptyBatchesPerPass, maxSnapshotPagesPerPass);
  }

  public SyncOptions withChangeBatchSize(int value) {
    return new SyncOptions(snapshotPageSize, value, maxChangeBatchesPerPass, maxEmptyBatchesPerPass, maxSnapshotPagesPerPass);
  }

  public SyncOptions withMaxChangeBatchesPerPass(int value) {
    return new SyncOptions(snapshotPageSize, changeBatchSize, value, maxEmptyBatchesPerPass, maxSnapshotPagesPerPass);
  }

  public SyncOptions withMaxEmptyBatchesPerPass(int value) {
    return new SyncOptions(snapshotPageSize, changeBatchSize, maxChangeBatchesPerPass, value, maxSnapshotPagesPerPass);
  }

  public SyncOptions withMaxSnapshotPagesPerPass(int value) {
    return new SyncOptions(snapshotPageSize, changeBatchSize, maxChangeBatchesPerPass, maxEmptyBatchesPerPass, value);
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
    if (maxSnapshotPagesPerPass < 1) {
      problems.add("options.maxSnapshotPagesPerPass must be at least 1 (was " + maxSnapshotPagesPerPass + ")");
    }
    return problems;
  }
}
