package io.unisync.core.port;

import io.unisync.core.domain.SourceRecord;
import java.util.List;

/**
 * One page of a source's snapshot.
 *
 * @param records the records of this page, each at most once; may be empty
 * @param resumeAfter the position after this page: reading again from it returns the next page
 * @param last whether this page ends the snapshot
 */
public record SnapshotPage(List<SourceRecord> records, SnapshotPosition resumeAfter, boolean last) {

  /**
   * Copies the records.
   *
   * @param records the records of this page, each at most once; may be empty
   * @param resumeAfter the position after this page: reading again from it returns the next page
   * @param last whether this page ends the snapshot
   */
  public SnapshotPage {
    records = List.copyOf(records);
  }
}
