package io.unisync.marketo;

import static io.unisync.marketo.HostileMarketo.lead;
import static io.unisync.marketo.HostileMarketo.leadsAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.PersonId;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.sim.HostileServer.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Export files and reads by id whose answers are well formed but wrong (issue 23): a file that is gone, larger than
 * its job, longer than its job, or headed by a byte order mark; a queue that says "already queued"; a leads.json answer
 * carrying leads nobody asked for or bytes that are not UTF-8; a JSON answer that trickles.
 */
class HostileExportsAndReadsTest {

  private static final String OWNER = HostileMarketo.OWNER;

  private static byte[] csv(int people) {
    StringBuilder csv = new StringBuilder("id,firstName,lastName,sfdcLeadOwnerId,updatedAt\n");
    for (int id = 1; id <= people; id++) {
      csv.append(id).append(",First").append(id).append(",Last").append(id).append(',').append(OWNER).append(",2026-01-01T00:00:00Z\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static SyncEngine engine(HostileMarketo world, InMemoryPersonStore store) {
    return SyncEngine.builder().clock(world.clock).personSource(world.source).personStore(store).build();
  }

  @Test
  void jobAlreadyQueuedIsTakenAsQueuedNotRetriedUntilTheSnapshotFails() {
    try (HostileMarketo world = new HostileMarketo()) {
      byte[] file = csv(3);
      world.bulkExport(file, 3);
      AtomicInteger polls = new AtomicInteger();
      String completed = "{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Completed\",\"numberOfRecords\":3,\"fileSize\":"
          + file.length + ",\"fileChecksum\":\"" + HostileMarketo.sha256(file) + "\"}]}";
      // the status still says Created (a replica or an earlier attempt enqueued it; Marketo has not caught up)
      world.server.on("/bulk/v1/leads/export/E1/status.json", request -> polls.incrementAndGet() <= 2
          ? Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Created\"}]}") : Reply.json(completed));
      world.server.on("/bulk/v1/leads/export/E1/enqueue.json",
          Reply.json("{\"success\":false,\"errors\":[{\"code\":\"1029\",\"message\":\"Job already queued\"}]}"));
      InMemoryPersonStore store = world.emptyStore();

      SyncReport report = engine(world, store).initialSync();

      assertThat(report.complete()).isTrue();
      assertThat(store.count()).isEqualTo(3);
      assertThat(world.server.requests("/bulk/v1/leads/export/E1/enqueue.json")).as("each answered once, not retried").isEqualTo(2);
    }
  }

  @Test
  void anExportWhoseFileIsGoneIsExportedAgainInsteadOfFailingEveryPass() {
    try (HostileMarketo world = new HostileMarketo()) {
      byte[] file = csv(4);
      AtomicInteger created = new AtomicInteger();
      world.server.on("/bulk/v1/leads/export/create.json", request -> Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E"
          + created.incrementAndGet() + "\",\"status\":\"Created\"}]}"));
      for (String id : new String[] {"E1", "E2"}) {
        world.server.on("/bulk/v1/leads/export/" + id + "/enqueue.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"" + id
            + "\",\"status\":\"Queued\"}]}"));
        world.server.on("/bulk/v1/leads/export/" + id + "/status.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"" + id
            + "\",\"status\":\"Completed\",\"numberOfRecords\":4,\"fileSize\":" + file.length + ",\"fileChecksum\":\"" + HostileMarketo.sha256(file) + "\"}]}"));
      }
      // E1 completed long ago: Marketo kept its file 7 days
      world.server.on("/bulk/v1/leads/export/E1/file.json", Reply.of(404, "text/plain", "Not Found".getBytes(StandardCharsets.UTF_8)));
      world.server.on("/bulk/v1/leads/export/E2/file.json", Reply.of(200, "text/csv", file));
      InMemoryPersonStore store = world.emptyStore();

      SyncReport report = engine(world, store).initialSync();

      assertThat(report.complete()).isTrue();
      assertThat(store.count()).isEqualTo(4);
      assertThat(created.get()).isEqualTo(2);
      assertThat(world.server.requests("/bulk/v1/leads/export/E1/file.json")).as("a 404 is not retried").isEqualTo(1);
    }
  }

  @Test
  void aFileLargerThanItsJobAnnouncedIsStoppedThereAndNothingOfItIsApplied() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/bulk/v1/leads/export/create.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Created\"}]}"));
      world.server.on("/bulk/v1/leads/export/E1/enqueue.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Queued\"}]}"));
      world.server.on("/bulk/v1/leads/export/E1/status.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\","
          + "\"status\":\"Completed\",\"numberOfRecords\":5,\"fileSize\":420,\"fileChecksum\":\"sha256:00\"}]}"));
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < 1000; i++) {
        rows.append(i + 10).append(",Flood,Row,").append(OWNER).append(",2026-01-01T00:00:00Z\n");
      }
      world.server.on("/bulk/v1/leads/export/E1/file.json", Reply.endless("id,firstName,lastName,sfdcLeadOwnerId,updatedAt\n" + rows));
      InMemoryPersonStore store = world.emptyStore();

      assertThatThrownBy(() -> engine(world, store).initialSync()).isInstanceOf(SyncException.class)
          .hasMessageContaining("went past the 420 bytes its job announced");

      assertThat(store.count()).as("nothing applied").isZero();
      assertThat(store.checkpoint().map(Checkpoint::phase)).isNotEqualTo(java.util.Optional.of(Checkpoint.Phase.INCREMENTAL));
      // three downloads (the export and two re-exports), each stopped a few buffers past 420 bytes + 64 KiB
      assertThat(world.server.bytesSent()).as("bytes sent, not 3 GiB").isLessThan(32L << 20);
    }
  }

  @Test
  void aFileHoldingMoreRowsThanItsJobCountedAppliesNone() {
    try (HostileMarketo world = new HostileMarketo()) {
      byte[] file = csv(10);
      world.bulkExport(file, 5); // the job counted 5; the file, of the size the job announced, holds 10
      InMemoryPersonStore store = world.emptyStore();

      assertThatThrownBy(() -> engine(world, store).initialSync()).isInstanceOf(SyncException.class)
          .hasMessageContaining("holds at least 10 rows, its job counted 5");

      assertThat(store.count()).isZero();
      assertThat(store.quarantineCount()).isZero();
    }
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsNotPartOfTheFirstColumnsName() {
    try (HostileMarketo world = new HostileMarketo()) {
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      file.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      file.writeBytes(csv(6));
      world.bulkExport(file.toByteArray(), 6);
      InMemoryPersonStore store = world.emptyStore();

      SyncReport report = engine(world, store).initialSync();

      assertThat(report.complete()).isTrue();
      assertThat(store.count()).isEqualTo(6);
      assertThat(store.quarantineCount()).isZero();
    }
  }

  @Test
  void aFileWhoseHeaderHasNoIdColumnFailsAndTheSnapshotIsNeverDeclaredComplete() {
    try (HostileMarketo world = new HostileMarketo()) {
      byte[] file = new String(csv(6), StandardCharsets.UTF_8).replaceFirst("^id,", "leadId,").getBytes(StandardCharsets.UTF_8);
      world.bulkExport(file, 6);
      InMemoryPersonStore store = world.emptyStore();

      assertThatThrownBy(() -> engine(world, store).initialSync()).hasMessageContaining("header has no id column");

      assertThat(store.count()).isZero();
      assertThat(store.quarantineCount()).as("no row quarantined as if it were the row's fault").isZero();
      assertThat(store.checkpoint().map(Checkpoint::phase)).isNotEqualTo(java.util.Optional.of(Checkpoint.Phase.INCREMENTAL));
    }
  }

  @Test
  void aWindowInWhichNoRowReadsFailsInsteadOfCompletingEmpty() {
    try (HostileMarketo world = new HostileMarketo()) {
      StringBuilder csv = new StringBuilder("id,firstName,lastName,sfdcLeadOwnerId,updatedAt\n");
      for (int id = 1; id <= 25; id++) { // every row shifted by one column: the header has 5, each row 6
        csv.append(id).append(",First,Last,").append(OWNER).append(",2026-01-01T00:00:00Z,shifted\n");
      }
      world.bulkExport(csv.toString().getBytes(StandardCharsets.UTF_8), 25);
      InMemoryPersonStore store = world.emptyStore();

      assertThatThrownBy(() -> engine(world, store).initialSync()).hasMessageContaining("none of its 25 rows could be read");

      assertThat(store.checkpoint().map(Checkpoint::phase)).isNotEqualTo(java.util.Optional.of(Checkpoint.Phase.INCREMENTAL));
    }
  }

  @Test
  void leadsNobodyAskedForAreRefusedAndCounted() {
    try (HostileMarketo world = new HostileMarketo()) {
      ObjectNode[] answer = new ObjectNode[101];
      answer[0] = lead(5).put("title", "CEO");
      for (int i = 1; i <= 100; i++) {
        answer[i] = lead(1000 + i);
      }
      world.server.on("/rest/v1/leads.json", Reply.json(leadsAnswer(answer)));

      world.engine.syncChanges();

      assertThat(world.store.count()).as("people 1 to 10, none of the 100 others").isEqualTo(10);
      assertThat(world.store.findById(PersonId.of(5)).orElseThrow().person().title()).isEqualTo("CEO");
      assertThat(world.marketo.unrequested()).isEqualTo(100);
    }
  }

  @Test
  void oneLeadWithBytesThatAreNotUtf8IsQuarantinedAndItsNeighbourIsApplied() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/rest/v1/activities/leadchanges.json", request -> request.query().contains("nextPageToken=T0")
          ? Reply.json("{\"success\":true,\"nextPageToken\":\"T1\",\"moreResult\":false,\"result\":["
              + change(1, 5) + "," + change(2, 6) + "]}")
          : Reply.json("{\"success\":true,\"nextPageToken\":\"T1\",\"moreResult\":false}"));
      String good = lead(6).put("title", "CFO").toString();
      String bad = lead(5).put("title", "MARK").toString();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(("{\"requestId\":\"1#1\",\"success\":true,\"result\":[" + good + ",").getBytes(StandardCharsets.UTF_8));
      int mark = bad.indexOf("MARK");
      body.writeBytes(bad.substring(0, mark).getBytes(StandardCharsets.UTF_8));
      body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28}); // not UTF-8
      body.writeBytes((bad.substring(mark + 4) + "]}").getBytes(StandardCharsets.UTF_8));
      world.server.on("/rest/v1/leads.json", Reply.of(200, "application/json", body.toByteArray()));
      Checkpoint before = world.store.checkpoint().orElseThrow();

      world.engine.syncChanges();

      assertThat(world.store.findById(PersonId.of(6)).orElseThrow().person().title()).isEqualTo("CFO");
      assertThat(world.store.quarantined(0, 10)).extracting(QuarantinedRecord::reason)
          .singleElement().asString().contains("lead 5", "field 'title'", "not UTF-8");
      assertThat(world.store.checkpoint()).isNotEqualTo(java.util.Optional.of(before));
    }
  }

  private static String change(long id, long lead) {
    return "{\"id\":" + id + ",\"marketoGUID\":\"" + id + "\",\"leadId\":" + lead + ",\"activityDate\":\"2026-01-01T00:00:00Z\","
        + "\"activityTypeId\":13,\"fields\":[{\"id\":1,\"name\":\"title\",\"newValue\":\"CEO\",\"oldValue\":\"CTO\"}]}";
  }

  @Test
  void theOldestPersonIsLookedForOnceEvenWhenTheSnapshotFailsAgainAndAgain() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/rest/v1/leads.json", Reply.json("{\"requestId\":\"1#1\",\"success\":true,\"result\":[]}"));
      world.server.on("/bulk/v1/leads/export/create.json",
          Reply.json("{\"success\":false,\"errors\":[{\"code\":\"1003\",\"message\":\"Invalid filter\"}]}"));
      SyncEngine engine = engine(world, world.emptyStore());

      assertThatThrownBy(engine::initialSync).isInstanceOf(SyncException.class);
      long probes = world.server.requests("/rest/v1/leads.json");
      assertThatThrownBy(engine::initialSync).isInstanceOf(SyncException.class);
      assertThatThrownBy(engine::initialSync).isInstanceOf(SyncException.class);

      assertThat(probes).isEqualTo(5);
      assertThat(world.server.requests("/rest/v1/leads.json")).as("no probe repeated").isEqualTo(5);
    }
  }

  @Test
  void aTricklingJsonAnswerEndsAtTheRequestTimeoutNotAtTheCallsDeadline() {
    // a 1 s request timeout (HostileMarketo's), 3 background attempts within 30 s
    try (HostileMarketo world = new HostileMarketo(settings -> settings.withRetry(io.unisync.core.retry.RetryPolicy.defaults()
        .withBackground(3, Duration.ofSeconds(30)).withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))))) {
      world.server.on("/rest/v1/leads.json", Reply.trickle(leadsAnswer(lead(5)) + " ".repeat(400), 1, Duration.ofMillis(100)));

      assertThatThrownBy(world.engine::syncChanges).isInstanceOf(SyncException.class);

      // before: the first attempt read until the call's deadline and was the only one
      assertThat(world.server.requests("/rest/v1/leads.json")).isEqualTo(3);
      assertThat(world.stored(5)).isTrue();
    }
  }

  @Test
  void aWarmedUpClientAnswersTheFirstSendGateCheckWithoutATokenFetch() {
    try (HostileMarketo world = new HostileMarketo()) {
      world.server.on("/rest/v1/leads.json", Reply.json(leadsAnswer(lead(5))));

      world.marketo.warmUp(); // what unisync run and the Spring Boot starter do at start
      long afterWarmUp = world.server.requests("/identity/oauth/token");
      world.engine.emailGate().orElseThrow().check(PersonId.of(5));

      assertThat(afterWarmUp).isEqualTo(1);
      assertThat(world.server.requests("/identity/oauth/token")).as("the check was one read, no token fetch").isEqualTo(1);
    }
  }
}
