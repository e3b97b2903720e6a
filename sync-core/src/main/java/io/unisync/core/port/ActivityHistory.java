package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.time.Instant;
import java.util.List;

/**
 * A person's recent marketing activity, read live on each call (the Smart Grid). Thread-safe; throws
 * {@link io.unisync.core.error.RetryableAdapterException} when the source cannot answer now.
 */
public interface ActivityHistory {

  /**
   * Activities of the person since {@code since}, newest first, at most {@code limit}.
   *
   * @param person the person
   * @param since the earliest time
   * @param limit the most activities
   * @return the activities, newest first
   */
  List<MarketingActivity> recent(PersonId person, Instant since, int limit);
}
