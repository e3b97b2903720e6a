package io.unisync.marketo;

import io.unisync.core.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which of Marketo's activity feeds are read, and how: the types that mean "a synced field changed", the merge type,
 * how far back a lost paging token is re-created, the types the Smart Grid shows. Immutable; {@link #defaults()},
 * {@link #toBuilder()}.
 */
public final class MarketoFeeds {

  /** How long Marketo keeps Delete Lead activities (its data retention policy), unless set. */
  public static final Duration DEFAULT_DELETION_RETENTION = Duration.ofDays(14);
  /** How long Marketo keeps Change Data Value activities (its data retention policy), unless set. */
  public static final Duration DEFAULT_CHANGE_RETENTION = Duration.ofDays(90);

  private static final MarketoFeeds DEFAULTS = new Builder().build();

  private final List<Integer> changeTypeIds;
  private final int mergeTypeId;
  private final Duration overlap;
  private final List<Integer> smartGridTypeIds;
  private final Duration deletionRetention;
  private final Duration changeRetention;

  private MarketoFeeds(Builder b) {
    List<String> problems = new ArrayList<>();
    List<Integer> changeTypes = ids(b.changeTypeIds, "feeds.changeTypeIds", problems);
    List<Integer> smartGridTypes = ids(b.smartGridTypeIds, "feeds.smartGridTypeIds", problems);
    if (changeTypes.isEmpty()) {
      problems.add("feeds.changeTypeIds must name at least one type");
    }
    if (b.mergeTypeId < 1) {
      problems.add("feeds.mergeTypeId must be a positive type id (was " + b.mergeTypeId + ")");
    }
    if (b.overlap == null || b.overlap.isNegative()) {
      problems.add("feeds.overlap must not be negative");
    }
    if (smartGridTypes.isEmpty() || smartGridTypes.size() > 10) {
      problems.add("feeds.smartGridTypeIds must name 1 to 10 types (Marketo reads at most 10 per call)");
    }
    if (b.deletionRetention == null || b.deletionRetention.isNegative() || b.deletionRetention.isZero()) {
      problems.add("feeds.deletionRetention must be a positive duration");
    }
    if (b.changeRetention == null || b.changeRetention.isNegative() || b.changeRetention.isZero()) {
      problems.add("feeds.changeRetention must be a positive duration");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("MarketoFeeds", problems);
    }
    this.deletionRetention = Objects.requireNonNull(b.deletionRetention);
    this.changeRetention = Objects.requireNonNull(b.changeRetention);
    this.changeTypeIds = changeTypes;
    this.mergeTypeId = b.mergeTypeId;
    this.overlap = Objects.requireNonNull(b.overlap);
    this.smartGridTypeIds = smartGridTypes;
  }

  /** A copy of {@code ids} without nulls; each null is a problem. */
  private static List<Integer> ids(@Nullable List<@Nullable Integer> ids, String name, List<String> problems) {
    List<Integer> kept = new ArrayList<>();
    if (ids != null) {
      for (Integer id : ids) {
        if (id == null) {
          problems.add(name + " must not hold null");
        } else {
          kept.add(id);
        }
      }
    }
    return List.copyOf(kept);
  }

  /** {@return changes from New Lead (12) and Change Data Value (13), Merge Leads (32), 5 min overlap, ten Smart Grid types} */
  public static MarketoFeeds defaults() {
    return DEFAULTS;
  }

  /** {@return a builder holding these values} */
  public Builder toBuilder() {
    return new Builder().changeTypeIds(changeTypeIds).mergeTypeId(mergeTypeId).overlap(overlap).smartGridTypeIds(smartGridTypeIds)
        .retention(deletionRetention, changeRetention);
  }

  /** {@return activity types read from {@code leadchanges.json} (New Lead 12, Change Data Value 13)} */
  public List<Integer> changeTypeIds() {
    return changeTypeIds;
  }

  /** {@return merge Leads (32)} */
  public int mergeTypeId() {
    return mergeTypeId;
  }

  /** {@return how far before a stored position the feed is re-read when its paging token must be re-created} */
  public Duration overlap() {
    return overlap;
  }

  /** {@return the (at most 10) activity types read for the Smart Grid} */
  public List<Integer> smartGridTypeIds() {
    return smartGridTypeIds;
  }

  /**
   * How long the instance keeps Delete Lead activities, which {@code deletedleads.json} reads (14 days on Marketo's
   * standard plan): a position read through longer ago misses deletions, and the engine reconciles.
   *
   * @return the deletions' retention
   */
  public Duration deletionRetention() {
    return deletionRetention;
  }

  /**
   * How long the instance keeps Change Data Value activities, which {@code leadchanges.json} reads (90 days): a position
   * read through longer ago misses field changes and owners gained, and the reconciliation adds a census.
   *
   * @return the field changes' retention
   */
  public Duration changeRetention() {
    return changeRetention;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof MarketoFeeds that && changeTypeIds.equals(that.changeTypeIds) && mergeTypeId == that.mergeTypeId
        && overlap.equals(that.overlap) && smartGridTypeIds.equals(that.smartGridTypeIds)
        && deletionRetention.equals(that.deletionRetention) && changeRetention.equals(that.changeRetention);
  }

  @Override
  public int hashCode() {
    return Objects.hash(changeTypeIds, mergeTypeId, overlap, smartGridTypeIds, deletionRetention, changeRetention);
  }

  @Override
  public String toString() {
    return "MarketoFeeds[changeTypeIds=" + changeTypeIds + ", mergeTypeId=" + mergeTypeId + ", overlap=" + overlap + ", smartGridTypeIds="
        + smartGridTypeIds + ", deletionRetention=" + deletionRetention + ", changeRetention=" + changeRetention + "]";
  }

  /** One setter per knob, each starting at its default; {@link #build()} lists every problem at once. */
  public static final class Builder {
    private @Nullable List<@Nullable Integer> changeTypeIds = List.of(12, 13);
    private int mergeTypeId = 32;
    private @Nullable Duration overlap = Duration.ofMinutes(5);
    private @Nullable List<@Nullable Integer> smartGridTypeIds = List.of(1, 2, 3, 6, 7, 8, 9, 10, 11, 46);
    private @Nullable Duration deletionRetention = DEFAULT_DELETION_RETENTION;
    private @Nullable Duration changeRetention = DEFAULT_CHANGE_RETENTION;

    private Builder() {}

    /**
     * How long the instance keeps Delete Lead and Change Data Value activities (instances on other plans keep more).
     *
     * @param deletions how long Delete Lead activities are kept
     * @param changes how long Change Data Value activities are kept
     * @return this builder
     */
    public Builder retention(Duration deletions, Duration changes) {
      this.deletionRetention = deletions;
      this.changeRetention = changes;
      return this;
    }

    /**
     * Sets {@link MarketoFeeds#changeTypeIds()}.
     *
     * @param value the activity type ids
     * @return this builder
     */
    public Builder changeTypeIds(List<Integer> value) {
      this.changeTypeIds = value == null ? null : new ArrayList<>(value);
      return this;
    }

    /**
     * Sets {@link MarketoFeeds#mergeTypeId()}.
     *
     * @param value the activity type id
     * @return this builder
     */
    public Builder mergeTypeId(int value) {
      this.mergeTypeId = value;
      return this;
    }

    /**
     * Sets {@link MarketoFeeds#overlap()}.
     *
     * @param value how far back from the position each read starts again
     * @return this builder
     */
    public Builder overlap(Duration value) {
      this.overlap = value;
      return this;
    }

    /**
     * Sets {@link MarketoFeeds#smartGridTypeIds()}.
     *
     * @param value the activity type ids
     * @return this builder
     */
    public Builder smartGridTypeIds(List<Integer> value) {
      this.smartGridTypeIds = value == null ? null : new ArrayList<>(value);
      return this;
    }

    /**
     * The feed settings.
     *
     * @throws ConfigurationException listing every problem, each naming its knob
     * @return the settings
     */
    public MarketoFeeds build() {
      return new MarketoFeeds(this);
    }
  }
}
