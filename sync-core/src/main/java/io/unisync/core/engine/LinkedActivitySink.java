package io.unisync.core.engine;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonId;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.CrmActivitySink;
import io.unisync.core.port.CrmDirectory;
import io.unisync.core.port.CrmLinkStore;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.Destination;
import io.unisync.core.port.PersonReader;
import io.unisync.core.port.StoredPerson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link CrmActivitySink} run as an {@link ActivitySink}: before each batch, its people's CRM links are resolved.
 * Stored links ({@link CrmLinkStore}) are used while fresh; links that are missing, older than {@code refresh}, or
 * about another contact than the person's current one are read again through the {@link CrmDirectory} (in one
 * look-up for the batch) and stored. A person the store does not hold, or the CRM does not know, goes to the sink
 * without links, and the sink rejects their activities with the reason.
 *
 * <p>The engine builds one for {@link SyncEngine.Builder#crmActivitySink}; a host that delivers outside the engine
 * (or a test of a CRM sink) can build one with {@link #of}. Thread-safe when its collaborators are.
 */
public final class LinkedActivitySink implements ActivitySink {

  private final CrmActivitySink sink;
  private final PersonReader people;
  private final CrmLinkStore links;
  private final CrmDirectory directory;
  private final Duration refresh;
  private final Clock clock;

  private LinkedActivitySink(CrmActivitySink sink, PersonReader people, CrmLinkStore links, CrmDirectory directory, Duration refresh,
      Clock clock) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.people = Objects.requireNonNull(people, "people");
    this.links = Objects.requireNonNull(links, "links");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (refresh.isNegative()) {
      throw new IllegalArgumentException("refresh must not be negative (was " + refresh + ")");
    }
  }

  /**
   * @param people where each person's lead and contact ids are read
   * @param links where resolved links are kept with the person
   * @param directory where stale or missing links are read again
   * @param refresh how long stored links are trusted
   * @param sink the CRM's sink
   * @param clock judges the links' age
   * @return the sink
   */
  public static LinkedActivitySink of(CrmActivitySink sink, PersonReader people, CrmLinkStore links, CrmDirectory directory,
      Duration refresh, Clock clock) {
    return new LinkedActivitySink(sink, people, links, directory, refresh, clock);
  }

  @Override
  public Destination destination() {
    return sink.destination();
  }

  @Override
  public int maxBatchSize() {
    return sink.maxBatchSize();
  }

  @Override
  public List<DeliveryOutcome> deliver(List<Activity> batch) {
    if (batch.size() > maxBatchSize()) {
      throw new IllegalArgumentException("at most " + maxBatchSize() + " activities per call, got " + batch.size());
    }
    Map<PersonId, Person> persons = new LinkedHashMap<>();
    for (Activity activity : batch) {
      if (!persons.containsKey(activity.person())) {
        people.findById(activity.person()).map(StoredPerson::person).ifPresent(p -> persons.put(p.id(), p));
      }
    }
    return sink.deliver(batch, resolve(persons));
  }

  /** Stored links when fresh and about the person's current contact; the rest read through the directory and stored. */
  private Map<PersonId, CrmLinks> resolve(Map<PersonId, Person> persons) {
    Instant now = clock.instant();
    Map<PersonId, CrmLinks> known = new HashMap<>(links.find(persons.keySet()));
    List<Person> stale = new ArrayList<>();
    for (Person person : persons.values()) {
      CrmLinks stored = known.get(person.id());
      String contact = person.salesforceContactId();
      if (stored == null || stored.resolvedAt().plus(refresh).isBefore(now) || contact != null && !contact.equals(stored.contactId())) {
        known.remove(person.id()); // a stale link is never used, even if the directory no longer knows the person
        stale.add(person);
      }
    }
    if (!stale.isEmpty()) {
      List<CrmLinks> fresh = new ArrayList<>();
      for (CrmLinks found : directory.lookUp(stale, now)) {
        if (persons.containsKey(found.person())) { // an answer about someone not asked for is not trusted
          fresh.add(found);
        }
      }
      links.save(fresh);
      fresh.forEach(l -> known.put(l.person(), l));
    }
    return known;
  }

  @Override
  public String toString() {
    return "LinkedActivitySink[" + sink + ", refresh=" + refresh + "]";
  }
}
