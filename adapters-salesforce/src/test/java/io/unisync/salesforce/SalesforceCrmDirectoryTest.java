package io.unisync.salesforce;

import io.unisync.core.port.CrmDirectory;
import io.unisync.testkit.contract.CrmDirectoryContract;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

class SalesforceCrmDirectoryTest extends CrmDirectoryContract {

  private SalesforceFixture world;

  @Override
  protected Fixture newFixture() {
    world = new SalesforceFixture(0, null, 1_000_000);
    SalesforceCrmDirectory directory = Salesforce.connect(world.clientCredentials()).crmDirectory();
    return new Fixture() {
      @Override
      public CrmDirectory directory() {
        return directory;
      }

      @Override
      public String[] contactWithAccount() {
        String account = world.sim.insert("Account", Map.of("Name", "Globex"), SalesforceFixture.SALES_USER);
        String contact = world.sim.insert("Contact", Map.of("LastName", "Someone", "AccountId", account), SalesforceFixture.SALES_USER);
        return new String[] {account, contact};
      }

      @Override
      public String opportunityOf(String contactId) {
        String opportunity = world.sim.insert("Opportunity", Map.of("Name", "Deal"), SalesforceFixture.SALES_USER);
        world.sim.insert("OpportunityContactRole", Map.of("ContactId", contactId, "OpportunityId", opportunity), SalesforceFixture.SALES_USER);
        return opportunity;
      }

      @Override
      public String lead() {
        return world.sim.insert("Lead", Map.of("LastName", "Lead", "IsConverted", false), SalesforceFixture.SALES_USER);
      }

      @Override
      public String convertedLead(String contactId) {
        return world.sim.insert("Lead", Map.of("LastName", "Was a lead", "IsConverted", true, "ConvertedContactId", contactId),
            SalesforceFixture.SALES_USER);
      }

      @Override
      public String missingContactId() {
        return "003000000000999ZZZ";
      }
    };
  }

  @AfterEach
  void stop() {
    world.close();
  }
}
