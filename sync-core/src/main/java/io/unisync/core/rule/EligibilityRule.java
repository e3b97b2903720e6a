package io.unisync.core.rule;

import io.unisync.core.domain.SourceRecord;
import java.util.Set;

/**
 * Decides whether a source record belongs in the store. Implementations are pure functions of the
 * record, thread-safe and fast: the engine calls them for every record it reads.
 */
public interface EligibilityRule {

  /**
   * Whether the record belongs in the store.
   *
   * @param record the record
   * @return whether eligible
   */
  boolean isEligible(SourceRecord record);

  /**
   * The source fields this rule reads. A change to any of them can make a person enter or leave the
   * store, so the incremental sync keeps such changes even though no synced field moved.
   *
   * @return the field names
   */
  Set<String> fieldsRead();

  /**
   * The standard rule: the person has a sales owner. Any non-blank value in {@code ownerField} counts
   * (a user or a queue id); the source adapter says which field that is.
   *
   * @param ownerField the owner's source field
   * @return the rule
   */
  static EligibilityRule hasSalesOwner(String ownerField) {
    return new HasSalesOwner(ownerField);
  }
}
