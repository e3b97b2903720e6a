package io.unisync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.port.CrmDirectory;
import io.unisync.testkit.SamplePeople;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CrmDirectory} must have. Provide a {@link Fixture} that can create CRM records; the suite
 * makes people pointing at them.
 */
public abstract class CrmDirectoryContract {

  /** A directory and a way to put records into the CRM behind it. */
  protected interface Fixture {
    /**
     * The directory under test.
     *
     * @return the directory
     */
    CrmDirectory directory();

    /**
     * Creates an account and a contact of it; returns {account id, contact id}.
     *
     * @return the account's and the contact's ids
     */
    String[] contactWithAccount();

    /**
     * Creates an opportunity in which {@code contactId} has a role; returns its id.
     *
     * @param contactId the contact
     * @return the opportunity's id
     */
    String opportunityOf(String contactId);

    /**
     * Creates an unconverted lead; returns its id.
     *
     * @return the lead's id
     */
    String lead();

    /**
     * Creates a lead already converted to {@code contactId}; returns its id.
     *
     * @param contactId the contact
     * @return the lead's id
     */
    String convertedLead(String contactId);

    /** {@return an id of the right shape that no record has} */
    String missingContactId();
  }

  /**
   * A fresh fixture over an empty CRM. Called before each test.
   *
   * @return the fixture
   */
  protected abstract Fixture newFixture();

  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
  private Fixture fixture;

  @BeforeEach
  void setUp() {
    fixture = newFixture();
  }

  private static Person person(long n, @Nullable String contactId, @Nullable String leadId) {
    return SamplePeople.person(n).with(PersonField.SALESFORCE_CONTACT_ID, contactId).with(PersonField.SALESFORCE_LEAD_ID, leadId);
  }

  @Test
  void aContactComesWithItsAccountAndTheStampAskedFor() {
    String[] contact = fixture.contactWithAccount();

    assertThat(fixture.directory().lookUp(List.of(person(1, contact[1], null)), AT)).singleElement().satisfies(l -> {
      assertThat(l.person()).isEqualTo(person(1, null, null).id());
      assertThat(l.contactId()).isEqualTo(contact[1]);
      assertThat(l.accountId()).isEqualTo(contact[0]);
      assertThat(l.leadId()).isNull();
      assertThat(l.resolvedAt()).isEqualTo(AT);
      assertThat(l.what()).contains(contact[0]);
    });
  }

  @Test
  void anOpportunityTheContactHasARoleInIsTheWhat() {
    String[] contact = fixture.contactWithAccount();
    String opportunity = fixture.opportunityOf(contact[1]);

    assertThat(fixture.directory().lookUp(List.of(person(1, contact[1], null)), AT))
        .singleElement().satisfies(l -> assertThat(l.what()).contains(opportunity));
  }

  @Test
  void aLeadIsTheWhoWithoutAWhatAndAConvertedLeadIsFollowedToItsContact() {
    String lead = fixture.lead();
    String[] contact = fixture.contactWithAccount();
    String converted = fixture.convertedLead(contact[1]);

    List<CrmLinks> links = fixture.directory().lookUp(List.of(person(1, null, lead), person(2, null, converted)), AT);

    assertThat(links).hasSize(2);
    assertThat(links).filteredOn(l -> l.person().value() == 1).singleElement().satisfies(l -> {
      assertThat(l.who()).contains(lead);
      assertThat(l.what()).isEmpty();
    });
    assertThat(links).filteredOn(l -> l.person().value() == 2).singleElement()
        .satisfies(l -> assertThat(l.who()).contains(contact[1]));
  }

  @Test
  void peopleTheCrmDoesNotKnowAreAbsentAndTheRestAreStillAnswered() {
    String[] contact = fixture.contactWithAccount();

    List<CrmLinks> links = fixture.directory().lookUp(
        List.of(person(1, null, null), person(2, fixture.missingContactId(), null), person(3, contact[1], null)), AT);

    assertThat(links).extracting(l -> l.person().value()).containsExactly(3L);
  }

  @Test
  void nobodyAskedForIsAnEmptyAnswer() {
    assertThat(fixture.directory().lookUp(List.of(), AT)).isEmpty();
  }
}
