package io.unisync.testkit;

import org.jspecify.annotations.Nullable;
import io.unisync.core.port.Fence;
import io.unisync.core.domain.ReminderTask;
import io.unisync.core.port.ReminderStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reminders in memory. Thread-safe. */
public final class InMemoryReminderStore implements ReminderStore {

  private final Map<String, ReminderTask> reminders = new LinkedHashMap<>();
  private final Set<String> pending = new HashSet<>();
  private final @Nullable InMemoryLeases leases;

  /** An empty store whose fenced views check nothing. */
  public InMemoryReminderStore() {
    this.leases = null;
  }

  /**
   * A store whose {@linkplain #fencedBy fenced views} check their fences against {@code leases}.
   *
   * @param leases the leases
   */
  public InMemoryReminderStore(InMemoryLeases leases) {
    this.leases = java.util.Objects.requireNonNull(leases, "leases");
  }

  @Override
  public ReminderStore fencedBy(Fence fence) {
    InMemoryLeases checked = Fencing.leasesOf(leases, this);
    InMemoryReminderStore store = this;
    return new ReminderStore() {
      @Override
      public Optional<ReminderTask> find(String id) {
        return store.find(id);
      }

      @Override
      public Optional<ReminderTask> findByCrmId(String crmId) {
        return store.findByCrmId(crmId);
      }

      @Override
      public void save(ReminderTask task, boolean fromCrm) {
        checked.underFence(fence, () -> store.save(task, fromCrm));
      }

      @Override
      public boolean delete(String id) {
        return checked.underFence(fence, () -> store.delete(id));
      }

      @Override
      public List<ReminderTask> unpushed(int max) {
        return store.unpushed(max);
      }

      @Override
      public void markPushed(String id, @Nullable String crmId, Instant version) {
        checked.underFence(fence, () -> store.markPushed(id, crmId, version));
      }

      @Override
      public ReminderStore fencedBy(Fence other) {
        return store.fencedBy(other);
      }
    };
  }

  @Override
  public synchronized Optional<ReminderTask> find(String id) {
    return Optional.ofNullable(reminders.get(id));
  }

  @Override
  public synchronized Optional<ReminderTask> findByCrmId(String crmId) {
    return reminders.values().stream().filter(r -> crmId.equals(r.crmId())).findFirst();
  }

  @Override
  public synchronized void save(ReminderTask task, boolean fromCrm) {
    ReminderTask previous = reminders.get(task.id());
    ReminderTask stored = task.crmId() == null && previous != null && previous.crmId() != null ? task.withCrmId(previous.crmId()) : task;
    reminders.put(task.id(), stored);
    if (fromCrm) {
      pending.remove(task.id());
    } else {
      pending.add(task.id());
    }
  }

  @Override
  public synchronized boolean delete(String id) {
    pending.remove(id);
    return reminders.remove(id) != null;
  }

  @Override
  public synchronized List<ReminderTask> unpushed(int max) {
    List<ReminderTask> out = new ArrayList<>();
    reminders.values().stream().filter(r -> pending.contains(r.id()))
        .sorted(Comparator.comparing(ReminderTask::modifiedAt).thenComparing(ReminderTask::id))
        .limit(max).forEach(out::add);
    return out;
  }

  @Override
  public synchronized void markPushed(String id, @Nullable String crmId, Instant version) {
    ReminderTask current = reminders.get(id);
    if (current == null) {
      return;
    }
    reminders.put(id, current.withCrmId(crmId));
    if (current.modifiedAt().equals(version)) {
      pending.remove(id);
    }
  }
}
