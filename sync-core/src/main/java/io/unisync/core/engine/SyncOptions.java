package io.unisync.core.engine;

import io.unisync.core.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Knobs of the person sync. Immutable; start from {@link #defaults()} or {@link #builder()} and change what you need
 * with {@link #toBuilder()}, whose {@link Builder#build()} lists every problem at once. The {@code withX} methods are
 * shorthands that check nothing by themselves (a chain may pass through values valid only together); {@link
 * SyncEngine.Builder#build()} checks what it is given.
 */
public final class SyncOptions {

  /** Records per snapshot page unless set (Marketo's natural page size). */
  public static final int DEFAULT_SNAPSHOT_PAGE_SIZE = 300;
  /** Changes per batch unless set. */
  public static final int DEFAULT_CHANGE_BATCH_SIZE = 300;
  /** Change batches per pass unless set. */
  public static final int DEFAULT_MAX_CHANGE_BATCHES_PER_PASS = 100;
  /** Empty change batches in a row that end a pass unless set. */
  public static final int DEFAULT_MAX_EMPTY_BATCHES_PER_PASS = 3;
  /** Snapshot pages per initial-sync call unless set. */
  public static final int DEFAULT_MAX_SNAPSHOT_PAGES_PER_PASS = 10_000;

  private final int snapshotPageSize;
  private final int changeBatchSize;
  private final int maxChangeBatchesPerPass;
  private final int maxEmptyBatchesPerPass;
  private final int maxSnapshotPagesPerPass;

  private SyncOptions(Builder b) {
    this.snapshotPageSize = b.snapshotPageSize;
    this.changeBatchSize = b.changeBatchSize;
    this.maxChangeBatchesPerPass = b.maxChangeBatchesPerPass;
    this.maxEmptyBatchesPerPass = b.maxEmptyBatchesPerPass;
    this.maxSnapshotPagesPerPass = b.maxSnapshotPagesPerPass;
  }

  /** {@return records per snapshot page, and so per commit during the initial sync} */
  public int snapshotPageSize() {
    return snapshotPageSize;
  }

  /** {@return changes read from the feed per commit during the incremental sync} */
  public int changeBatchSize() {
    return changeBatchSize;
  }

  /**
   * How many change batches one {@link SyncEngine#syncChanges()} call processes at most, which bounds the time and
   * memory of one call.
   *
   * @return the most change batches per pass
   */
  public int maxChangeBatchesPerPass() {
    return maxChangeBatchesPerPass;
  }

  /**
   * Consecutive change batches that bring nothing but "more is coming" after which a pass ends early (the next pass
   * goes on from there). A feed that keeps promising more and delivers nothing costs at most this many batches' calls
   * per pass, not {@code maxChangeBatchesPerPass}.
   *
   * @return the most empty batches in a row
   */
  public int maxEmptyBatchesPerPass() {
    return maxEmptyBatchesPerPass;
  }

  /**
   * How many snapshot pages one {@link SyncEngine#initialSync()} call commits at most (10,000: 3,000,000 people at the
   * default page size); the next call, or {@link SyncEngine#syncPersons()}, goes on from the last committed page.
   *
   * @return the most snapshot pages per call
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
   *
   * @return the defaults
   */
  public static SyncOptions defaults() {
    return builder().build();
  }

  /** {@return a builder holding the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these options, to change some of them} */
  public Builder toBuilder() {
    return new Builder().snapshotPageSize(snapshotPageSize).changeBatchSize(changeBatchSize)
        .maxChangeBatchesPerPass(maxChangeBatchesPerPass).maxEmptyBatchesPerPass(maxEmptyBatchesPerPass)
        .maxSnapshotPagesPerPass(maxSnapshotPagesPerPass);
  }

  /**
   * Shorthand for {@code toBuilder().snapshotPageSize(value)}, checked when the engine is built.
   *
   * @param value the new {@code snapshotPageSize}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public SyncOptions withSnapshotPageSize(int value) {
    return new SyncOptions(toBuilder().snapshotPageSize(value));
  }

  /**
   * Shorthand for {@code toBuilder().changeBatchSize(value)}, checked when the engine is built.
   *
   * @param value the new {@code changeBatchSize}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public SyncOptions withChangeBatchSize(int value) {
    return new SyncOptions(toBuilder().changeBatchSize(value));
  }

  /**
   * Shorthand for {@code toBuilder().maxChangeBatchesPerPass(value)}, checked when the engine is built.
   *
   * @param value the new {@code maxChangeBatchesPerPass}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public SyncOptions withMaxChangeBatchesPerPass(int value) {
    return new SyncOptions(toBuilder().maxChangeBatchesPerPass(value));
  }

  /**
   * Shorthand for {@code toBuilder().maxEmptyBatchesPerPass(value)}, checked when the engine is built.
   *
   * @param value the new {@code maxEmptyBatchesPerPass}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public SyncOptions withMaxEmptyBatchesPerPass(int value) {
    return new SyncOptions(toBuilder().maxEmptyBatchesPerPass(value));
  }

  /**
   * Shorthand for {@code toBuilder().maxSnapshotPagesPerPass(value)}, checked when the engine is built.
   *
   * @param value the new {@code maxSnapshotPagesPerPass}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public SyncOptions withMaxSnapshotPagesPerPass(int value) {
    return new SyncOptions(toBuilder().maxSnapshotPagesPerPass(value));
  }

  /** One setter per knob, each starting at its default; {@link #build()} lists every problem at once. */
  public static final class Builder {
    private int snapshotPageSize = DEFAULT_SNAPSHOT_PAGE_SIZE;
    private int changeBatchSize = DEFAULT_CHANGE_BATCH_SIZE;
    private int maxChangeBatchesPerPass = DEFAULT_MAX_CHANGE_BATCHES_PER_PASS;
    private int maxEmptyBatchesPerPass = DEFAULT_MAX_EMPTY_BATCHES_PER_PASS;
    private int maxSnapshotPagesPerPass = DEFAULT_MAX_SNAPSHOT_PAGES_PER_PASS;

    private Builder() {}

    /**
     * Records per snapshot page, and so per commit during the initial sync (1 to 10,000).
     *
     * @param value records per page
     * @return this builder
     */
    public Builder snapshotPageSize(int value) {
      this.snapshotPageSize = value;
      return this;
    }

    /**
     * Changes read from the feed per commit (1 to 10,000).
     *
     * @param value changes per commit
     * @return this builder
     */
    public Builder changeBatchSize(int value) {
      this.changeBatchSize = value;
      return this;
    }

    /**
     * Change batches one incremental pass processes at most.
     *
     * @param value the most batches
     * @return this builder
     */
    public Builder maxChangeBatchesPerPass(int value) {
      this.maxChangeBatchesPerPass = value;
      return this;
    }

    /**
     * Empty change batches in a row that end a pass.
     *
     * @param value the most empty batches in a row
     * @return this builder
     */
    public Builder maxEmptyBatchesPerPass(int value) {
      this.maxEmptyBatchesPerPass = value;
      return this;
    }

    /**
     * Snapshot pages one initial-sync call commits at most.
     *
     * @param value the most pages
     * @return this builder
     */
    public Builder maxSnapshotPagesPerPass(int value) {
      this.maxSnapshotPagesPerPass = value;
      return this;
    }

    /**
     * The options.
     *
     * @throws ConfigurationException listing every problem
     * @return the options
     */
    public SyncOptions build() {
      SyncOptions options = new SyncOptions(this);
      List<String> problems = options.problems();
      if (!problems.isEmpty()) {
        throw new ConfigurationException("SyncOptions", problems);
      }
      return options;
    }
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
