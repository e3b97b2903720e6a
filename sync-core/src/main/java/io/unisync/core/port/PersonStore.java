package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Actions store of people (a database in production). The engine is its only writer, through
 * {@link #apply}; hosts read it through the engine's read-only people API.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #apply} is atomic: upserts, removals, quarantined records and the checkpoint commit
 *       together or not at all. After a failure, {@link #checkpoint()} still returns the previous one.
 *   <li>An upsert never replaces a newer source version with an older one, and a row whose fingerprint is
 *       unchanged is not rewritten. The same holds for a removal that carries a version.
 *   <li>Reads return copies; nothing the caller does to a result changes the store.
 *   <li>Implementations are thread-safe. Failures are {@link io.unisync.core.error.AdapterException}s
 *       (retryable when the database may recover), with the driver's exception as the cause.
 * </ul>
 * {@code PersonStoreContract} in {@code unisync-testkit} checks all of this.
 */
public interface PersonStore {

  /** Applies one batch and its checkpoint atomically. */
  ApplyResult apply(StoreBatch batch);

  /** The last committed checkpoint, or empty before the first commit. */
  Optional<Checkpoint> checkpoint();

  /** One person by id. */
  Optional<StoredPerson> findById(PersonId id);

  /**
   * Every person with this e-mail address, compared case-insensitively, ordered by id. Several people may
   * share one address: identity is the Marketo id.
   */
  List<StoredPerson> findByEmail(String email);

  /**
   * Every person whose Salesforce contact id or lead id is {@code salesforceId} (18-character form),
   * ordered by id: the way back from a CRM record to Actions people.
   */
  List<StoredPerson> findBySalesforceId(String salesforceId);

  /**
   * A page of people in ascending id order.
   *
   * @param after the last id of the previous page, or {@code null} for the first page
   * @param limit the most people to return (at least 1)
   */
  List<StoredPerson> page(@Nullable PersonId after, int limit);

  /** How many people are stored. */
  long count();

  /**
   * Quarantined records, oldest first.
   *
   * @param offset how many to skip
   * @param limit the most to return
   */
  List<QuarantinedRecord> quarantined(int offset, int limit);

  /** How many records are in quarantine. */
  long quarantineCount();

  /**
   * This store with every write fenced by {@code fence}: each write checks, in its own transaction, that the
   * lease has no newer epoch; otherwise nothing of it commits and it throws
   * {@link io.unisync.core.error.LeaseLostException}. Reads are not fenced. The view shares this store's data.
   */
  PersonStore fencedBy(Fence fence);
}
