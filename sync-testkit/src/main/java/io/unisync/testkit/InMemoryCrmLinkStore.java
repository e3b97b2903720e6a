package io.unisync.testkit;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.PersonId;
import io.unisync.core.port.CrmLinkStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** CRM links in memory. Thread-safe. */
public final class InMemoryCrmLinkStore implements CrmLinkStore {

  private final Map<PersonId, CrmLinks> links = new HashMap<>();

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
