package io.unisync.testkit;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.ActivityHistory;
import io.unisync.core.port.MarketingActivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scripted marketing history. Counts reads, so tests can see that each request reads live. Thread-safe. */
public final class InMemoryActivityHistory implements ActivityHistory {

  private final Map<PersonId, List<MarketingActivity>> history = new HashMap<>();
  private int reads;

  /**
   * Adds an activity to the person's history.
   *
   * @param person the person
   * @param activity the activity
   */
  public synchronized void add(PersonId person, MarketingActivity activity) {
    history.computeIfAbsent(person, p -> new ArrayList<>()).add(activity);
  }

  /**
   * How many reads were made.
   *
   * @return the reads
   */
  public synchronized int reads() {
    return reads;
  }

  @Override
  public synchronized List<MarketingActivity> recent(PersonId person, Instant since, int limit) {
    reads++;
    return history.getOrDefault(person, List.of()).stream()
        .filter(a -> !a.occurredAt().isBefore(since))
        .sorted(Comparator.comparing(MarketingActivity::occurredAt).reversed())
        .limit(limit)
        .toList();
  }
}
