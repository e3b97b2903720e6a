package io.unisync.core.port;

/** The life of an outbox entry. */
public enum OutboxState {
  /** Waiting for delivery (possibly leased to a dispatcher right now, or waiting for a retry time). */
  PENDING,
  /** Delivered; kept for idempotency (recording the same activity again adds nothing). */
  DELIVERED,
  /** Given up on, with the reason; can be replayed. */
  DEAD
}
