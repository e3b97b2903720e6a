package io.unisync.salesforce;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonId;
import io.unisync.core.port.CrmDirectory;
import io.unisync.salesforce.internal.SalesforceHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Where people live in Salesforce: a person's contact, or their lead (a converted lead followed to its contact), the
 * contact's account and the opportunities it has a role in ({@code OpportunityContactRole}). At most four queries a
 * look-up, whatever the number of people. Thread-safe.
 */
public final class SalesforceCrmDirectory implements CrmDirectory {

  private final SalesforceHttp http;

  private SalesforceCrmDirectory(Salesforce salesforce) {
    this.http = salesforce.http();
  }

  /**
   * The directory over a connection: which Contact or Lead a person is in the org.
   *
   * @param salesforce the connection
   * @return the directory
   */
  public static SalesforceCrmDirectory create(Salesforce salesforce) {
    return new SalesforceCrmDirectory(salesforce);
  }

  @Override
  public List<CrmLinks> lookUp(Collection<Person> people, Instant now) {
    Map<PersonId, String> contacts = new HashMap<>();
    Map<PersonId, String> leads = new HashMap<>();
    List<PersonId> ids = new ArrayList<>();
    for (Person person : people) {
      PersonId id = person.id();
      ids.add(id);
      if (person.salesforceContactId() != null) {
        contacts.put(id, person.salesforceContactId());
      } else if (person.salesforceLeadId() != null) {
        leads.put(id, person.salesforceLeadId());
      }
    }
    Map<String, String> converted = new HashMap<>();
    Set<String> liveLeads = new LinkedHashSet<>();
    if (!leads.isEmpty()) {
      for (JsonNode lead : http.queryByIds("SELECT Id, IsConverted, ConvertedContactId FROM Lead WHERE Id IN (" + SalesforceHttp.soqlList(leads.values()) + ")",
          "Id", leads.values())) {
        String leadId = lead.path("Id").asString();
        if (lead.path("IsConverted").asBoolean(false) && lead.hasNonNull("ConvertedContactId")) {
          converted.put(leadId, lead.path("ConvertedContactId").asString());
        } else {
          liveLeads.add(leadId);
        }
      }
    }
    leads.forEach((person, lead) -> {
      if (converted.containsKey(lead)) {
        contacts.put(person, converted.get(lead));
      }
    });
    Map<String, String> accounts = new HashMap<>();
    Map<String, List<String>> opportunities = new HashMap<>();
    if (!contacts.isEmpty()) {
      String contactList = SalesforceHttp.soqlList(contacts.values());
      for (JsonNode contact : http.queryByIds("SELECT Id, AccountId FROM Contact WHERE Id IN (" + contactList + ")", "Id", contacts.values())) {
        accounts.put(contact.path("Id").asString(), contact.hasNonNull("AccountId") ? contact.path("AccountId").asString() : "");
      }
      for (JsonNode role : http.queryByIds("SELECT ContactId, OpportunityId FROM OpportunityContactRole WHERE ContactId IN (" + contactList + ")",
          "ContactId", contacts.values())) {
        opportunities.computeIfAbsent(role.path("ContactId").asString(), c -> new ArrayList<>()).add(role.path("OpportunityId").asString());
      }
    }
    List<CrmLinks> found = new ArrayList<>();
    for (PersonId id : ids) {
      String contact = contacts.get(id);
      if (contact != null && accounts.containsKey(contact)) {
        String account = accounts.get(contact);
        found.add(new CrmLinks(id, null, contact, account.isEmpty() ? null : account, opportunities.getOrDefault(contact, List.of()), now));
      } else if (leads.containsKey(id) && liveLeads.contains(leads.get(id))) {
        found.add(new CrmLinks(id, leads.get(id), null, null, List.of(), now));
      }
    }
    return found;
  }

  @Override
  public String toString() {
    return "SalesforceCrmDirectory[" + http + "]";
  }
}
