package io.unisync.testkit;

import org.jspecify.annotations.Nullable;
import io.unisync.core.port.Fence;
import io.unisync.core.domain.PersonId;
import io.unisync.core.port.Suppression;
import io.unisync.core.port.SuppressionStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A suppression list in memory. Thread-safe. */
public final class InMemorySuppressionStore implements SuppressionStore {

  private final Map<PersonId, Suppression> suppressions = new LinkedHashMap<>();
  private final Set<PersonId> unpushed = new HashSet<>();
  private final @Nullable InMemoryLeases leases;

  /** An empty store whose fenced views check nothing. */
  public InMemorySuppressionStore() {
    this.leases = null;
  }

  /**
   * A store whose {@linkplain #fencedBy fenced views} check their fences against {@code leases}.
   *
   * @param leases the leases
   */
  public InMemorySuppressionStore(InMemoryLeases leases) {
    this.leases = java.util.Objects.requireNonNull(leases, "leases");
  }

  @Override
  public SuppressionStore fencedBy(Fence fence) {
    InMemoryLeases checked = Fencing.leasesOf(leases, this);
    InMemorySuppressionStore store = this;
    return new SuppressionStore() {
      @Override
      public Optional<Suppression> find(PersonId person) {
        return store.find(person);
      }

      @Override
      public void suppress(Suppression suppression) {
        checked.underFence(fence, () -> store.suppress(suppression));
      }

      @Override
      public boolean lift(PersonId person) {
        return checked.underFence(fence, () -> store.lift(person));
      }

      @Override
      public List<Suppression> unpushed(int max) {
        return store.unpushed(max);
      }

      @Override
      public void markPushed(Collection<PersonId> people) {
        checked.underFence(fence, () -> store.markPushed(people));
      }

      @Override
      public SuppressionStore fencedBy(Fence other) {
        return store.fencedBy(other);
      }
    };
  }

  @Override
  public synchronized Optional<Suppression> find(PersonId person) {
    return Optional.ofNullable(suppressions.get(person));
  }

  @Override
  public synchronized void suppress(Suppression suppression) {
    suppressions.remove(suppression.person()); // a replacement moves to the end: oldest first stays true
    suppressions.put(suppression.person(), suppression);
    if (suppression.origin() == Suppression.Origin.ACTIONS) {
      unpushed.add(suppression.person());
    } else {
      unpushed.remove(suppression.person());
    }
  }

  @Override
  public synchronized boolean lift(PersonId person) {
    unpushed.remove(person);
    return suppressions.remove(person) != null;
  }

  @Override
  public synchronized List<Suppression> unpushed(int max) {
    List<Suppression> out = new ArrayList<>();
    for (Suppression s : suppressions.values()) {
      if (out.size() < max && unpushed.contains(s.person())) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public synchronized void markPushed(Collection<PersonId> people) {
    unpushed.removeAll(people);
  }
}
