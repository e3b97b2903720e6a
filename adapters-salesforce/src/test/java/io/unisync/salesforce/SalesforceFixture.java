package io.unisync.salesforce;

import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.SamplePeople;
import io.unisync.testkit.sim.SalesforceSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Salesforce simulator with accounts and contacts, and a person store whose people point at them. */
final class SalesforceFixture implements AutoCloseable {

  static final String SALES_USER = "005000000000077SAL";

  final Clock clock;
  final SalesforceSimulator sim;
  final InMemoryPersonStore people = new InMemoryPersonStore();
  final List<String> contactIds = new ArrayList<>();

  SalesforceFixture(int persons, java.security.@org.jspecify.annotations.Nullable PublicKey jwtKey, long dailyLimit) {
    this(persons, jwtKey, dailyLimit, Clock.systemUTC());
  }

  SalesforceFixture(int persons, java.security.@org.jspecify.annotations.Nullable PublicKey jwtKey, long dailyLimit, Clock clock) {
    this.clock = clock;
    sim = SalesforceSimulator.start(clock, jwtKey, dailyLimit, Duration.ofHours(2));
    String account = sim.insert("Account", Map.of("Name", "Acme"), SALES_USER);
    List<PersonUpsert> upserts = new ArrayList<>();
    for (long n = 1; n <= persons; n++) {
      String contact = sim.insert("Contact", Map.of("LastName", "Person " + n, "AccountId", account), SALES_USER);
      contactIds.add(contact);
      upserts.add(PersonUpsert.of(SamplePeople.person(n).with(PersonField.SALESFORCE_CONTACT_ID, contact)
          .with(PersonField.SALESFORCE_LEAD_ID, null), Instant.parse("2026-01-01T00:00:00Z")));
    }
    people.apply(new StoreBatch(upserts, List.of(), List.of(), Checkpoint.incremental(new SourcePosition("p"))));
  }

  SalesforceSettings settings(SalesforceAuth auth) {
    return SalesforceSettings.of(URI.create(sim.baseUrl().toString()), auth).withRetries(3, Duration.ofMillis(5), Duration.ofMillis(50));
  }

  SalesforceSettings clientCredentials() {
    return settings(new SalesforceAuth.ClientCredentials(SalesforceSimulator.CLIENT_ID, SalesforceSimulator.CLIENT_SECRET));
  }

  long tasksWith(String activityId) {
    return sim.records("Task").stream().filter(t -> ("t1:" + activityId).equals(t.get(SalesforceSimulator.EXTERNAL_ID_FIELD))).count();
  }

  void addPerson(long n, String contactId, String leadId) {
    people.apply(new StoreBatch(List.of(PersonUpsert.of(SamplePeople.person(n).with(PersonField.SALESFORCE_CONTACT_ID, contactId)
        .with(PersonField.SALESFORCE_LEAD_ID, leadId), Instant.parse("2026-01-01T00:00:00Z"))), List.of(), List.of(),
        Checkpoint.incremental(new SourcePosition("p"))));
  }

  static PersonId id(long n) {
    return PersonId.of(n);
  }

  /** {@code salesforce}'s Task sink as the engine runs it: links resolved from {@code links}, else through the org. */
  io.unisync.core.engine.LinkedActivitySink sink(Salesforce salesforce, String scope, io.unisync.core.port.CrmLinkStore links) {
    return io.unisync.core.engine.LinkedActivitySink.of(salesforce.activitySink(scope), people, links, salesforce.crmDirectory(),
        Duration.ofDays(1), clock);
  }

  /** As above, with a new, empty link store. */
  io.unisync.core.engine.LinkedActivitySink sink(Salesforce salesforce, String scope) {
    return sink(salesforce, scope, new io.unisync.testkit.InMemoryCrmLinkStore());
  }

  @Override
  public void close() {
    sim.close();
  }
}
