package io.unisync.core.engine;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.MarketingActivity;
import java.time.Instant;
import java.util.List;

/** A person's recent marketing activity, read live from the source on every call. Thread-safe. */
public interface SmartGrid {

  /**
   * The person's activities since {@code since}, newest first, at most {@code limit} (1 to 1,000). The read is
   * interactive: Marketo serves it ahead of the background sync, and it answers or fails within the adapter's
   * interactive deadline.
   *
   * @throws IllegalArgumentException when {@code limit} is outside 1..1000
   * @param person the person
   * @param since the earliest time
   * @param limit the most activities
   * @return the activities, newest first
   */
  List<MarketingActivity> recent(PersonId person, Instant since, int limit);
}
