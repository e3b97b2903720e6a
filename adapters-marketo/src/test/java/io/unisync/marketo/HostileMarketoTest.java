package io.unisync.marketo;

import static io.unisync.marketo.HostileMarketo.lead;
import static io.unisync.marketo.HostileMarketo.leadsAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.PersonId;
import io.unisync.core.engine.GateDecision;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.sim.HostileServer;
import io.unisync.testkit.sim.HostileServer.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client and the engine against a Marketo that misbehaves on purpose ({@link HostileServer}): what it
 * must never do (remove a person without evidence, stop on one bad record, wait without bound, read without
 * bound) and what it must do instead (fail the call, quarantine the record, answer the seller in time).
 */
class HostileMarketoTest {

  /**
   * What "answers in time" asserts: far above the interactive deadline (1.5 s) that must end these calls, far below
   * the 30 s request timeouts and the hangs that would end them without it, so a loaded machine cannot fail it.
   */
  static final long BOUND_MILLIS = 10_000;

  // ---- 1. An answer we cannot read is never evidence -----------------------------------------------

  static Stream<Arguments> unreadableReReads() {
    return Stream.of(
        Arguments.of("success without result", Reply.json("{\"success\":true}")),
        Arguments.of("result is an object", Reply.json("{\"success\":true,\"result\":{\"id\":5}}")),
        Arguments.of("result is a string", Reply.json("{\"success\":true,\"result\":\"none\"}")),
        Arguments.of("result is null", Reply.json("{\"success\":true,\"result\":null}")),
        Arguments.of("truncated JSON", Reply.json("{\"success\":true,\"result\":[{\"id\":5,")),
        Arguments.of("an HTML page with 200", Reply.of(200, "text/html", "<html><body>Maintenance</body></html>".getBytes(StandardCharsets.UTF_8))),
        Arguments.of("a JSON array", Reply.json("[]")),
        Arguments.of("neither success nor error", Reply.json("{\"requestId\":\"1#1\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableReReads")
  void anUnreadableReReadRemovesNoOneAndKeepsTheCheckpoint(String name, Reply reply) {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/rest/v1/leads.json", reply);
      Checkpoint before = world.store.checkpoint().orElseThrow();

      assertThatThrownBy(world.engine::syncChanges).isInstanceOf(SyncException.class);

      assertThat(world.stored(5)).as("person 5 is still stored").isTrue();
      assertThat(world.store.count()).isEqualTo(10);
      assertThat(world.store.checkpoint()).contains(before);
    }
  }

  @Test
  void anAnswerHoldingAnUnreadableElementIsNoEvidenceForTheIdsItLacks() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/rest/v1/leads.json", Reply.json("{\"success\":true,\"result\":[\"garbage\"]}"));

      SyncReport report = world.engine.syncChanges();

      assertThat(world.stored(5)).isTrue();
      assertThat(report.removed()).isZero();
      assertThat(report.removalsWithheld()).isEqualTo(1);
      assertThat(world.store.quarantined(0, 10)).singleElement()
          .satisfies(q -> assertThat(q.reason()).contains("result[0]", "not a JSON object"));
    }
  }

  @Test
  void aWellFormedAnswerThatLacksTheIdIsEvidence() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/rest/v1/leads.json", Reply.json("{\"requestId\":\"1#1\",\"success\":true,\"result\":[]}"));

      SyncReport report = world.engine.syncChanges();

      assertThat(world.stored(5)).as("Marketo answered clearly: lead 5 is gone").isFalse();
      assertThat(report.removed()).isEqualTo(1);
    }
  }

  // ---- 2. One bad record never stops the sync --------------------------------------------------------

  @Test
  void aFieldHoldingAnObjectOrArrayIsQuarantinedNamingTheFieldAndThePersonStaysAsItWas() {
    try (HostileMarketo world = new HostileMarketo()) {
      var bad = lead(5);
      bad.putObject("company").put("name", "Acme");
      world.server.on("/rest/v1/leads.json", Reply.json(leadsAnswer(bad)));

      world.engine.syncChanges();

      assertThat(world.store.findById(PersonId.of(5)).orElseThrow().person().company()).isEqualTo("Company 5");
      assertThat(world.store.quarantined(0, 10)).singleElement()
          .satisfies(q -> assertThat(q.reason()).contains("lead 5", "field 'company'", "JSON object"));
    }
  }

  @Test
  void aMergeNamingANonNumericIdIsQuarantinedAndTheFeedMovesOn() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/rest/v1/activities/leadchanges.json", Reply.json("{\"success\":true,\"nextPageToken\":\"T1\",\"moreResult\":false}"));
      world.server.on("/rest/v1/activities.json", request -> request.query().contains("nextPageToken=T0")
          ? Reply.json("{\"success\":true,\"nextPageToken\":\"M1\",\"moreResult\":false,\"result\":[{\"id\":77,\"marketoGUID\":\"77\","
              + "\"leadId\":5,\"activityDate\":\"" + world.nowText() + "\",\"activityTypeId\":32,\"attributes\":[{\"name\":\"Merge IDs\","
              + "\"value\":\"7,abc\"}]}]}")
          : Reply.json("{\"success\":true,\"nextPageToken\":\"M1\",\"moreResult\":false}"));
      world.server.on("/rest/v1/leads.json", Reply.json(leadsAnswer(lead(5))));

      world.engine.syncChanges();
      world.engine.syncChanges(); // the next pass does not trip over it again

      assertThat(world.stored(7)).as("7 was merged into 5").isFalse();
      assertThat(world.stored(5)).isTrue();
      assertThat(world.store.quarantined(0, 10)).singleElement()
          .satisfies(q -> assertThat(q.reason()).contains("Merge Leads activity 77", "'Merge IDs'", "'abc'"));
      assertThat(world.positionParts().get("leadChanges")).isEqualTo("T1");
    }
  }

  @Test
  void everyBrokenCsvRowIsQuarantinedWithItsReasonAndTheRestCommits() {
    try (HostileMarketo world = new HostileMarketo()) {
      List<String> header = List.of("id", "firstName", "lastName", "email", "company", "sfdcLeadOwnerId");
      ByteArrayOutputStream csv = new ByteArrayOutputStream();
      csv.writeBytes((String.join(",", header) + "\n").getBytes(StandardCharsets.UTF_8));
      csv.writeBytes(("1,Ada,Lovelace,ada@example.com,Acme," + HostileMarketo.OWNER + "\n").getBytes(StandardCharsets.UTF_8));
      csv.writeBytes(("2,\"Bro\"ken,Quote,b@example.com,Acme," + HostileMarketo.OWNER + "\n").getBytes(StandardCharsets.UTF_8));
      csv.writeBytes(("3,Extra,Column,c@example.com,Acme," + HostileMarketo.OWNER + ",surplus\n").getBytes(StandardCharsets.UTF_8));
      csv.writeBytes("4,Bad".getBytes(StandardCharsets.UTF_8));
      csv.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
      csv.writeBytes((",Utf,d@example.com,Acme," + HostileMarketo.OWNER + "\n").getBytes(StandardCharsets.UTF_8));
      csv.writeBytes("5,Missing,Columns\n".getBytes(StandardCharsets.UTF_8));
      csv.writeBytes(("6,\"Open,Quote,f@example.com,Acme," + HostileMarketo.OWNER + "\n").getBytes(StandardCharsets.UTF_8));
      csv.writeBytes(("7,Grace,Hopper,grace@example.com,\"Navy, US\"," + HostileMarketo.OWNER + "\n").getBytes(StandardCharsets.UTF_8));
      world.bulkExport(csv.toByteArray(), 7);
      InMemoryPersonStore store = world.emptyStore();
      SyncEngine engine = SyncEngine.builder().clock(world.clock).personSource(world.source).personStore(store).build();

      SyncReport report = engine.initialSync();

      assertThat(report.complete()).isTrue();
      assertThat(store.findById(PersonId.of(1))).isPresent();
      assertThat(store.findById(PersonId.of(7)).orElseThrow().person().company()).isEqualTo("Navy, US");
      assertThat(store.count()).isEqualTo(2);
      List<String> reasons = store.quarantined(0, 10).stream().map(QuarantinedRecord::reason).toList();
      assertThat(reasons).hasSize(5);
      assertThat(reasons).anySatisfy(r -> assertThat(r).contains("row 2", "field 'firstName'", "quote"));
      assertThat(reasons).anySatisfy(r -> assertThat(r).contains("row 3", "7 columns", "header has 6"));
      assertThat(reasons).anySatisfy(r -> assertThat(r).contains("row 4", "field 'firstName'", "invalid UTF-8"));
      assertThat(reasons).anySatisfy(r -> assertThat(r).contains("row 5", "3 columns"));
      assertThat(reasons).anySatisfy(r -> assertThat(r).contains("row 6", "field 'firstName'", "unclosed quote"));
    }
  }

  // ---- 3. Every call, poll and loop is bounded ---------------------------------------------------------

  static Stream<Arguments> marketoDown() {
    return Stream.of(
        Arguments.of("never answers", Reply.hang()),
        Arguments.of("trickles the body", Reply.trickle(leadsAnswer(lead(5)), 1, Duration.ofMillis(200))),
        Arguments.of("drops the connection", Reply.drop()),
        Arguments.of("answers 503", Reply.of(503, "text/html", "<html>busy</html>".getBytes(StandardCharsets.UTF_8))),
        Arguments.of("answers 606", Reply.json("{\"success\":false,\"errors\":[{\"code\":\"606\",\"message\":\"Max rate limit exceeded\"}]}")),
        Arguments.of("never ends the body", Reply.endless("[")));
  }

  @ParameterizedTest(name = "the send gate answers within 2 s when Marketo {0}")
  @MethodSource("marketoDown")
  void theSendGateAnswersWithinTwoSecondsWhateverMarketoDoes(String name, Reply reply) {
    try (HostileMarketo world = new HostileMarketo(s -> s.withRetries(5, Duration.ofMillis(100), Duration.ofSeconds(30))
        .withRequestTimeout(Duration.ofSeconds(30)))) {
      world.server.on("/rest/v1/leads.json", reply);

      long start = System.nanoTime();
      GateDecision decision = world.engine.emailGate().orElseThrow().check(PersonId.of(5));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(decision).isInstanceOfSatisfying(GateDecision.Blocked.class, b -> assertThat(b.reason()).contains("status unknown"));
      // the request timeout is 30 s and the retries allow minutes: only the gate's interactive deadline (1.5 s) can end
      // the check within 10 s; the margin above it is for a loaded machine, not for the code
      assertThat(millis).as("milliseconds the seller waited").isLessThan(BOUND_MILLIS);
    }
  }

  @Test
  void theSendGateAnswersWithinTwoSecondsWhenMarketoRefusesConnections() {
    HostileServer gone = HostileServer.start();
    java.net.URI refused = gone.baseUrl();
    gone.close();
    Marketo marketo = Marketo.connect(MarketoSettings.of(refused, "id", "secret")
        .withRetries(5, Duration.ofMillis(100), Duration.ofSeconds(30)));
    SyncEngine engine = SyncEngine.builder().personSource(new io.unisync.testkit.InMemoryPersonSource(java.time.Clock.systemUTC()))
        .personStore(new InMemoryPersonStore()).unsubscribeStatus(marketo.unsubscribeStatus()).build();

    long start = System.nanoTime();
    GateDecision decision = engine.emailGate().orElseThrow().check(PersonId.of(5));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(decision).isInstanceOf(GateDecision.Blocked.class);
    assertThat(millis).isLessThan(BOUND_MILLIS);
  }

  @Test
  void concurrentChecksShareOneHangingTokenFetchAndEachAnswersInTime() throws Exception {
    try (HostileMarketo world = new HostileMarketo(s -> s.withRequestTimeout(Duration.ofSeconds(30)))) {
      world.server.on("/identity/oauth/token", Reply.hang());
      world.server.on("/rest/v1/leads.json", Reply.json(leadsAnswer(lead(5))));
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<Long>> checks = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        checks.add(pool.submit(() -> {
          long start = System.nanoTime();
          assertThat(world.engine.emailGate().orElseThrow().check(PersonId.of(5))).isInstanceOf(GateDecision.Blocked.class);
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }));
      }
      for (Future<Long> check : checks) {
        assertThat(check.get(20, TimeUnit.SECONDS)).isLessThan(BOUND_MILLIS);
      }
      pool.shutdownNow();
      assertThat(world.server.requests("/identity/oauth/token")).as("one token fetch for all three").isEqualTo(1);
    }
  }

  @Test
  void aRefusedTokenIsRememberedBrieflyInsteadOfAskedForByEveryCaller() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/identity/oauth/token", Reply.of(401, "application/json",
          "{\"error\":\"unauthorized\",\"error_description\":\"Bad client credentials\"}".getBytes(StandardCharsets.UTF_8)));

      for (int i = 0; i < 5; i++) {
        assertThat(world.engine.emailGate().orElseThrow().check(PersonId.of(5))).isInstanceOf(GateDecision.Blocked.class);
      }

      assertThat(world.server.requests("/identity/oauth/token")).isEqualTo(1);
      assertThatThrownBy(world.engine::syncChanges).hasMessageContaining("refused client id hostile-client")
          .hasMessageNotContaining("hostile-secret");
    }
  }

  @Test
  void theSmartGridAnswersWithinTwoSecondsWhenMarketoNeverAnswers() {
    try (HostileMarketo world = new HostileMarketo(s -> s.withRequestTimeout(Duration.ofSeconds(30)))) {
      world.server.on("/rest/v1/activities/types.json", Reply.hang());
      world.server.on("/rest/v1/activities/pagingtoken.json", Reply.hang());

      long start = System.nanoTime();
      assertThatThrownBy(() -> world.engine.smartGrid().orElseThrow().recent(PersonId.of(5), world.clock.instant().minus(Duration.ofDays(30)), 50))
          .isInstanceOf(SyncException.class);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(BOUND_MILLIS);
    }
  }

  @Test
  void aResponseLargerThanTheCapFailsTheCallInsteadOfFillingTheHeap() {
    try (HostileMarketo world = new HostileMarketo(s -> s.withLimits(s.limits().withMaxResponseBytes(1 << 20)))) {
      world.server.on("/rest/v1/leads.json", Reply.endless("{\"padding\":\"" + "x".repeat(8_000) + "\"},"));

      assertThatThrownBy(world.engine::syncChanges).isInstanceOf(AdapterException.class)
          .hasMessageContaining("exceeded 1048576 bytes");
      assertThat(world.stored(5)).isTrue();
    }
  }

  @Test
  void anExportThatStaysProcessingIsGivenUpAfterItsPollLimit() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.bulkExport(new byte[0], 0);
      world.server.on("/bulk/v1/leads/export/E1/status.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Processing\"}]}"));
      world.server.on("/bulk/v1/leads/export/E1/cancel.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Cancelled\"}]}"));
      SyncEngine engine = SyncEngine.builder().personSource(world.source).personStore(world.emptyStore()).build();

      assertThatThrownBy(engine::initialSync).hasMessageContaining("E1", "'Processing'", "5 status polls", "maxExportPolls");
      assertThat(world.server.requests("/bulk/v1/leads/export/E1/status.json")).isEqualTo(5);
      assertThat(world.server.requests("/bulk/v1/leads/export/E1/cancel.json")).as("the stuck job is cancelled").isEqualTo(1);
    }
  }

  @Test
  void aJobListThatKeepsSayingQueuedDoesNotHoldTheExportTheExportItselfIsAskedEveryFifthPoll() {
    try (HostileMarketo world = new HostileMarketo(s -> s.withLimits(s.limits().withMaxExportPolls(20)))) {
      world.bulkExport(new byte[0], 0); // the export itself says Completed, with nothing in its window
      world.server.on("/bulk/v1/leads/export.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Queued\"}]}"));
      InMemoryPersonStore store = world.emptyStore();
      SyncEngine engine = SyncEngine.builder().personSource(world.source).personStore(store).build();

      engine.initialSync();

      assertThat(store.checkpoint()).as("the initial sync finished").isPresent();
      assertThat(world.server.requests("/bulk/v1/leads/export/E1/status.json")).as("status asked despite the list")
          .isBetween(1L, 4L);
    }
  }

  @Test
  void aJobListThatIsNoListIsNoEvidenceTheExportsOwnStatusDecides() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.bulkExport(new byte[0], 0);
      world.server.on("/bulk/v1/leads/export.json", Reply.json("{\"success\":true,\"result\":{\"exportId\":\"E1\",\"status\":\"Queued\"}}"));
      InMemoryPersonStore store = world.emptyStore();
      SyncEngine engine = SyncEngine.builder().personSource(world.source).personStore(store).build();

      engine.initialSync();

      assertThat(store.checkpoint()).as("the initial sync finished").isPresent();
    }
  }

  @Test
  void aStatusAnswerWithoutStatusIsPolledOnlyUpToTheLimit() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.bulkExport(new byte[0], 0);
      world.server.on("/bulk/v1/leads/export/E1/status.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\"}]}"));
      SyncEngine engine = SyncEngine.builder().personSource(world.source).personStore(world.emptyStore()).build();

      assertThatThrownBy(engine::initialSync).hasMessageContaining("maxExportPolls");
      assertThat(world.server.requests("/bulk/v1/leads/export/E1/status.json")).isEqualTo(5);
    }
  }

  @Test
  void endlessEmptyPagesCostABoundedNumberOfCallsPerPass() {
    try (HostileMarketo world = new HostileMarketo()) {
      AtomicInteger tokens = new AtomicInteger();
      world.server.on("/rest/v1/activities/leadchanges.json", request ->
          Reply.json("{\"success\":true,\"moreResult\":true,\"nextPageToken\":\"E" + tokens.incrementAndGet() + "\"}"));
      long before = world.server.requests();

      SyncReport report = world.engine.syncChanges();

      long calls = world.server.requests() - before;
      assertThat(report.complete()).as("the pass ends early, not at the end of the feed").isFalse();
      // 3 batches of (1 token + 3 feeds + 20 empty pages) at most, not 100 batches of 50.
      assertThat(calls).as("calls made by one pass").isLessThanOrEqualTo(3 * 24 + 3);
    }
  }

  @Test
  void aPagingTokenThatReturnsItselfStopsTheReadWithAClearError() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/rest/v1/activities/leadchanges.json", request ->
          Reply.json("{\"success\":true,\"moreResult\":true,\"nextPageToken\":\"T0\"}"));
      Checkpoint before = world.store.checkpoint().orElseThrow();

      assertThatThrownBy(world.engine::syncChanges).hasMessageContaining("did not advance");
      assertThat(world.server.requests("/rest/v1/activities/leadchanges.json")).isEqualTo(1);
      assertThat(world.store.checkpoint()).contains(before);
    }
  }

  @Test
  void aTricklingExportFileFailsThePageInsteadOfHangingTheInitialSync() {
    try (HostileMarketo world = new HostileMarketo()) {
      String csv = "id,firstName,sfdcLeadOwnerId\n1,Ada," + HostileMarketo.OWNER + "\n2,Bob," + HostileMarketo.OWNER + "\n";
      world.bulkExport(csv.getBytes(StandardCharsets.UTF_8), 2);
      world.server.on("/bulk/v1/leads/export/E1/file.json", Reply.trickle(csv, 1, Duration.ofMillis(300)));
      SyncEngine engine = SyncEngine.builder().personSource(world.source).personStore(world.emptyStore()).build();

      long start = System.nanoTime();
      assertThatThrownBy(engine::initialSync).isInstanceOf(SyncException.class);
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("seconds").isLessThan(10);
    }
  }

  // ---- 7 and 8. Time, Range -----------------------------------------------------------------------------

  @Test
  void aChangeDatedFarInTheFutureDoesNotMoveThePositionPastNow() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/rest/v1/activities/leadchanges.json", Reply.json("{\"success\":true,\"nextPageToken\":\"T1\",\"moreResult\":false,"
          + "\"result\":[{\"id\":1,\"marketoGUID\":\"1\",\"leadId\":5,\"activityDate\":\"2099-01-01T00:00:00Z\",\"activityTypeId\":13,"
          + "\"fields\":[{\"name\":\"title\"}]}]}"));
      world.server.on("/rest/v1/leads.json", Reply.json(leadsAnswer(lead(5))));

      world.engine.syncChanges();

      Instant since = Instant.parse(world.positionParts().get("since"));
      assertThat(since).isBefore(Instant.now().plus(Duration.ofMinutes(11)));
    }
  }

  @Test
  void aResumedDownloadAnsweredWithTheWholeFileIsNotSpliced() {
    try (HostileMarketo world = new HostileMarketo()) {
      StringBuilder csv = new StringBuilder("id,firstName,lastName,sfdcLeadOwnerId\n");
      for (int id = 1; id <= 200; id++) {
        csv.append(id).append(",First").append(id).append(",Last").append(id).append(',').append(HostileMarketo.OWNER).append('\n');
      }
      byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
      world.bulkExport(bytes, 200);
      AtomicInteger downloads = new AtomicInteger();
      world.server.on("/bulk/v1/leads/export/E1/file.json", request -> downloads.incrementAndGet() == 1
          ? Reply.truncated(bytes, bytes.length / 2 + 7) // cut in the middle of a row
          : Reply.of(200, "text/csv", bytes)); // a server that ignores Range
      InMemoryPersonStore store = world.emptyStore();
      SyncEngine engine = SyncEngine.builder().personSource(world.source).personStore(store).build();

      engine.initialSync();

      assertThat(downloads.get()).isEqualTo(2);
      assertThat(store.count()).isEqualTo(200);
      assertThat(store.quarantineCount()).isZero();
      assertThat(store.findById(PersonId.of(101)).orElseThrow().person().firstName()).isEqualTo("First101");
    }
  }
}
