package io.unisync.testkit;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.UnsubscribeStatus;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Scripted unsubscribe status. Faults at {@link #CHECK}. Thread-safe. */
public final class InMemoryUnsubscribeStatus implements UnsubscribeStatus {

  /** The fault step of every status read. */
  public static final String CHECK = "unsubscribe.check";

  private final Set<PersonId> unsubscribed = new HashSet<>();
  private final FaultPlan faults;

  /** No one unsubscribed; never fails. */
  public InMemoryUnsubscribeStatus() {
    this(FaultPlan.none());
  }

  /**
   * No one unsubscribed; failing as {@code faults} says.
   *
   * @param faults the fault plan
   */
  public InMemoryUnsubscribeStatus(FaultPlan faults) {
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

  /**
   * The person unsubscribes.
   *
   * @param person the person
   */
  public synchronized void unsubscribe(PersonId person) {
    unsubscribed.add(person);
  }

  /**
   * The person subscribes again.
   *
   * @param person the person
   */
  public synchronized void resubscribe(PersonId person) {
    unsubscribed.remove(person);
  }

  @Override
  public boolean isUnsubscribed(PersonId person) {
    faults.reach(CHECK);
    synchronized (this) {
      return unsubscribed.contains(person);
    }
  }

  @Override
  public Map<PersonId, Boolean> unsubscribed(Collection<PersonId> people) {
    faults.reach(CHECK);
    synchronized (this) {
      Map<PersonId, Boolean> result = new LinkedHashMap<>();
      people.forEach(p -> result.put(p, unsubscribed.contains(p)));
      return result;
    }
  }
}
