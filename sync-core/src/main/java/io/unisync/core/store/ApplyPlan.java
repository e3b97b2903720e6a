package io.unisync.core.store;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.ApplyResult;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.PersonRemoval;
import io.unisync.core.port.StoreBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes a {@link StoreBatch} really needs, given what the store holds: the rules every store shares,
 * so that all of them decide alike.
 *
 * <ul>
 *   <li>an upsert over a newer stored version is <em>stale</em> and skipped (a person never moves back);
 *   <li>an upsert with the stored fingerprint is <em>unchanged</em> and skipped (nothing is rewritten);
 *   <li>a removal carrying an older version than the stored one is stale and skipped;
 *   <li>a removal of a person who is not stored does nothing.
 * </ul>
 *
 * <p>Stores read the current versions of the batch's ids inside their transaction, call {@link #of}, and
 * write {@link #writes()} and {@link #deletes()}; a store that can express the same rules in its write
 * statements should still guard them there against concurrent writers.
 *
 * @param writes upserts to insert or update
 * @param deletes ids to delete
 * @param result the counts to report
 */
public record ApplyPlan(List<PersonUpsert> writes, List<PersonId> deletes, ApplyResult result) {

  /**
   * Every id the batch touches, for reading their stored versions in one query.
   *
   * @param batch the batch
   * @return the ids
   */
  public static Set<PersonId> idsOf(StoreBatch batch) {
    java.util.LinkedHashSet<PersonId> ids = new java.util.LinkedHashSet<>();
    batch.upserts().forEach(u -> ids.add(u.person().id()));
    batch.removals().forEach(r -> ids.add(r.id()));
    return ids;
  }

  /**
   * Plans a batch.
   *
   * @param batch the batch
   * @param stored the stored versions of (at least) the batch's ids; absent ids are not stored
   * @return the plan
   */
  public static ApplyPlan of(StoreBatch batch, Map<PersonId, StoredVersion> stored) {
    List<PersonUpsert> writes = new ArrayList<>(batch.upserts().size());
    List<PersonId> deletes = new ArrayList<>(batch.removals().size());
    int unchanged = 0;
    int stale = 0;
    for (PersonUpsert upsert : batch.upserts()) {
      StoredVersion current = stored.get(upsert.person().id());
      if (current == null) {
        writes.add(upsert);
      } else if (current.sourceUpdatedAt().isAfter(upsert.sourceUpdatedAt())) {
        stale++;
      } else if (current.fingerprint().equals(upsert.fingerprint())) {
        unchanged++;
      } else {
        writes.add(upsert);
      }
    }
    for (PersonRemoval removal : batch.removals()) {
      StoredVersion current = stored.get(removal.id());
      if (current == null) {
        continue;
      }
      if (removal.sourceUpdatedAt() != null && current.sourceUpdatedAt().isAfter(removal.sourceUpdatedAt())) {
        stale++;
      } else {
        deletes.add(removal.id());
      }
    }
    ApplyResult result = new ApplyResult(writes.size(), unchanged, stale, deletes.size(), batch.rejections().size());
    return new ApplyPlan(List.copyOf(writes), List.copyOf(deletes), result);
  }
}
