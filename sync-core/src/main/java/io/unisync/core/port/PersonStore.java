package io.unisync.core.port;

import java.util.Optional;

/**
 * The Actions store of people (a database in production). The engine is its only writer, through
 * {@link #apply}; hosts read it through the engine's read-only people API. Its reads are split by who needs them:
 * {@link PersonReader} (the engine's people API, the CRM adapters) and {@link Quarantine} (whoever looks after refused
 * records); a collaborator that only reads is given only those.
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
public interface PersonStore extends PersonReader, Quarantine {

  /**
   * Applies one batch and its checkpoint atomically.
   *
   * @param batch the batch and its checkpoint
   * @return what was applied
   */
  ApplyResult apply(StoreBatch batch);

  /**
   * Quarantines records refused outside a person batch (a CRM row whose fields cannot be read, for example), each with
   * its reason, in one atomic step; fenced like {@link #apply}. The checkpoint is not touched.
   *
   * @param records the records
   */
  void quarantine(java.util.List<QuarantinedRecord> records);

  /** {@return the last committed checkpoint, or empty before the first commit} */
  Optional<Checkpoint> checkpoint();

  /**
   * This store with every write fenced by {@code fence}: each write checks, in its own transaction, that the
   * lease has no newer epoch; otherwise nothing of it commits and it throws
   * {@link io.unisync.core.error.LeaseLostException}. Reads are not fenced. The view shares this store's data.
   *
   * @param fence the fence
   * @return the fenced view
   */
  PersonStore fencedBy(Fence fence);
}
