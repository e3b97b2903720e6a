package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.time.Instant;
import java.util.List;

/**
 * A person's recent marketing activity, read live on each call (the Smart Grid). Thread-safe; throws
 * {@link io.unisync.core.error.RetryableAdapterException} when the source cannot answer now.
 */
public interface ActivityHistory {

  /** Activities of the person since {@code since}, newest first, at most {@code limit}. */
  List<MarketingActivity> recent(PersonId person, Instant since, int limit);
}
