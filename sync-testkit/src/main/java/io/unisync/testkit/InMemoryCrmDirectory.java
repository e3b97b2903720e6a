package io.unisync.testkit;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.Person;
import io.unisync.core.port.CrmDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A CRM's people in memory: contacts with an account and opportunities, leads that may be converted to a contact.
 * Counts its look-ups, so a test can tell stored links from fresh reads. Thread-safe.
 */
public final class InMemoryCrmDirectory implements CrmDirectory {

  private record Contact(@Nullable String accountId, List<String> opportunityIds) {}

  private final Map<String, Contact> contacts = new HashMap<>();
  private final Map<String, @Nullable String> leads = new HashMap<>(); // lead id -> converted contact, or null while live
  private int lookUps;

  /**
   * A contact of {@code accountId} (may be null) with a role in {@code opportunityIds}.
   *
   * @param contactId the contact's id
   * @param accountId the account's id, or {@code null}
   * @param opportunityIds the opportunities it has a role in
   * @return this directory
   */
  public synchronized InMemoryCrmDirectory addContact(String contactId, @Nullable String accountId, List<String> opportunityIds) {
    contacts.put(contactId, new Contact(accountId, List.copyOf(opportunityIds)));
    return this;
  }

  /**
   * The contact (which must exist) gets a role in the opportunity.
   *
   * @param contactId the contact's id
   * @param opportunityId the opportunity's id
   * @return this directory
   */
  public synchronized InMemoryCrmDirectory addRole(String contactId, String opportunityId) {
    Contact known = contacts.get(contactId);
    if (known == null) {
      throw new IllegalArgumentException("no contact " + contactId);
    }
    List<String> roles = new ArrayList<>(known.opportunityIds());
    roles.add(opportunityId);
    contacts.put(contactId, new Contact(known.accountId(), roles));
    return this;
  }

  /**
   * An unconverted lead.
   *
   * @param leadId the lead's id
   * @return this directory
   */
  public synchronized InMemoryCrmDirectory addLead(String leadId) {
    leads.put(leadId, null);
    return this;
  }

  /**
   * The lead becomes the contact (which must exist).
   *
   * @param leadId the lead's id
   * @param contactId the contact's id
   * @return this directory
   */
  public synchronized InMemoryCrmDirectory convertLead(String leadId, String contactId) {
    leads.put(leadId, contactId);
    return this;
  }

  /**
   * The record is deleted.
   *
   * @param id the record's id
   * @return this directory
   */
  public synchronized InMemoryCrmDirectory remove(String id) {
    contacts.remove(id);
    leads.remove(id);
    return this;
  }

  /** {@return look-ups made so far} */
  public synchronized int lookUps() {
    return lookUps;
  }

  @Override
  public synchronized List<CrmLinks> lookUp(Collection<Person> people, Instant resolvedAt) {
    lookUps++;
    List<CrmLinks> found = new ArrayList<>();
    for (Person person : people) {
      String contact = person.salesforceContactId();
      String lead = person.salesforceLeadId();
      if (contact == null && lead != null && leads.containsKey(lead)) {
        contact = leads.get(lead);
        if (contact == null) {
          found.add(new CrmLinks(person.id(), lead, null, null, List.of(), resolvedAt));
          continue;
        }
      }
      Contact known = contact == null ? null : contacts.get(contact);
      if (known != null) {
        found.add(new CrmLinks(person.id(), null, contact, known.accountId(), known.opportunityIds(), resolvedAt));
      }
    }
    return found;
  }
}
