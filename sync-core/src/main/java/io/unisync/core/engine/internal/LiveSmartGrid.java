package io.unisync.core.engine.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.engine.SmartGrid;
import io.unisync.core.port.ActivityHistory;
import io.unisync.core.port.MarketingActivity;
import java.time.Instant;
import java.util.List;

/** The Smart Grid over an {@link ActivityHistory}: every request is a live read. */
public final class LiveSmartGrid implements SmartGrid {

  private final ActivityHistory history;

  public LiveSmartGrid(ActivityHistory history) {
    this.history = history;
  }

  @Override
  public List<MarketingActivity> recent(PersonId person, Instant since, int limit) {
    if (limit < 1 || limit > 1_000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000 (was " + limit + ")");
    }
    return history.recent(person, since, limit);
  }
}
