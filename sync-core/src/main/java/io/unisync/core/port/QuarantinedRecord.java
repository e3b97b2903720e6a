package io.unisync.core.port;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A source record the engine could not accept, kept with the reason so nothing is silently lost.
 *
 * @param sourceId the id as the source sent it (possibly blank)
 * @param reason what is wrong, naming the field and the record
 * @param payload the record as text, control characters escaped
 * @param rejectedAt when it was rejected
 */
public record QuarantinedRecord(String sourceId, String reason, String payload, Instant rejectedAt) {

  /**
   * Truncates the rejection time to microseconds, the stores' precision.
   *
   * @param sourceId the id as the source sent it (possibly blank)
   * @param reason what is wrong, naming the field and the record
   * @param payload the record as text, control characters escaped
   * @param rejectedAt when it was rejected
   */
  public QuarantinedRecord {
    rejectedAt = rejectedAt.truncatedTo(ChronoUnit.MICROS);
  }

  /** Shows id and reason only: the payload is personal data. */
  @Override
  public String toString() {
    return "QuarantinedRecord[sourceId=" + sourceId + ", reason=" + reason + ", rejectedAt=" + rejectedAt + "]";
  }
}
