package io.unisync.core.engine.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.InvalidValueException;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.rule.EligibilityRule;
import io.unisync.core.rule.FieldMapping;
import io.unisync.core.rule.MappingResult;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What a source record means for the store: the eligibility rule and the field mapping, in one place for every pass. */
final class RecordRules {

  /** The verdict on one record. */
  sealed interface Verdict permits Keep, Ineligible, Refuse {}

  /** Eligible and mapped: store it. */
  record Keep(PersonUpsert upsert) implements Verdict {}

  /** Not eligible: not in the store (removed when its id is readable), as of {@code version}. */
  record Ineligible(Optional<PersonId> id, @Nullable Instant version) implements Verdict {}

  /** Not read whole, or not mappable: quarantined; no evidence for anything. */
  record Refuse(QuarantinedRecord record) implements Verdict {}

  private final EligibilityRule rule;
  private final FieldMapping mapping;

  RecordRules(EligibilityRule rule, FieldMapping mapping) {
    this.rule = rule;
    this.mapping = mapping;
  }

  /** Whether a record read whole is eligible (a census record holds what eligibility reads, if not the mapped fields). */
  boolean eligible(SourceRecord record) {
    return record.readProblem().isEmpty() && rule.isEligible(record);
  }

  Verdict judge(SourceRecord record, Instant now) {
    if (record.readProblem().isPresent()) {
      return new Refuse(new QuarantinedRecord(record.sourceId(), "Unreadable record "
          + (record.sourceId().isBlank() ? "(no id)" : record.sourceId()) + ": " + record.readProblem().get(), record.toPayload(), now));
    }
    if (!rule.isEligible(record)) {
      return new Ineligible(parseId(record), record.updatedAt());
    }
    MappingResult result = mapping.map(record, now);
    if (result instanceof MappingResult.Mapped mapped) {
      return new Keep(PersonUpsert.of(mapped.person(), mapped.sourceUpdatedAt()));
    }
    if (result instanceof MappingResult.Rejected rejected) {
      return new Refuse(new QuarantinedRecord(rejected.sourceId(), rejected.reason(), rejected.payload(), now));
    }
    throw new IllegalStateException("unhandled mapping result " + result.getClass().getName());
  }

  /**
   * What a source's answer to a read of ids is evidence of: the ids it held, and whether every record's id could be
   * read. Only an answer read whole is evidence that a person it lacks is gone.
   */
  record Answer(java.util.Set<PersonId> held, boolean everyIdReadable) {

    static Answer of(java.util.List<SourceRecord> records) {
      java.util.Set<PersonId> held = new java.util.HashSet<>();
      boolean everyIdReadable = true;
      for (SourceRecord record : records) {
        Optional<PersonId> id = parseId(record);
        id.ifPresent(held::add);
        everyIdReadable &= id.isPresent();
      }
      return new Answer(held, everyIdReadable);
    }
  }

  static Optional<PersonId> parseId(SourceRecord record) {
    try {
      return Optional.of(PersonId.of(record.sourceId()));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }
}
