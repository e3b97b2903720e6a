package io.unisync.testkit;

import org.jspecify.annotations.Nullable;
import io.unisync.core.port.Fence;
import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.PersonId;
import io.unisync.core.port.CrmLinkStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** CRM links in memory. Thread-safe. */
public final class InMemoryCrmLinkStore implements CrmLinkStore {

  private final Map<PersonId, CrmLinks> links = new HashMap<>();
  private final @Nullable InMemoryLeases leases;

  /** An empty store whose fenced views check nothing. */
  public InMemoryCrmLinkStore() {
    this.leases = null;
  }

  /**
   * A store whose {@linkplain #fencedBy fenced views} check their fences against {@code leases}.
   *
   * @param leases the leases
   */
  public InMemoryCrmLinkStore(InMemoryLeases leases) {
    this.leases = java.util.Objects.requireNonNull(leases, "leases");
  }

  @Override
  public CrmLinkStore fencedBy(Fence fence) {
    InMemoryLeases checked = Fencing.leasesOf(leases, this);
    InMemoryCrmLinkStore store = this;
    return new CrmLinkStore() {
      @Override
      public Map<PersonId, CrmLinks> find(Collection<PersonId> people) {
        return store.find(people);
      }

      @Override
      public void save(Collection<CrmLinks> toSave) {
        checked.underFence(fence, () -> store.save(toSave));
      }

      @Override
      public CrmLinkStore fencedBy(Fence other) {
        return store.fencedBy(other);
      }
    };
  }

  @Override
  public synchronized Map<PersonId, CrmLinks> find(Collection<PersonId> people) {
    Map<PersonId, CrmLinks> found = new HashMap<>();
    people.forEach(p -> {
      CrmLinks l = links.get(p);
      if (l != null) {
        found.put(p, l);
      }
    });
    return found;
  }

  @Override
  public synchronized void save(Collection<CrmLinks> toSave) {
    toSave.forEach(l -> links.put(l.person(), l));
  }
}
