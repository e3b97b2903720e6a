package io.unisync.core.rule;

import io.unisync.core.domain.Person;
import java.time.Instant;

/**
 * What became of one source record: a valid {@link Mapped} person, or a {@link Rejected} record with the
 * reason. Rejection is a value, not an exception, so one bad record never ends a run.
 */
public sealed interface MappingResult permits MappingResult.Mapped, MappingResult.Rejected {

  /** The record mapped to a valid person at the given source version. */
  record Mapped(Person person, Instant sourceUpdatedAt) implements MappingResult {}

  /**
   * The record could not be mapped.
   *
   * @param sourceId the record's id as the source sent it (possibly blank)
   * @param reason what is wrong, naming the field and the record; never the offending value
   * @param payload the record rendered for quarantine ({@link io.unisync.core.domain.SourceRecord#toPayload()})
   */
  record Rejected(String sourceId, String reason, String payload) implements MappingResult {}
}
