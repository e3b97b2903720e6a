package io.unisync.core.port;

import io.unisync.core.domain.Activity;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One activity for one destination, as the outbox holds it.
 *
 * @param sequence the outbox's order of recording; per (person, destination) delivery follows it
 * @param destination where it goes
 * @param activity what goes
 * @param state where it stands
 * @param attempts delivery attempts so far (a claim counts as one)
 * @param dueAt not to be delivered before this time
 * @param lastError the reason of the last failed attempt or of the dead letter
 * @param leaseToken set on entries returned by a claim: only the holder may complete or reschedule them
 */
public record OutboxEntry(
    long sequence,
    Destination destination,
    Activity activity,
    OutboxState state,
    int attempts,
    Instant dueAt,
    @Nullable String lastError,
    @Nullable String leaseToken) {

  /** {@return the last delivery attempt's error, if it failed} */
  public Optional<String> error() {
    return Optional.ofNullable(lastError);
  }
}
