package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one commit writes: upserts, removals, quarantined records and the new checkpoint. A store
 * applies all of it in one atomic step or none of it.
 *
 * @param upserts people to insert or update; each id at most once
 * @param removals people to remove; no id both upserted and removed
 * @param rejections records to quarantine
 * @param checkpoint the checkpoint to store with this data
 */
public record StoreBatch(
    List<PersonUpsert> upserts,
    List<PersonRemoval> removals,
    List<QuarantinedRecord> rejections,
    Checkpoint checkpoint) {

  /**
   * Copies the lists and checks no person is both upserted and removed.
   *
   * @param upserts people to insert or update; each id at most once
   * @param removals people to remove; no id both upserted and removed
   * @param rejections records to quarantine
   * @param checkpoint the checkpoint to store with this data
   */
  public StoreBatch {
    upserts = List.copyOf(upserts);
    removals = List.copyOf(removals);
    rejections = List.copyOf(rejections);
    Set<PersonId> seen = new HashSet<>();
    for (PersonUpsert upsert : upserts) {
      if (!seen.add(upsert.person().id())) {
        throw new IllegalArgumentException("person " + upsert.person().id() + " is upserted twice in one batch");
      }
    }
    for (PersonRemoval removal : removals) {
      if (!seen.add(removal.id())) {
        throw new IllegalArgumentException("person " + removal.id() + " appears twice in one batch");
      }
    }
  }

  /**
   * A batch that only moves the checkpoint.
   *
   * @param checkpoint the new checkpoint
   * @return the batch
   */
  public static StoreBatch checkpointOnly(Checkpoint checkpoint) {
    return new StoreBatch(List.of(), List.of(), List.of(), checkpoint);
  }

  /** {@return whether the batch writes anything besides the checkpoint} */
  public boolean hasData() {
    return !upserts.isEmpty() || !removals.isEmpty() || !rejections.isEmpty();
  }
}
