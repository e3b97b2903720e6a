package io.unisync.core.domain;

import io.unisync.core.error.InvalidValueException;
import org.jspecify.annotations.Nullable;

/**
 * The seller who performed an activity.
 *
 * @param id the host's id of the seller (not personal data)
 * @param salesforceUserId the seller's Salesforce user id, used as the Task owner; absent when unknown
 */
public record Seller(String id, @Nullable String salesforceUserId) {

  /**
   * Checks and strips the id: 1 to 100 characters, not blank.
   *
   * @param id the host's id of the seller (not personal data)
   * @param salesforceUserId the seller's Salesforce user id, used as the Task owner; absent when unknown
   */
  public Seller {
    if (id == null || id.isBlank() || id.length() > 100) {
      throw new InvalidValueException("seller.id", "must be 1 to 100 characters");
    }
    id = id.strip();
    salesforceUserId = PersonField.SALESFORCE_LEAD_ID.normaliseAs("seller.salesforceUserId", salesforceUserId);
  }

  /**
   * The seller {@code id}.
   *
   * @param id the seller's id
   * @return the seller
   */
  public static Seller of(String id) {
    return new Seller(id, null);
  }
}
