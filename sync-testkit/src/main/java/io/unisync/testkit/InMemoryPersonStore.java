package io.unisync.testkit;

import io.unisync.core.port.Fence;
import io.unisync.core.domain.PersonId;
import io.unisync.core.store.ApplyPlan;
import io.unisync.core.port.ApplyResult;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonStore;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.StoreBatch;
import io.unisync.core.port.StoredPerson;
import io.unisync.core.store.StoredVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PersonStore} in memory, with the same rules as the JDBC store (it passes the same
 * {@code PersonStoreContract}). A commit that fails before its checkpoint is undone, so a fault at any
 * step leaves the previous state intact.
 *
 * <p>Faults: a {@link FaultPlan} is consulted at {@link #APPLY} (before anything is written),
 * {@link #APPLY_BEFORE_CHECKPOINT} (upserts and removals staged, checkpoint not yet) and
 * {@link #APPLY_AFTER_COMMIT} (all committed; the caller still sees a failure, as after a lost reply).
 * Thread-safe.
 */
public final class InMemoryPersonStore implements PersonStore {

  /** The fault step at the start of {@link #apply}. */
  public static final String APPLY = "store.apply";
  /** The fault step after the batch's writes and before its checkpoint. */
  public static final String APPLY_BEFORE_CHECKPOINT = "store.apply.beforeCheckpoint";
  /** The fault step after the batch committed. */
  public static final String APPLY_AFTER_COMMIT = "store.apply.afterCommit";

  private final FaultPlan faults;
  private final @Nullable InMemoryLeases leases;
  private final TreeMap<PersonId, StoredPerson> people = new TreeMap<>();
  private final List<QuarantinedRecord> quarantine = new ArrayList<>();
  private @Nullable Checkpoint checkpoint;

  /** An empty store that never fails. */
  public InMemoryPersonStore() {
    this(FaultPlan.none());
  }

  /**
   * An empty store failing as {@code faults} says.
   *
   * @param faults the fault plan
   */
  public InMemoryPersonStore(FaultPlan faults) {
    this(faults, null);
  }

  /**
   * A store whose {@linkplain #fencedBy fenced views} check their fences against {@code leases}.
   *
   * @param leases the leases
   */
  public InMemoryPersonStore(InMemoryLeases leases) {
    this(FaultPlan.none(), Objects.requireNonNull(leases, "leases"));
  }

  private InMemoryPersonStore(FaultPlan faults, @Nullable InMemoryLeases leases) {
    this.faults = Objects.requireNonNull(faults, "faults");
    this.leases = leases;
  }

  @Override
  public PersonStore fencedBy(Fence fence) {
    InMemoryLeases checked = Fencing.leasesOf(leases, this);
    InMemoryPersonStore store = this;
    return new PersonStore() {
      @Override
      public ApplyResult apply(StoreBatch batch) {
        return checked.underFence(fence, () -> store.apply(batch));
      }

      @Override
      public void quarantine(List<QuarantinedRecord> records) {
        checked.underFence(fence, () -> {
          store.quarantine(records);
          return null;
        });
      }

      @Override
      public Optional<Checkpoint> checkpoint() {
        return store.checkpoint();
      }

      @Override
      public Optional<StoredPerson> findById(PersonId id) {
        return store.findById(id);
      }

      @Override
      public List<StoredPerson> findByEmail(String email) {
        return store.findByEmail(email);
      }

      @Override
      public List<StoredPerson> findBySalesforceId(String salesforceId) {
        return store.findBySalesforceId(salesforceId);
      }

      @Override
      public List<StoredPerson> page(@Nullable PersonId after, int limit) {
        return store.page(after, limit);
      }

      @Override
      public long count() {
        return store.count();
      }

      @Override
      public List<QuarantinedRecord> quarantined(int offset, int limit) {
        return store.quarantined(offset, limit);
      }

      @Override
      public long quarantineCount() {
        return store.quarantineCount();
      }

      @Override
      public PersonStore fencedBy(Fence other) {
        return store.fencedBy(other);
      }

      @Override
      public String toString() {
        return store + " fenced by " + fence;
      }
    };
  }

  /** {@return the fault plan this store consults} */
  public FaultPlan faults() {
    return faults;
  }

  @Override
  public ApplyResult apply(StoreBatch batch) {
    ApplyResult result;
    synchronized (this) {
      faults.reach(APPLY);
      Map<PersonId, StoredVersion> versions = new HashMap<>();
      for (PersonId id : ApplyPlan.idsOf(batch)) {
        StoredPerson stored = people.get(id);
        if (stored != null) {
          versions.put(id, new StoredVersion(stored.fingerprint(), stored.sourceUpdatedAt()));
        }
      }
      ApplyPlan plan = ApplyPlan.of(batch, versions);
      // write in place, remembering what to restore if the commit fails before the checkpoint
      Map<PersonId, StoredPerson> undo = new HashMap<>();
      for (PersonUpsert write : plan.writes()) {
        PersonId id = write.person().id();
        undo.putIfAbsent(id, people.get(id));
        people.put(id, new StoredPerson(write.person(), write.fingerprint(), write.sourceUpdatedAt()));
      }
      for (PersonId id : plan.deletes()) {
        undo.putIfAbsent(id, people.remove(id));
      }
      try {
        faults.reach(APPLY_BEFORE_CHECKPOINT);
      } catch (RuntimeException e) {
        undo.forEach((id, before) -> {
          if (before == null) {
            people.remove(id);
          } else {
            people.put(id, before);
          }
        });
        throw e;
      }
      quarantine.addAll(batch.rejections());
      checkpoint = batch.checkpoint();
      result = plan.result();
    }
    faults.reach(APPLY_AFTER_COMMIT);
    return result;
  }

  @Override
  public void quarantine(List<QuarantinedRecord> records) {
    synchronized (this) {
      faults.reach(APPLY);
      quarantine.addAll(List.copyOf(records));
    }
  }

  @Override
  public synchronized Optional<Checkpoint> checkpoint() {
    return Optional.ofNullable(checkpoint);
  }

  @Override
  public synchronized Optional<StoredPerson> findById(PersonId id) {
    return Optional.ofNullable(people.get(id));
  }

  @Override
  public synchronized List<StoredPerson> findByEmail(String email) {
    String wanted = email.strip().toLowerCase(Locale.ROOT);
    List<StoredPerson> found = new ArrayList<>();
    for (StoredPerson p : people.values()) {
      if (p.person().email() != null && p.person().email().toLowerCase(Locale.ROOT).equals(wanted)) {
        found.add(p);
      }
    }
    return found;
  }

  @Override
  public synchronized List<StoredPerson> findBySalesforceId(String salesforceId) {
    List<StoredPerson> found = new ArrayList<>();
    for (StoredPerson p : people.values()) {
      if (salesforceId.equals(p.person().salesforceContactId()) || salesforceId.equals(p.person().salesforceLeadId())) {
        found.add(p);
      }
    }
    return found;
  }

  @Override
  public synchronized List<StoredPerson> page(@Nullable PersonId after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    Map<PersonId, StoredPerson> tail = after == null ? people : people.tailMap(after, false);
    List<StoredPerson> page = new ArrayList<>(Math.min(limit, tail.size()));
    for (StoredPerson p : tail.values()) {
      if (page.size() == limit) {
        break;
      }
      page.add(p);
    }
    return page;
  }

  @Override
  public synchronized long count() {
    return people.size();
  }

  @Override
  public synchronized List<QuarantinedRecord> quarantined(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
    }
    int from = Math.min(offset, quarantine.size());
    return List.copyOf(quarantine.subList(from, Math.min(quarantine.size(), from + limit)));
  }

  @Override
  public synchronized long quarantineCount() {
    return quarantine.size();
  }
}
