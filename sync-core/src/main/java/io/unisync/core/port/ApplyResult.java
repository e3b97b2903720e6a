package io.unisync.core.port;

/**
 * What a store did with one {@link StoreBatch}.
 *
 * @param written upserts that inserted or changed a row
 * @param unchanged upserts skipped because the stored fingerprint was equal
 * @param stale upserts or removals skipped because the store held a newer source version
 * @param removed removals that deleted a row (removing an absent person counts nowhere)
 * @param quarantined records added to the quarantine
 */
public record ApplyResult(int written, int unchanged, int stale, int removed, int quarantined) {

  /** Nothing written. */
  public static final ApplyResult NOTHING = new ApplyResult(0, 0, 0, 0, 0);
}
