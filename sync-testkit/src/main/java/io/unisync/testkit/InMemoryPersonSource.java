package io.unisync.testkit;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.ChangeBatch;
import io.unisync.core.port.FeedRetention;
import io.unisync.core.port.PersonChange;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.port.SourcePosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A scripted {@link PersonSource}: create, edit, delete and merge people, and the change feed records it
 * like Marketo's does. Snapshot pages are in id order; positions are plain text, so a new instance over
 * the same script resumes where another stopped. Records whose id is not a number (to test quarantine)
 * are served on the first snapshot page.
 *
 * <p>Faults: a {@link FaultPlan} is consulted at {@link #CURRENT_POSITION}, {@link #READ_SNAPSHOT},
 * {@link #READ_CHANGES} and {@link #READ_CURRENT}, before the call does anything. Thread-safe.
 */
public final class InMemoryPersonSource implements PersonSource {

  /** The fault step of {@link #currentPosition}. */
  public static final String CURRENT_POSITION = "source.currentPosition";
  /** The fault step of {@link #readSnapshot}. */
  public static final String READ_SNAPSHOT = "source.readSnapshot";
  /** The fault step of {@link #readChanges}. */
  public static final String READ_CHANGES = "source.readChanges";
  /** The fault step of {@link #readCurrent}. */
  public static final String READ_CURRENT = "source.readCurrent";

  private static final String SNAPSHOT_PREFIX = "after-id:";
  private static final String CHANGE_PREFIX = "seq:";

  private final Clock clock;
  private final SourceFields fields;
  private final FaultPlan faults;
  private final NavigableMap<Long, SourceRecord> records = new TreeMap<>();
  private final List<SourceRecord> unkeyed = new ArrayList<>();
  private final List<PersonChange> feed = new ArrayList<>();
  /** When each feed entry happened, by the clock. */
  private final List<Instant> feedTimes = new ArrayList<>();
  private int maxReadBatch = 300;
  private @Nullable FeedRetention retention;
  private double lossShare;
  private long lossSeed;

  /**
   * An empty source with the standard field names that never fails.
   *
   * @param clock stamps versions and judges retention
   */
  public InMemoryPersonSource(Clock clock) {
    this(clock, SourceFields.standard(), FaultPlan.none());
  }

  /**
   * An empty source.
   *
   * @param clock stamps versions and judges retention
   * @param fields the source field names
   * @param faults the fault plan
   */
  public InMemoryPersonSource(Clock clock, SourceFields fields, FaultPlan faults) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.fields = Objects.requireNonNull(fields, "fields");
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /** {@return the fault plan this source consults} */
  public FaultPlan faults() {
    return faults;
  }

  /**
   * Sets the most ids {@link #readCurrent} accepts (default 300, like Marketo).
   *
   * @param max the most ids
   * @return this source
   */
  public synchronized InMemoryPersonSource withMaxReadBatch(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    this.maxReadBatch = max;
    return this;
  }

  /**
   * Forgets feed entries as Marketo does: deletions older than {@code retention.removals()}, other changes older than
   * {@code retention.changes()}, by the clock when they are read; {@link #feedRetention()} tells the engine.
   *
   * @param value the retention
   * @return this source
   */
  public synchronized InMemoryPersonSource withFeedRetention(FeedRetention value) {
    this.retention = Objects.requireNonNull(value, "retention");
    return this;
  }

  /**
   * Loses a share of the feed's entries (each entry lost or not by its place and the seed, the same on every read): the
   * records change, the feed never says so. For drift that only a reconciliation finds.
   *
   * @param share the share lost, 0 to 1
   * @param seed the seed
   * @return this source
   */
  public synchronized InMemoryPersonSource withLossyFeed(double share, long seed) {
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("share must be between 0 and 1, was " + share);
    }
    this.lossShare = share;
    this.lossSeed = seed;
    return this;
  }

  // ---- scripting -------------------------------------------------------------------------------------

  /**
   * Creates or replaces a record with these values (source field names), stamped with the clock. The feed
   * gets an update naming the fields that differ (a new record: no names, meaning "new").
   *
   * @param id the Marketo id
   * @param values the values by source field name
   */
  public synchronized void put(long id, Map<String, String> values) {
    SourceRecord previous = records.get(id);
    SourceRecord next = new SourceRecord(Long.toString(id), withoutNulls(values), clock.instant());
    records.put(id, next);
    append(new PersonChange.Updated(PersonId.of(id), previous == null ? Set.of() : changedFields(previous.values(), next.values())));
  }

  /**
   * Sets (or clears with {@code null}) one field of an existing record.
   *
   * @param id the Marketo id
   * @param field the source field's name
   * @param value its value, or {@code null}
   */
  public synchronized void update(long id, String field, @Nullable String value) {
    SourceRecord previous = existing(id);
    Map<String, String> values = new HashMap<>(previous.values());
    if (value == null) {
      values.remove(field);
    } else {
      values.put(field, value);
    }
    records.put(id, new SourceRecord(previous.sourceId(), values, clock.instant()));
    append(new PersonChange.Updated(PersonId.of(id), Set.of(field)));
  }

  /**
   * Deletes a record.
   *
   * @param id the Marketo id
   */
  public synchronized void delete(long id) {
    existing(id);
    records.remove(id);
    append(new PersonChange.Deleted(PersonId.of(id)));
  }

  /**
   * Merges {@code loser} into {@code winner}: the loser disappears, the winner takes the loser's non-empty values where
   * it has none.
   *
   * @param winner the surviving id
   * @param loser the id merged away
   */
  public synchronized void merge(long winner, long loser) {
    SourceRecord win = existing(winner);
    SourceRecord lose = existing(loser);
    Map<String, String> merged = new HashMap<>(lose.values());
    merged.putAll(win.values());
    records.put(winner, new SourceRecord(win.sourceId(), merged, clock.instant()));
    records.remove(loser);
    append(new PersonChange.Merged(PersonId.of(winner), List.of(PersonId.of(loser))));
  }

  /**
   * Adds a record exactly as given, with no change-feed entry: use it for malformed records (a blank or
   * non-numeric id, bad values) that a real source might deliver in a snapshot.
   *
   * @param record the record
   */
  public synchronized void putRaw(SourceRecord record) {
    Optional<Long> id = numericId(record.sourceId());
    if (id.isPresent()) {
      records.put(id.get(), record);
    } else {
      unkeyed.add(record);
    }
  }

  /**
   * Adds a raw change to the feed (for example an update of a field no one syncs).
   *
   * @param change the change
   */
  public synchronized void appendChange(PersonChange change) {
    append(change);
  }

  private void append(PersonChange change) {
    feed.add(change);
    feedTimes.add(clock.instant());
  }

  /** {@return a copy of every record currently in the source, in id order} */
  public synchronized List<SourceRecord> records() {
    List<SourceRecord> all = new ArrayList<>(unkeyed);
    all.addAll(records.values());
    return all;
  }

  /**
   * One record, if present.
   *
   * @param id the Marketo id
   * @return the record, if present
   */
  public synchronized Optional<SourceRecord> record(long id) {
    return Optional.ofNullable(records.get(id));
  }

  // ---- PersonSource ----------------------------------------------------------------------------------

  @Override
  public SourceFields fields() {
    return fields;
  }

  @Override
  public synchronized SourcePosition currentPosition() {
    faults.reach(CURRENT_POSITION);
    return position(feed.size(), clock.instant());
  }

  @Override
  public synchronized SnapshotPage readSnapshot(Optional<SnapshotPosition> after, int pageSize) {
    faults.reach(READ_SNAPSHOT);
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1");
    }
    long afterId = after.map(p -> parse(p.value(), SNAPSHOT_PREFIX)).orElse(0L);
    List<SourceRecord> page = new ArrayList<>(Math.min(pageSize, records.size() + unkeyed.size()));
    if (after.isEmpty()) {
      page.addAll(unkeyed.subList(0, Math.min(unkeyed.size(), pageSize)));
    }
    long lastId = afterId;
    for (SourceRecord record : records.tailMap(afterId, false).values()) {
      if (page.size() >= pageSize) {
        break;
      }
      page.add(record);
      lastId = Long.parseLong(record.sourceId().strip());
    }
    boolean last = records.higherKey(lastId) == null;
    return new SnapshotPage(page, new SnapshotPosition(SNAPSHOT_PREFIX + lastId), last);
  }

  @Override
  public synchronized ChangeBatch readChanges(SourcePosition after, int maxChanges) {
    faults.reach(READ_CHANGES);
    if (maxChanges < 1) {
      throw new IllegalArgumentException("maxChanges must be at least 1");
    }
    int from = (int) parse(after.value(), CHANGE_PREFIX);
    if (from > feed.size()) {
      throw new IllegalArgumentException("position " + after.value() + " is beyond the end of the feed");
    }
    Instant now = clock.instant();
    int to = Math.min(feed.size(), from + maxChanges);
    List<PersonChange> kept = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (!forgotten(i, now)) {
        kept.add(feed.get(i));
      }
    }
    // read through now when the feed was read to its end; else no further than the position read from
    Instant through = to == feed.size() ? now : throughOf(after).orElse(now);
    return new ChangeBatch(List.copyOf(kept), position(to, through), to < feed.size());
  }

  /** Whether the feed no longer gives entry {@code i}: past its retention, or lost. */
  private boolean forgotten(int i, Instant now) {
    if (lossShare > 0 && new java.util.SplittableRandom(lossSeed * 1_000_003L + i).nextDouble() < lossShare) {
      return true;
    }
    FeedRetention kept = retention;
    if (kept == null) {
      return false;
    }
    Duration keptFor = feed.get(i) instanceof PersonChange.Deleted ? kept.removals() : kept.changes();
    return feedTimes.get(i).plus(keptFor).isBefore(now);
  }

  @Override
  public synchronized Optional<FeedRetention> feedRetention() {
    return Optional.ofNullable(retention);
  }

  /** Until when {@code position} was read through; only told when the source forgets ({@link #withFeedRetention}). */
  @Override
  public synchronized Optional<Instant> readThrough(SourcePosition position) {
    int at = position.value().indexOf('@');
    return retention == null || at < 0 ? Optional.empty() : throughOf(position);
  }

  private static Optional<Instant> throughOf(SourcePosition position) {
    int at = position.value().indexOf('@');
    return at < 0 ? Optional.empty() : Optional.of(Instant.parse(position.value().substring(at + 1)));
  }

  private static SourcePosition position(int sequence, Instant readThrough) {
    return new SourcePosition(CHANGE_PREFIX + sequence + "@" + readThrough);
  }

  @Override
  public synchronized List<SourceRecord> readCurrent(Collection<PersonId> ids) {
    faults.reach(READ_CURRENT);
    if (ids.size() > maxReadBatch) {
      throw new IllegalArgumentException("at most " + maxReadBatch + " ids per call, got " + ids.size());
    }
    List<SourceRecord> found = new ArrayList<>(ids.size());
    Set<PersonId> seen = new HashSet<>();
    for (PersonId id : ids) {
      SourceRecord record = records.get(id.value());
      if (record != null && seen.add(id)) {
        found.add(record);
      }
    }
    return found;
  }

  @Override
  public synchronized int maxReadBatch() {
    return maxReadBatch;
  }

  @Override
  public synchronized OptionalLong estimatedSnapshotSize() {
    return OptionalLong.of(records.size() + (long) unkeyed.size());
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private SourceRecord existing(long id) {
    SourceRecord record = records.get(id);
    if (record == null) {
      throw new IllegalArgumentException("no record with id " + id + " in the source");
    }
    return record;
  }

  private static Map<String, String> withoutNulls(Map<String, String> values) {
    Map<String, String> copy = new HashMap<>();
    values.forEach((k, v) -> {
      if (v != null) {
        copy.put(k, v);
      }
    });
    return copy;
  }

  private static Set<String> changedFields(Map<String, String> before, Map<String, String> after) {
    Set<String> changed = new HashSet<>();
    Set<String> keys = new HashSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      if (!Objects.equals(before.get(key), after.get(key))) {
        changed.add(key);
      }
    }
    if (changed.isEmpty()) {
      // Re-saving identical values still shows up in Marketo's feed; name some field so it is not "new".
      changed.add("updatedAt");
    }
    return changed;
  }

  private static Optional<Long> numericId(String sourceId) {
    try {
      long id = Long.parseLong(sourceId.strip());
      return id > 0 ? Optional.of(id) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long parse(String position, String prefix) {
    if (!position.startsWith(prefix)) {
      throw new IllegalArgumentException("not a position of this source: " + position);
    }
    String number = position.substring(prefix.length());
    int at = number.indexOf('@'); // a change position carries the instant it was read through
    try {
      return Long.parseLong(at < 0 ? number : number.substring(0, at));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a position of this source: " + position, e);
    }
  }
}
