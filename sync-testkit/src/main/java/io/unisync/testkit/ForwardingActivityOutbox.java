package io.unisync.testkit;

import io.unisync.core.domain.ActivityId;
import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An outbox that hands every call to another one: override what a test needs to change (a process that stalls after
 * its claim, a completion that comes late) and leave the rest. Thread-safe when the outbox it forwards to is.
 */
public class ForwardingActivityOutbox implements ActivityOutbox {

  private final ActivityOutbox delegate;

  /**
   * An outbox that hands every call to {@code delegate}.
   *
   * @param delegate the outbox behind it
   */
  public ForwardingActivityOutbox(ActivityOutbox delegate) {
    this.delegate = delegate;
  }

  @Override
  public int enqueue(List<OutboxDraft> drafts) {
    return delegate.enqueue(drafts);
  }

  @Override
  public List<OutboxEntry> claim(Destination destination, int max, Instant now, Duration lease) {
    return delegate.claim(destination, max, now, lease);
  }

  @Override
  public int complete(List<OutboxEntry> claimed, Instant now) {
    return delegate.complete(claimed, now);
  }

  @Override
  public boolean retryLater(OutboxEntry claimed, String reason, Instant dueAt, Instant now) {
    return delegate.retryLater(claimed, reason, dueAt, now);
  }

  @Override
  public boolean deadLetter(OutboxEntry claimed, String reason, Instant now) {
    return delegate.deadLetter(claimed, reason, now);
  }

  @Override
  public List<OutboxEntry> deadLetters(Destination destination, int offset, int limit) {
    return delegate.deadLetters(destination, offset, limit);
  }

  @Override
  public int replay(Destination destination, List<ActivityId> ids, Instant now) {
    return delegate.replay(destination, ids, now);
  }

  @Override
  public Map<OutboxState, Long> counts(Destination destination) {
    return delegate.counts(destination);
  }
}
