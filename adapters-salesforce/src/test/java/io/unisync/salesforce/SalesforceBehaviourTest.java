package io.unisync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityKind;
import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SalesforceLogging;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.Destination;
import io.unisync.testkit.InMemoryActivityOutbox;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.RecordingActivitySink;
import io.unisync.testkit.SampleActivities;
import io.unisync.testkit.sim.SalesforceFault;
import io.unisync.testkit.sim.SalesforceSimulator;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Salesforce client and sink: the three OAuth flows, faults, limits, and where Tasks land. */
class SalesforceBehaviourTest {

  static final Instant AT = Instant.parse("2026-05-04T10:00:00Z");

  static List<Activity> emails(int count, long firstN) {
    List<Activity> batch = new ArrayList<>();
    for (long n = firstN; batch.size() < count; n++) {
      Activity a = SampleActivities.activity(n, 1 + n % 10, AT);
      if (a.kind().group() == ActivityKind.Group.EMAIL) {
        batch.add(a);
      }
    }
    return batch;
  }

  @Test
  void theJwtBearerFlowSignsWithRs256AndTheSimulatorVerifiesIt() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    KeyPair other = generator.generateKeyPair();
    try (SalesforceFixture world = new SalesforceFixture(10, keys.getPublic(), 1_000)) {
      SalesforceAuth jwt = new SalesforceAuth.JwtBearer(SalesforceSimulator.CLIENT_ID, SalesforceSimulator.USERNAME, keys.getPrivate(),
          "https://login.salesforce.com");
      List<DeliveryOutcome> outcomes = world.sink(Salesforce.connect(world.settings(jwt)), "t1").deliver(emails(2, 0));
      assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
      assertThat(jwt.toString()).doesNotContain(keys.getPrivate().toString());

      SalesforceAuth forged = new SalesforceAuth.JwtBearer(SalesforceSimulator.CLIENT_ID, SalesforceSimulator.USERNAME, other.getPrivate(),
          "https://login.salesforce.com");
      assertThatThrownBy(() -> world.sink(Salesforce.connect(world.settings(forged)), "t1").deliver(emails(1, 0)))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("invalid assertion");
    }
  }

  @Test
  void theRefreshTokenFlowWorksAndBadClientCredentialsNameTheClientNotTheSecret() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 1_000)) {
      SalesforceAuth refresh = new SalesforceAuth.RefreshToken(SalesforceSimulator.CLIENT_ID, "ignored", SalesforceSimulator.REFRESH_TOKEN);
      assertThat(world.sink(Salesforce.connect(world.settings(refresh)), "t1").deliver(emails(1, 0)))
          .singleElement().isInstanceOf(DeliveryOutcome.Delivered.class);

      SalesforceAuth wrong = new SalesforceAuth.ClientCredentials(SalesforceSimulator.CLIENT_ID, "top-secret-value");
      assertThatThrownBy(() -> world.sink(Salesforce.connect(world.settings(wrong)), "t1").deliver(emails(1, 0)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(SalesforceSimulator.CLIENT_ID).hasMessageContaining("invalid_grant")
          .hasMessageNotContaining("top-secret-value");
      assertThat(wrong.toString()).doesNotContain("top-secret-value");
    }
  }

  @Test
  void anExpiredSessionIsRenewedOnceAndTheCallRepeated() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 1_000)) {
      Salesforce salesforce = Salesforce.connect(world.clientCredentials());
      io.unisync.core.engine.LinkedActivitySink sink = world.sink(salesforce, "t1");
      sink.deliver(emails(1, 0));
      long tokensBefore = world.sim.tokenCalls();
      world.sim.expireTokens();

      assertThat(sink.deliver(emails(1, 100))).singleElement().isInstanceOf(DeliveryOutcome.Delivered.class);
      assertThat(world.sim.tokenCalls() - tokensBefore).isEqualTo(1);
      assertThat(salesforce.retries()).isZero();
    }
  }

  @Test
  void aFailingTokenEndpointIsRetriedByTheCallsOwnPolicyNotByALoopOfItsOwn() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 1_000)) {
      // the fixture allows 3 retries: 4 attempts of the call, each fetching a token while it has none
      Salesforce salesforce = Salesforce.connect(world.clientCredentials());
      world.sim.failNext("/services/oauth2/token", SalesforceFault.HTTP_503_HTML);
      world.sim.failNext("/services/oauth2/token", SalesforceFault.HTTP_503_HTML);

      assertThat(world.sink(salesforce, "t1").deliver(emails(1, 0))).singleElement().isInstanceOf(DeliveryOutcome.Delivered.class);
      assertThat(world.sim.tokenCalls()).isEqualTo(3);
      assertThat(salesforce.retries()).isEqualTo(2);

      Salesforce down = Salesforce.connect(world.clientCredentials());
      long before = world.sim.tokenCalls();
      for (int i = 0; i < 20; i++) {
        world.sim.failNext("/services/oauth2/token", SalesforceFault.HTTP_503_HTML);
      }
      assertThatThrownBy(() -> world.sink(down, "t1").deliver(emails(1, 10))).isInstanceOf(RetryableAdapterException.class)
          .hasMessageContaining("failed after 4 attempts").hasMessageContaining("503");
      assertThat(world.sim.tokenCalls() - before).as("attempts are not multiplied by a token loop").isEqualTo(4);
    }
  }

  @Test
  void aRenewalThatMeetsAFailingTokenEndpointIsRetried() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 1_000)) {
      Salesforce salesforce = Salesforce.connect(world.clientCredentials());
      io.unisync.core.engine.LinkedActivitySink sink = world.sink(salesforce, "t1");
      sink.deliver(emails(1, 0));
      world.sim.expireTokens();
      world.sim.failNext("/services/oauth2/token", SalesforceFault.HTTP_503_HTML);

      assertThat(sink.deliver(emails(1, 100))).singleElement().isInstanceOf(DeliveryOutcome.Delivered.class);
      assertThat(salesforce.retries()).as("the failed renewal was one retry").isEqualTo(1);
    }
  }

  @Test
  void a503AnsweredAsHtmlIsRetried() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 1_000)) {
      Salesforce salesforce = Salesforce.connect(world.clientCredentials());
      world.sim.failNext("/composite/sobjects", SalesforceFault.HTTP_503_HTML);

      assertThat(world.sink(salesforce, "t1").deliver(emails(3, 0))).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
      assertThat(salesforce.retries()).isEqualTo(1);
    }
  }

  @Test
  void requestLimitExceededBacksOffForLongAndPausesFurtherCalls() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 1_000)) {
      io.unisync.core.engine.LinkedActivitySink sink = world.sink(Salesforce.connect(world.clientCredentials()), "t1");
      world.sim.failNext("/query", SalesforceFault.REQUEST_LIMIT_EXCEEDED);

      assertThatThrownBy(() -> sink.deliver(emails(1, 0))).isInstanceOfSatisfying(RetryableAdapterException.class,
          e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(30)));
      long calls = world.sim.apiCalls();
      assertThatThrownBy(() -> sink.deliver(emails(1, 0))).isInstanceOf(RetryableAdapterException.class).hasMessageContaining("paused");
      assertThat(world.sim.apiCalls()).isEqualTo(calls);
    }
  }

  @Test
  void theDailyBudgetFromSforceLimitInfoStopsCallsBeforeTheOrgRunsOut() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 10)) {
      Salesforce salesforce = Salesforce.connect(world.clientCredentials().withDailyBudgetShare(0.5));
      io.unisync.core.engine.LinkedActivitySink sink = world.sink(salesforce, "t1");
      sink.deliver(emails(1, 0)); // 3 calls: Contact, OpportunityContactRole, collection
      sink.deliver(emails(1, 50)); // the same person: links are stored, 1 call
      sink.deliver(emails(1, 100)); // 1 more: 5 of 10, the 50% budget is used up

      assertThat(salesforce.apiUsage()).containsExactly(5, 10);
      assertThatThrownBy(() -> sink.deliver(emails(1, 150))).isInstanceOf(RetryableAdapterException.class)
          .hasMessageContaining("daily budget");
    }
  }

  @Test
  void lockedRowsAreRetriedAloneAndARetryAfterALostAnswerCreatesNoDuplicate() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 1_000)) {
      io.unisync.core.engine.LinkedActivitySink sink = world.sink(Salesforce.connect(world.clientCredentials()), "t1");
      List<Activity> batch = emails(5, 0);
      world.sim.lockNextRecords(2);

      List<DeliveryOutcome> first = sink.deliver(batch);
      assertThat(first.subList(0, 2)).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Retry.class));
      assertThat(first.subList(2, 5)).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));

      // the whole batch again, as after a lost answer: the three that exist are DUPLICATE_VALUE, i.e. delivered
      assertThat(sink.deliver(batch)).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
      batch.forEach(a -> assertThat(world.tasksWith(a.id().value())).as(a.id().value()).isEqualTo(1));
    }
  }

  @Test
  void twoTenantsThatReuseActivityIdsInOneOrgEachGetTheirTask() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 1_000)) {
      Salesforce salesforce = Salesforce.connect(world.clientCredentials());
      List<Activity> batch = emails(3, 0);

      List<DeliveryOutcome> first = world.sink(salesforce, "tenant-a").deliver(batch);
      List<DeliveryOutcome> second = world.sink(salesforce, "tenant-b").deliver(batch);

      assertThat(first).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
      assertThat(second).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
      assertThat(world.sim.records("Task")).hasSize(6);
      assertThat(world.sim.records("Task")).extracting(t -> t.get(SalesforceSimulator.EXTERNAL_ID_FIELD))
          .contains("tenant-a:" + batch.get(0).id().value(), "tenant-b:" + batch.get(0).id().value());
    }
  }

  @Test
  void aDuplicateValueCountsAsDeliveredOnlyWhenTheTaskIsAboutTheSamePerson() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 1_000)) {
      io.unisync.core.engine.LinkedActivitySink sink = world.sink(Salesforce.connect(world.clientCredentials()), "t1");
      Activity activity = emails(1, 0).get(0);
      String someoneElse = world.contactIds.get(9);
      // another writer sharing our scope already used this External ID, for another person
      world.sim.insert("Task", Map.of("Subject", "not ours", "WhoId", someoneElse,
          SalesforceSimulator.EXTERNAL_ID_FIELD, "t1:" + activity.id().value()), SalesforceFixture.SALES_USER);

      List<DeliveryOutcome> outcomes = sink.deliver(List.of(activity));

      assertThat(outcomes).singleElement().isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
          r -> assertThat(r.reason()).contains("External ID t1:" + activity.id().value(), someoneElse, "give each tenant its own"));
    }
  }

  @Test
  void tasksGoToTheContactWithItsOpportunityOrAccountAndToLeadsWithoutAWhat() {
    try (SalesforceFixture world = new SalesforceFixture(3, null, 1_000)) {
      String opportunity = world.sim.insert("Opportunity", Map.of("Name", "Big deal"), SalesforceFixture.SALES_USER);
      world.sim.insert("OpportunityContactRole", Map.of("ContactId", world.contactIds.get(1), "OpportunityId", opportunity), SalesforceFixture.SALES_USER);
      String lead = world.sim.insert("Lead", Map.of("LastName", "Lead", "IsConverted", false), SalesforceFixture.SALES_USER);
      String convertedLead = world.sim.insert("Lead", Map.of("LastName", "Was a lead", "IsConverted", true,
          "ConvertedContactId", world.contactIds.get(2)), SalesforceFixture.SALES_USER);
      world.addPerson(20, null, lead);
      world.addPerson(21, null, convertedLead);
      io.unisync.core.engine.LinkedActivitySink sink = world.sink(Salesforce.connect(world.clientCredentials()), "t1");
      Activity toContactWithAccount = SampleActivities.activity(8, 1, AT);
      Activity toContactWithOpportunity = SampleActivities.activity(16, 2, AT);
      Activity toLead = SampleActivities.activity(24, 20, AT);
      Activity toConvertedLead = SampleActivities.activity(32, 21, AT);
      Activity call = SampleActivities.activity(5, 1, AT);

      assertThat(sink.deliver(List.of(toContactWithAccount, toContactWithOpportunity, toLead, toConvertedLead, call)))
          .allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));

      Map<String, Object> t1 = task(world, toContactWithAccount);
      assertThat(t1).containsEntry("WhoId", world.contactIds.get(0)).containsEntry("TaskSubtype", "Email")
          .containsEntry("Status", "Completed").containsEntry("OwnerId", "005000000000001AAA");
      assertThat((String) t1.get("WhatId")).startsWith("001");
      assertThat(task(world, toContactWithOpportunity)).containsEntry("WhatId", opportunity);
      assertThat(task(world, toLead)).containsEntry("WhoId", lead).doesNotContainKey("WhatId");
      assertThat(task(world, toConvertedLead)).containsEntry("WhoId", world.contactIds.get(2));
      assertThat(task(world, call)).containsEntry("TaskSubtype", "Call");
    }
  }

  @Test
  void identityLinksAreStoredWithThePersonAndReusedForLaterTasks() {
    try (SalesforceFixture world = new SalesforceFixture(3, null, 1_000)) {
      io.unisync.testkit.InMemoryCrmLinkStore links = new io.unisync.testkit.InMemoryCrmLinkStore();
      io.unisync.core.engine.LinkedActivitySink sink = world.sink(Salesforce.connect(world.clientCredentials()), "t1", links);
      sink.deliver(List.of(SampleActivities.activity(8, 1, AT)));
      assertThat(links.find(List.of(SalesforceFixture.id(1)))).hasEntrySatisfying(SalesforceFixture.id(1), l -> {
        assertThat(l.contactId()).isEqualTo(world.contactIds.get(0));
        assertThat(l.accountId()).startsWith("001");
      });
      long calls = world.sim.apiCalls();

      sink.deliver(List.of(SampleActivities.activity(16, 1, AT)));

      assertThat(world.sim.apiCalls() - calls).as("only the Task write: the links came from the store").isEqualTo(1);
    }
  }

  @Test
  void throughTheEngineSalesforceGetsOnlyTheKindsItsAdminSettingEnables() {
    try (SalesforceFixture world = new SalesforceFixture(10, null, 1_000)) {
      Salesforce salesforce = Salesforce.connect(world.clientCredentials());
      io.unisync.testkit.InMemoryCrmLinkStore links = new io.unisync.testkit.InMemoryCrmLinkStore();
      SyncEngine engine = SyncEngine.builder().personSource(new InMemoryPersonSource(world.clock)).personStore(world.people)
          .activityOutbox(new InMemoryActivityOutbox()).activitySink(new RecordingActivitySink(Destination.MARKETO)).crmActivitySink(salesforce.activitySink("t1"), links, salesforce.crmDirectory())
          .activityOptions(ActivityOptions.defaults().withSalesforce(new SalesforceLogging(false, true, false))).build();
      SampleActivities.oneOfEachKind(AT).forEach(engine.activities().orElseThrow()::record);

      engine.activities().orElseThrow().deliver();

      assertThat(world.sim.records("Task")).singleElement().satisfies(t -> assertThat(t).containsEntry("TaskSubtype", "Call"));
      assertThat(links.find(world.people.page(null, 10).stream().map(p -> p.person().id()).toList()))
          .as("the engine resolved the person's links and kept them").isNotEmpty();
    }
  }

  private static Map<String, Object> task(SalesforceFixture world, Activity activity) {
    return world.sim.records("Task").stream()
        .filter(t -> ("t1:" + activity.id().value()).equals(t.get(SalesforceSimulator.EXTERNAL_ID_FIELD))).findFirst().orElseThrow();
  }
}
