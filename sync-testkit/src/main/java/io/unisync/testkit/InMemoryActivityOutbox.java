package io.unisync.testkit;

import io.unisync.core.domain.ActivityId;
import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ActivityOutbox} in memory with the JDBC outbox's rules (it passes the same contract).
 * Faults: {@link #ENQUEUE}, {@link #CLAIM}, {@link #COMPLETE}. Thread-safe.
 */
public final class InMemoryActivityOutbox implements ActivityOutbox {

  /** The fault step of {@link #enqueue}. */
  public static final String ENQUEUE = "outbox.enqueue";
  /** The fault step of {@link #claim}. */
  public static final String CLAIM = "outbox.claim";
  /** The fault step of {@link #complete}. */
  public static final String COMPLETE = "outbox.complete";

  /** The stored form of an entry; the lease lives beside it. */
  private static final class Row {
    OutboxEntry entry;
    @Nullable Instant leaseUntil;

    Row(OutboxEntry entry) {
      this.entry = entry;
    }
  }

  private final FaultPlan faults;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private long sequence;

  /** An empty outbox that never fails. */
  public InMemoryActivityOutbox() {
    this(FaultPlan.none());
  }

  /**
   * An empty outbox failing as {@code faults} says.
   *
   * @param faults the fault plan
   */
  public InMemoryActivityOutbox(FaultPlan faults) {
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /**
   * The fault plan.
   *
   * @return the plan
   */
  public FaultPlan faults() {
    return faults;
  }

  private static String key(Destination destination, ActivityId id) {
    return destination + "/" + id.value();
  }

  @Override
  public synchronized int enqueue(List<OutboxDraft> drafts) {
    faults.reach(ENQUEUE);
    int added = 0;
    for (OutboxDraft draft : drafts) {
      String key = key(draft.destination(), draft.activity().id());
      if (!rows.containsKey(key)) {
        rows.put(key, new Row(new OutboxEntry(++sequence, draft.destination(), draft.activity(), OutboxState.PENDING, 0,
            draft.dueAt(), null, null)));
        added++;
      }
    }
    return added;
  }

  @Override
  public synchronized List<OutboxEntry> claim(Destination destination, int max, Instant now, Duration lease) {
    faults.reach(CLAIM);
    String token = UUID.randomUUID().toString();
    List<OutboxEntry> claimed = new ArrayList<>();
    Set<Long> blockedPeople = new HashSet<>();
    for (Row row : rows.values()) {
      OutboxEntry e = row.entry;
      if (e.destination() != destination || e.state() != OutboxState.PENDING) {
        continue;
      }
      long person = e.activity().person().value();
      boolean free = row.leaseUntil == null || !row.leaseUntil.isAfter(now);
      boolean due = !e.dueAt().isAfter(now);
      if (claimed.size() < max && free && due && !blockedPeople.contains(person)) {
        row.entry = new OutboxEntry(e.sequence(), destination, e.activity(), OutboxState.PENDING, e.attempts() + 1,
            e.dueAt(), e.lastError(), token);
        row.leaseUntil = now.plus(lease);
        claimed.add(row.entry);
      }
      // a pending entry (claimed now, leased, or waiting) holds back later entries of the same person
      blockedPeople.add(person);
    }
    return claimed;
  }

  @Override
  public int complete(List<OutboxEntry> claimed, Instant now) {
    faults.reach(COMPLETE);
    synchronized (this) {
      int done = 0;
      for (OutboxEntry entry : claimed) {
        Row row = held(entry, now);
        if (row != null) {
          row.entry = with(row.entry, OutboxState.DELIVERED, row.entry.dueAt(), row.entry.lastError());
          row.leaseUntil = null;
          done++;
        }
      }
      return done;
    }
  }

  @Override
  public synchronized boolean retryLater(OutboxEntry claimed, String reason, Instant dueAt, Instant now) {
    Row row = held(claimed, now);
    if (row == null) {
      return false;
    }
    row.entry = with(row.entry, OutboxState.PENDING, dueAt, reason);
    row.leaseUntil = null;
    return true;
  }

  @Override
  public synchronized boolean deadLetter(OutboxEntry claimed, String reason, Instant now) {
    Row row = held(claimed, now);
    if (row == null) {
      return false;
    }
    row.entry = with(row.entry, OutboxState.DEAD, row.entry.dueAt(), reason);
    row.leaseUntil = null;
    return true;
  }

  @Override
  public synchronized List<OutboxEntry> deadLetters(Destination destination, int offset, int limit) {
    return rows.values().stream().map(r -> r.entry)
        .filter(e -> e.destination() == destination && e.state() == OutboxState.DEAD)
        .skip(offset).limit(limit).toList();
  }

  @Override
  public synchronized int replay(Destination destination, List<ActivityId> ids, Instant now) {
    int replayed = 0;
    for (ActivityId id : ids) {
      Row row = rows.get(key(destination, id));
      if (row != null && row.entry.state() == OutboxState.DEAD) {
        OutboxEntry e = row.entry;
        row.entry = new OutboxEntry(e.sequence(), destination, e.activity(), OutboxState.PENDING, 0, now, e.lastError(), null);
        replayed++;
      }
    }
    return replayed;
  }

  @Override
  public synchronized Map<OutboxState, Long> counts(Destination destination) {
    Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
    for (OutboxState state : OutboxState.values()) {
      counts.put(state, 0L);
    }
    for (Row row : rows.values()) {
      if (row.entry.destination() == destination) {
        counts.merge(row.entry.state(), 1L, Long::sum);
      }
    }
    return counts;
  }

  /** {@return every entry, for assertions} */
  public synchronized List<OutboxEntry> entries() {
    return rows.values().stream().map(r -> r.entry).toList();
  }

  /** The row, if this claim still holds it: a later claim (after the lease ran out) takes it over. */
  private @Nullable Row held(OutboxEntry claimed, Instant now) {
    Row row = rows.get(key(claimed.destination(), claimed.activity().id()));
    if (row == null || row.entry.state() != OutboxState.PENDING || claimed.leaseToken() == null
        || !claimed.leaseToken().equals(row.entry.leaseToken())) {
      return null;
    }
    return row;
  }

  private static OutboxEntry with(OutboxEntry e, OutboxState state, Instant dueAt, @Nullable String error) {
    return new OutboxEntry(e.sequence(), e.destination(), e.activity(), state, e.attempts(), dueAt, error, null);
  }
}
