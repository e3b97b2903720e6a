package io.unisync.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a person lives in the CRM: the records activities are logged against.
 *
 * @param person the Marketo id
 * @param leadId the unconverted Salesforce lead, if the person is one
 * @param contactId the contact (a converted lead's contact included)
 * @param accountId the contact's account
 * @param opportunityIds open opportunities the contact has a role in
 * @param resolvedAt when these links were read from the CRM
 */
public record CrmLinks(PersonId person, @Nullable String leadId, @Nullable String contactId, @Nullable String accountId,
    List<String> opportunityIds, Instant resolvedAt) {

  /**
   * Copies the opportunity ids.
   *
   * @param person the Marketo id
   * @param leadId the unconverted Salesforce lead, if the person is one
   * @param contactId the contact (a converted lead's contact included)
   * @param accountId the contact's account
   * @param opportunityIds open opportunities the contact has a role in
   * @param resolvedAt when these links were read from the CRM
   */
  public CrmLinks {
    opportunityIds = List.copyOf(opportunityIds);
  }

  /** {@return the Task's Who: the contact, else the lead} */
  public Optional<String> who() {
    return Optional.ofNullable(contactId != null ? contactId : leadId);
  }

  /** {@return the Task's What: only for a contact: an opportunity, else the account} */
  public Optional<String> what() {
    if (contactId == null) {
      return Optional.empty();
    }
    return opportunityIds.isEmpty() ? Optional.ofNullable(accountId) : Optional.of(opportunityIds.get(0));
  }
}
