package io.unisync.core.port;

import io.unisync.core.domain.SourceRecord;
import java.util.List;

/**
 * Changes read from a source's feed, in feed order.
 *
 * @param changes the changes after the requested position; may be empty even when {@code hasMore}
 * @param next the position after these changes
 * @param hasMore whether the feed has more changes right now
 * @param unreadable feed entries the source could not read (a merge naming a non-numeric id, an entry without a
 *     lead id, ...), as {@link SourceRecord#unreadable unreadable records}: the engine quarantines them with their
 *     reason and the feed moves on past them
 */
public record ChangeBatch(List<PersonChange> changes, SourcePosition next, boolean hasMore, List<SourceRecord> unreadable) {

  /**
   * Copies the changes and the unreadable entries.
   *
   * @param changes the changes after the requested position; may be empty even when {@code hasMore}
   * @param next the position after these changes
   * @param hasMore whether the feed has more changes right now
   * @param unreadable feed entries the source could not read (a merge naming a non-numeric id, an entry without a lead
   *     id, ...), as {@link SourceRecord#unreadable unreadable records}: the engine quarantines them with their reason
   *     and the feed moves on past them
   */
  public ChangeBatch {
    changes = List.copyOf(changes);
    unreadable = List.copyOf(unreadable);
  }

  /**
   * A batch in which every entry could be read.
   *
   * @param changes the changes
   * @param next the position after them
   * @param hasMore whether the source has more after it
   */
  public ChangeBatch(List<PersonChange> changes, SourcePosition next, boolean hasMore) {
    this(changes, next, hasMore, List.of());
  }
}
