package io.unisync.core.port;

import io.unisync.core.domain.ActivityId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What became of one activity in a delivery call. */
public sealed interface DeliveryOutcome permits DeliveryOutcome.Delivered, DeliveryOutcome.Rejected, DeliveryOutcome.Retry {

  /** {@return the activity this outcome is about} */
  ActivityId id();

  /** The destination has it (now, or already from an earlier attempt). */
  record Delivered(ActivityId id) implements DeliveryOutcome {}

  /** The destination refused it for good (unknown person, invalid field...); the reason says why. */
  record Rejected(ActivityId id, String reason) implements DeliveryOutcome {}

  /** Not delivered this time; try again, not before {@code notBefore} when the destination said so. */
  record Retry(ActivityId id, String reason, @Nullable Instant notBefore) implements DeliveryOutcome {
    /** {@return the earliest time to try again, when the destination said} */
    public Optional<Instant> earliest() {
      return Optional.ofNullable(notBefore);
    }
  }
}
