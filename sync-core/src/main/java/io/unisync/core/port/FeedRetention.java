package io.unisync.core.port;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a source keeps what its change feed is read from. A stored change position read through longer ago than
 * this no longer tells what happened since: the feed has forgotten part of it, and only a reconciliation can find it.
 * Marketo keeps Delete Lead activities 14 days and Change Data Value activities 90 days (its data retention policy);
 * New Lead activities for ever.
 *
 * @param removals how long the feed keeps deletions: past it, a person deleted meanwhile stays in the store
 * @param changes how long the feed keeps field changes: past it, a stored person may hold old values, and a person who
 *     gained a sales owner meanwhile may be missing
 */
public record FeedRetention(Duration removals, Duration changes) {

  /**
   * Checks both retentions are positive.
   *
   * @param removals how long the feed keeps deletions: past it, a person deleted meanwhile stays in the store
   * @param changes how long the feed keeps field changes: past it, a stored person may hold old values, and a person
   *     who gained a sales owner meanwhile may be missing
   */
  public FeedRetention {
    Objects.requireNonNull(removals, "removals");
    Objects.requireNonNull(changes, "changes");
    if (removals.isNegative() || removals.isZero() || changes.isNegative() || changes.isZero()) {
      throw new IllegalArgumentException("retentions must be positive, were " + removals + " and " + changes);
    }
  }

  /** {@return the shortest of the two: a gap longer than it is a breach} */
  public Duration shortest() {
    return removals.compareTo(changes) <= 0 ? removals : changes;
  }
}
