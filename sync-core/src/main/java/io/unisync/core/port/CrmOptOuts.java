package io.unisync.core.port;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The CRM's e-mail opt-out flags (Salesforce Lead/Contact {@code HasOptedOutOfEmail}): set them, and read
 * the ones that changed. Thread-safe; failures are {@link io.unisync.core.error.AdapterException}s.
 */
public interface CrmOptOuts {

  /** One CRM record whose opt-out flag changed (by someone other than this integration). */
  record Change(String crmId, boolean optedOut, java.time.Instant modifiedAt) {}

  /**
   * Changes read, the watermark to read from next time, and the rows that could not be read (each with the reason,
   * naming the record and the field), which the engine quarantines: one bad row never blocks the others or the next pass.
   */
  record Changes(List<Change> changes, String watermark, List<QuarantinedRecord> unreadable) {
    /**
     * Copies the changes and the unreadable rows.
     *
     * @param changes the opt-out changes, oldest first
     * @param watermark where the next read starts
     * @param unreadable rows that could not be read, each with its reason
     */
    public Changes {
      changes = List.copyOf(changes);
      unreadable = List.copyOf(unreadable);
    }

    /**
     * Changes without unreadable rows.
     *
     * @param changes the changes
     * @param watermark where the next read starts
     */
    public Changes(List<Change> changes, String watermark) {
      this(changes, watermark, List.of());
    }
  }

  /** A record the CRM refused to opt out for good (a converted Lead, a record without access), and why. */
  record Refusal(String crmId, String reason) {}

  /**
   * Sets the opt-out flag on these CRM records (lead or contact ids).
   *
   * @return the records the CRM refused for good; a refusal that may pass later (a locked row) throws
   *     {@link io.unisync.core.error.RetryableAdapterException} instead, so the push is repeated
   * @param crmIds the records' ids
   */
  List<Refusal> optOut(Collection<String> crmIds);

  /**
   * Opt-out changes after a watermark, oldest first; without a watermark, every record currently opted
   * out. Our own writes are left out (no echo). Reading the same watermark again is harmless.
   *
   * @param watermark where the previous read ended, if it did
   * @return the changes and the next watermark
   */
  Changes changesSince(Optional<String> watermark);
}
