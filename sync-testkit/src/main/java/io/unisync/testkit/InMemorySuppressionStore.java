package io.unisync.testkit;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.Suppression;
import io.unisync.core.port.SuppressionStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A suppression list in memory. Thread-safe. */
public final class InMemorySuppressionStore implements SuppressionStore {

  private final Map<PersonId, Suppression> suppressions = new HashMap<>();

  @Override
  public synchronized Optional<Suppression> find(PersonId person) {
    return Optional.ofNullable(suppressions.get(person));
  }

  @Override
  public synchronized void suppress(Suppression suppression) {
    suppressions.put(suppression.person(), suppression);
  }

  @Override
  public synchronized boolean lift(PersonId person) {
    return suppressions.remove(person) != null;
  }
}
