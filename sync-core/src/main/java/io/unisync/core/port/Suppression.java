package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.time.Instant;

/**
 * A person who must not be e-mailed.
 *
 * @param person who
 * @param origin where the opt-out came from
 * @param reason free text for people reading the list (no personal data)
 * @param since when it started
 */
public record Suppression(PersonId person, Origin origin, String reason, Instant since) {

  /** Where an opt-out came from. */
  public enum Origin {
    /** The seller or the person, in the Actions app. */
    ACTIONS,
    /** The CRM (Salesforce {@code HasOptedOutOfEmail}). */
    CRM
  }
}
