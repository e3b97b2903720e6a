package io.unisync.core.assembly;

import io.unisync.core.port.ActivityHistory;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.UnsubscribeStatus;

/**
 * One marketing system's adapters, as an engine is wired to them: where people come from, where activities go, the
 * unsubscribe status the e-mail gate asks and the activity history the Smart Grid shows. An adapter module's client
 * (Marketo's) implements it, so an engine is assembled in one call ({@code SyncEngine.Builder.wiredTo}).
 */
public interface MarketingSystem {

  /** {@return where people come from} */
  PersonSource personSource();

  /** {@return where activities are delivered} */
  ActivitySink activitySink();

  /** {@return what the e-mail gate asks before a send} */
  UnsubscribeStatus unsubscribeStatus();

  /** {@return a person's recent marketing activity (the Smart Grid)} */
  ActivityHistory activityHistory();
}
