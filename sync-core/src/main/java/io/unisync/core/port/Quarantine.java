package io.unisync.core.port;

import java.util.List;

/** The records a store refused, each with its reason, waiting for someone to look: read-only. Thread-safe. */
public interface Quarantine {

  /**
   * Quarantined records, oldest first.
   *
   * @param offset how many to skip
   * @param limit the most to return
   * @return the records
   */
  List<QuarantinedRecord> quarantined(int offset, int limit);

  /** {@return how many records are in quarantine} */
  long quarantineCount();
}
