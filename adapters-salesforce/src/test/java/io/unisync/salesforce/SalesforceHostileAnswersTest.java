package io.unisync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.engine.OptOutReport;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.SyncException;
import io.unisync.core.domain.CrmLinks;
import io.unisync.core.port.CrmOptOuts;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.InMemorySuppressionStore;
import io.unisync.testkit.InMemoryUnsubscribeStatus;
import io.unisync.testkit.InMemoryWatermarkStore;
import io.unisync.testkit.SamplePeople;
import io.unisync.testkit.sim.HostileServer;
import io.unisync.testkit.sim.HostileServer.Reply;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Salesforce client against answers that are well formed but wrong, or without end (issue 23): every answer is
 * bounded in bytes, a session that cannot be used is never kept, one unreadable row never blocks a pass, query
 * locators that loop are caught at once, and rows nobody asked for are refused.
 */
class SalesforceHostileAnswersTest {

  private static final String USER = "005000000000001INT";

  private static String tokenAnswer(String instanceUrl) {
    return "{\"access_token\":\"hostile\",\"instance_url\":\"" + instanceUrl + "\",\"id\":\"https://login.salesforce.com/id/00D000000000001AAA/"
        + USER + "\",\"token_type\":\"Bearer\"}";
  }

  private static Salesforce connect(HostileServer server, long maxResponseBytes) {
    server.on("/services/oauth2/token", Reply.json(tokenAnswer(server.baseUrl().toString())));
    return Salesforce.connect(SalesforceSettings.of(server.baseUrl(), new SalesforceAuth.ClientCredentials("id", "secret"))
        .withRetries(1, Duration.ofMillis(5), Duration.ofMillis(10)).withRequestTimeout(Duration.ofSeconds(2))
        .withMaxResponseBytes(maxResponseBytes));
  }

  /** A time as Salesforce writes it in query results. */
  private static String salesforceTime(Instant at) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(java.time.ZoneOffset.UTC).format(at);
  }

  /** A store holding these people, stored at {@code at}. */
  private static InMemoryPersonStore storeHolding(Instant at, Person... people) {
    InMemoryPersonStore store = new InMemoryPersonStore();
    store.apply(new io.unisync.core.port.StoreBatch(java.util.Arrays.stream(people).map(p -> io.unisync.core.port.PersonUpsert.of(p, at))
        .toList(), List.of(), List.of(), io.unisync.core.port.Checkpoint.incremental(new io.unisync.core.port.SourcePosition("p"))));
    return store;
  }

  private static String path(String resource) {
    return "/services/data/v" + SalesforceSettings.of(URI.create("https://x.example.com"), new SalesforceAuth.ClientCredentials("a", "b"))
        .apiVersion() + resource;
  }

  @Test
  void anAnswerThatNeverEndsIsCutAtTheCapNotReadIntoTheHeap() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server, 1 << 20);
      server.on(path("/queryAll"), Reply.endless("{\"records\":[{\"Id\":\"003000000000001AAA\"},"));

      assertThatThrownBy(() -> salesforce.crmOptOuts().changesSince(Optional.empty()))
          .isInstanceOf(AdapterException.class).hasMessageContaining("exceeded 1048576 bytes", "SalesforceSettings.maxResponseBytes")
          .satisfies(e -> assertThat(((SyncException) e).isRetryable()).as("the same question gets the same answer").isFalse());
      assertThat(server.requests(path("/queryAll"))).as("not asked again").isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "instance_url {0}")
  @ValueSource(strings = {"", "/services", "not a url", "ftp://acme.example.com", "http://acme.my.salesforce.com",
      "https://user:pass@acme.my.salesforce.com"})
  void aTokenAnswerWithAnInstanceUrlThatCannotBeUsedIsNotKeptAndTheNextCallRecovers(String instanceUrl) {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server, 1 << 20);
      AtomicReference<String> token = new AtomicReference<>(tokenAnswer(instanceUrl).replace(",\"instance_url\":\"\"", ""));
      server.on("/services/oauth2/token", request -> Reply.json(token.get()));
      server.on(path("/queryAll"), Reply.json("{\"done\":true,\"totalSize\":0,\"records\":[]}"));

      assertThatThrownBy(() -> salesforce.crmOptOuts().changesSince(Optional.empty()))
          .isInstanceOf(SyncException.class).hasMessageContaining("cannot be used").hasMessageNotContaining("pass@")
          .satisfies(e -> assertThat(((SyncException) e).isRetryable()).isTrue());

      token.set(tokenAnswer(server.baseUrl().toString())); // the token endpoint is well again
      CrmOptOuts.Changes changes = salesforce.crmOptOuts().changesSince(Optional.empty());

      assertThat(changes.changes()).isEmpty();
      assertThat(server.requests(path("/queryAll"))).isEqualTo(2);
    }
  }

  @Test
  void oneRowWhoseModificationTimeIsNoTimeIsQuarantinedAndTheOthersAreApplied() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server, 1 << 20);
      Instant now = Clock.systemUTC().instant();
      String stamp = salesforceTime(now);
      server.on(path("/queryAll"), request -> request.query().contains("FROM+Contact") || request.query().contains("FROM%20Contact")
          ? Reply.json("{\"done\":true,\"totalSize\":2,\"records\":["
              + "{\"Id\":\"003000000000001AAA\",\"HasOptedOutOfEmail\":true,\"LastModifiedById\":\"005000000000002AAA\",\"SystemModstamp\":\"yesterday\"},"
              + "{\"Id\":\"003000000000002AAA\",\"HasOptedOutOfEmail\":true,\"LastModifiedById\":\"005000000000002AAA\",\"SystemModstamp\":\"" + stamp + "\"}]}")
          : Reply.json("{\"done\":true,\"totalSize\":0,\"records\":[]}"));
      InMemoryPersonStore people = storeHolding(now, SamplePeople.person(1).with(PersonField.SALESFORCE_CONTACT_ID, "003000000000001AAA"),
          SamplePeople.person(2).with(PersonField.SALESFORCE_CONTACT_ID, "003000000000002AAA"));
      InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
      SyncEngine engine = SyncEngine.builder().personSource(new InMemoryPersonSource(Clock.systemUTC())).personStore(people)
          .unsubscribeStatus(new InMemoryUnsubscribeStatus()).suppressionStore(new InMemorySuppressionStore())
          .crmOptOuts(salesforce.crmOptOuts()).watermarkStore(watermarks).build();

      OptOutReport report = engine.optOuts().orElseThrow().sync();

      assertThat(report.suppressedFromCrm()).as("the readable row is applied").isEqualTo(1);
      assertThat(report.quarantined()).isEqualTo(1);
      assertThat(people.quarantined(0, 10)).singleElement().satisfies(q -> {
        assertThat(q.sourceId()).isEqualTo("003000000000001AAA");
        assertThat(q.reason()).contains("Contact 003000000000001AAA", "SystemModstamp 'yesterday'");
      });
      OptOutReport next = engine.optOuts().orElseThrow().sync(); // and the next pass is not blocked either
      assertThat(next.suppressedFromCrm()).isZero();
    }
  }

  @Test
  void aQueryLocatorThatComesBackToAPageAlreadyReadStopsAtOnce() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server, 1 << 20);
      String a = path("/query/01g-A");
      String b = path("/query/01g-B");
      server.on(path("/queryAll"), Reply.json("{\"done\":false,\"totalSize\":9,\"records\":[],\"nextRecordsUrl\":\"" + a + "\"}"));
      server.on(a, Reply.json("{\"done\":false,\"totalSize\":9,\"records\":[],\"nextRecordsUrl\":\"" + b + "\"}"));
      server.on(b, Reply.json("{\"done\":false,\"totalSize\":9,\"records\":[],\"nextRecordsUrl\":\"" + a + "\"}"));

      assertThatThrownBy(() -> salesforce.crmOptOuts().changesSince(Optional.empty())).hasMessageContaining("came back to a page already read");
      assertThat(server.requests(a)).isEqualTo(1);
      assertThat(server.requests(b)).isEqualTo(1);
    }
  }

  @Test
  void aQueryLocatorOutsideTheApiIsNotFollowed() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server, 1 << 20);
      server.on(path("/queryAll"), Reply.json("{\"done\":false,\"totalSize\":9,\"records\":[],\"nextRecordsUrl\":\"https://elsewhere.example.com/x\"}"));

      assertThatThrownBy(() -> salesforce.crmOptOuts().changesSince(Optional.empty())).hasMessageContaining("not a query locator");
    }
  }

  @Test
  void rowsNobodyAskedForAreRefusedAndCounted() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server, 1 << 20);
      // asked for one lead; the answer carries it and two others
      server.on(path("/query"), Reply.json("{\"done\":true,\"totalSize\":3,\"records\":["
          + "{\"Id\":\"00Q000000000001AAA\",\"IsConverted\":false},{\"Id\":\"00Q000000000002AAA\",\"IsConverted\":false},"
          + "{\"Id\":\"00Q000000000003AAA\",\"IsConverted\":false}]}"));
      Person person = SamplePeople.person(1).with(PersonField.SALESFORCE_CONTACT_ID, null)
          .with(PersonField.SALESFORCE_LEAD_ID, "00Q000000000001AAA");

      List<CrmLinks> found = salesforce.crmDirectory().lookUp(List.of(person), Instant.parse("2026-12-01T00:00:00Z"));

      assertThat(found).singleElement().satisfies(links -> assertThat(links.leadId()).isEqualTo("00Q000000000001AAA"));
      assertThat(salesforce.unrequested()).isEqualTo(2);
    }
  }

  @Test
  void aTricklingAnswerIsCutOffWithinTheRequestTimeoutAndTriedAgain() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = Salesforce.connect(SalesforceSettings.of(server.baseUrl(), new SalesforceAuth.ClientCredentials("id", "secret"))
          .withRetry(io.unisync.core.retry.RetryPolicy.defaults().withBackground(3, Duration.ofSeconds(30))
              .withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)))
          .withRequestTimeout(Duration.ofMillis(600)));
      server.on("/services/oauth2/token", Reply.json(tokenAnswer(server.baseUrl().toString())));
      server.on(path("/queryAll"), Reply.trickle("{\"done\":true,\"totalSize\":0,\"records\":[]}" + " ".repeat(200), 1, Duration.ofMillis(50)));

      assertThatThrownBy(() -> salesforce.crmOptOuts().changesSince(Optional.empty())).isInstanceOf(SyncException.class);

      // each attempt ends at its 600 ms request timeout, not at the call's 30 s deadline: all 3 attempts are made
      assertThat(server.requests(path("/queryAll"))).isEqualTo(3);
    }
  }

  @Test
  void theFirstSessionOfATwoWayPassIsFetchedUnderTheRetryPolicy() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server, 1 << 20); // one retry
      java.util.concurrent.atomic.AtomicInteger tokenCalls = new java.util.concurrent.atomic.AtomicInteger();
      server.on("/services/oauth2/token", request -> tokenCalls.incrementAndGet() == 1
          ? Reply.of(503, "text/html", "<html>busy</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8))
          : Reply.json(tokenAnswer(server.baseUrl().toString())));
      server.on(path("/queryAll"), Reply.json("{\"done\":true,\"totalSize\":0,\"records\":[]}"));

      // before: the session for the integration user's id was fetched once, outside the policy, and the pass failed
      assertThat(salesforce.crmOptOuts().changesSince(Optional.empty()).changes()).isEmpty();
      assertThat(tokenCalls.get()).isEqualTo(2);
    }
  }

  @Test
  void aWarmedUpClientMakesNoTokenCallOnItsFirstRead() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server, 1 << 20);
      server.on(path("/queryAll"), Reply.json("{\"done\":true,\"totalSize\":0,\"records\":[]}"));

      salesforce.warmUp();
      long afterWarmUp = server.requests("/services/oauth2/token");
      salesforce.crmOptOuts().changesSince(Optional.empty());

      assertThat(afterWarmUp).isEqualTo(1);
      assertThat(server.requests("/services/oauth2/token")).isEqualTo(1);
    }
  }

  @Test
  void oneReminderTaskWhoseDueDateIsNoDateIsQuarantinedAndTheOthersAreApplied() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server, 1 << 20);
      Instant now = Clock.systemUTC().instant();
      String stamp = salesforceTime(now);
      String row = "{\"Id\":\"00T00000000000%dAAA\",\"WhoId\":\"003000000000001AAA\",\"Subject\":\"Call back\",\"ActivityDate\":\"%s\","
          + "\"IsClosed\":false,\"IsDeleted\":false,\"LastModifiedById\":\"005000000000002AAA\",\"LastModifiedDate\":\"" + stamp + "\","
          + "\"SystemModstamp\":\"" + stamp + "\"}";
      server.on(path("/queryAll"), Reply.json("{\"done\":true,\"totalSize\":2,\"records\":[" + String.format(row, 1, "tomorrow") + ","
          + String.format(row, 2, "2026-12-24") + "]}"));
      InMemoryPersonStore people = storeHolding(now, SamplePeople.person(1).with(PersonField.SALESFORCE_CONTACT_ID, "003000000000001AAA"));
      SyncEngine engine = SyncEngine.builder().personSource(new InMemoryPersonSource(Clock.systemUTC())).personStore(people)
          .crmTasks(salesforce.crmTasks(people)).reminderStore(new io.unisync.testkit.InMemoryReminderStore())
          .watermarkStore(new InMemoryWatermarkStore()).build();

      io.unisync.core.engine.ReminderReport report = engine.reminders().orElseThrow().sync();

      assertThat(report.created()).as("the readable Task becomes a reminder").isEqualTo(1);
      assertThat(report.quarantined()).isEqualTo(1);
      assertThat(people.quarantined(0, 10)).singleElement().satisfies(q ->
          assertThat(q.reason()).contains("Task 00T000000000001AAA", "ActivityDate 'tomorrow'"));
    }
  }
}
