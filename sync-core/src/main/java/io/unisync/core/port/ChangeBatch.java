package io.unisync.core.port;

import java.util.List;

/**
 * Changes read from a source's feed, in feed order.
 *
 * @param changes the changes after the requested position; may be empty even when {@code hasMore}
 * @param next the position after these changes
 * @param hasMore whether the feed has more changes right now
 */
public record ChangeBatch(List<PersonChange> changes, SourcePosition next, boolean hasMore) {

  public ChangeBatch {
    changes = List.copyOf(changes);
  }
}
