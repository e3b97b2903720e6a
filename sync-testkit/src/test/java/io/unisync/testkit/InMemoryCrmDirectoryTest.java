package io.unisync.testkit;

import io.unisync.core.port.CrmDirectory;
import io.unisync.testkit.contract.CrmDirectoryContract;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

class InMemoryCrmDirectoryTest extends CrmDirectoryContract {

  @Override
  protected Fixture newFixture() {
    InMemoryCrmDirectory directory = new InMemoryCrmDirectory();
    AtomicInteger ids = new AtomicInteger();
    return new Fixture() {
      private String id(String prefix) {
        return SamplePeople.salesforceId(prefix, ids.incrementAndGet());
      }

      @Override
      public CrmDirectory directory() {
        return directory;
      }

      @Override
      public String[] contactWithAccount() {
        String account = id("001");
        String contact = id("003");
        directory.addContact(contact, account, List.of());
        return new String[] {account, contact};
      }

      @Override
      public String opportunityOf(String contactId) {
        String opportunity = id("006");
        directory.addRole(contactId, opportunity);
        return opportunity;
      }

      @Override
      public String lead() {
        String lead = id("00Q");
        directory.addLead(lead);
        return lead;
      }

      @Override
      public String convertedLead(String contactId) {
        String lead = id("00Q");
        directory.convertLead(lead, contactId);
        return lead;
      }

      @Override
      public String missingContactId() {
        return id("003");
      }
    };
  }
}
