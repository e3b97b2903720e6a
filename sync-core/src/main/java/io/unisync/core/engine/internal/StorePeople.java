package io.unisync.core.engine.internal;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonId;
import io.unisync.core.engine.People;
import io.unisync.core.port.PersonReader;
import io.unisync.core.port.StoredPerson;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The host's read-only view of the store. */
public final class StorePeople implements People {

  private static final int MAX_PAGE = 10_000;

  private final PersonReader store;

  public StorePeople(PersonReader store) {
    this.store = store;
  }

  @Override
  public Optional<Person> byId(PersonId id) {
    return store.findById(id).map(StoredPerson::person);
  }

  @Override
  public List<Person> byEmail(String email) {
    return store.findByEmail(email).stream().map(StoredPerson::person).toList();
  }

  @Override
  public List<Person> page(@Nullable PersonId after, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + " (was " + limit + ")");
    }
    return store.page(after, limit).stream().map(StoredPerson::person).toList();
  }

  @Override
  public long count() {
    return store.count();
  }
}
