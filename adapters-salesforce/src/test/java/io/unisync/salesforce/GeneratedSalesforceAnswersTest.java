package io.unisync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.CrmOptOuts;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.testkit.SamplePeople;
import io.unisync.testkit.sim.HostileServer;
import io.unisync.testkit.sim.HostileServer.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated hostile Salesforce answers (seeded; {@code -Dunisync.hostile.seed=N} replays another set), each through the
 * real client against a {@link HostileServer} and checked against an oracle:
 * <ul>
 *   <li>an answer that cannot be read (not JSON, no records array, HTML, 5xx, cut off, past the byte cap) fails the
 *       read: it is never taken as "no changes";
 *   <li>in a readable answer every good row is a change (our own writes left out), every bad row (an id, a time or a
 *       flag that cannot be read, an element that is no object) is quarantined with a reason naming it, and the
 *       watermark moves to the newest good row, never past it;
 *   <li>a look-up by ids returns only what was asked for, however many other rows the answer carries.
 * </ul>
 */
@Tag("soak")
class GeneratedSalesforceAnswersTest {

  static final long SEED = Long.getLong("unisync.hostile.seed", 20_261_203L);
  static final int OPT_OUT_CASES = 1_200;
  static final int LOOK_UP_CASES = 400;
  static final String INTEGRATION_USER = "005000000000001INT";
  static final DateTimeFormatter SF = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Instant WATERMARK = Instant.parse("2026-11-01T00:00:00Z");

  static HostileServer server;
  static Salesforce salesforce;
  static final AtomicReference<Reply> leads = new AtomicReference<>();
  static final AtomicReference<Reply> contacts = new AtomicReference<>();
  static final AtomicReference<Reply> query = new AtomicReference<>();

  @BeforeAll
  static void start() {
    server = HostileServer.start();
    server.on("/services/oauth2/token", Reply.json("{\"access_token\":\"t\",\"instance_url\":\"" + server.baseUrl()
        + "\",\"id\":\"https://login.salesforce.com/id/00D000000000001AAA/" + INTEGRATION_USER + "\",\"token_type\":\"Bearer\"}"));
    String version = SalesforceSettings.of(URI.create("https://x.example.com"), new SalesforceAuth.ClientCredentials("a", "b")).apiVersion();
    server.on("/services/data/v" + version + "/queryAll", request -> request.query().contains("FROM+Lead") || request.query().contains("FROM%20Lead")
        ? leads.get() : contacts.get());
    server.on("/services/data/v" + version + "/query", request -> query.get());
    salesforce = Salesforce.connect(SalesforceSettings.of(server.baseUrl(), new SalesforceAuth.ClientCredentials("id", "secret"))
        .withRetries(1, Duration.ofMillis(1), Duration.ofMillis(2)).withRequestTimeout(Duration.ofSeconds(2)).withMaxResponseBytes(64 * 1024),
        java.time.Clock.systemUTC(), server::inProcessClient); // in-process: the reading is tested here, the socket in SalesforceHostileTest
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** One generated answer and what the oracle expects of it. */
  record Answer(Reply reply, boolean readable, List<CrmOptOuts.Change> changes, Set<String> unreadableIds, int unreadable, Instant newest) {}

  @Test
  void generatedOptOutAnswersApplyEveryGoodRowQuarantineEveryBadOneAndNeverTakeNoiseForNoChanges() {
    for (int n = 0; n < OPT_OUT_CASES; n++) {
      long caseSeed = SEED * 41 + n;
      SplittableRandom random = new SplittableRandom(caseSeed);
      Answer lead = answer(random, "00Q");
      Answer contact = answer(random, "003");
      leads.set(lead.reply());
      contacts.set(contact.reply());
      String label = "case " + n + " (seed " + caseSeed + ")";

      CrmOptOuts.Changes read;
      try {
        read = salesforce.crmOptOuts().changesSince(Optional.of(WATERMARK.toString()));
      } catch (SyncException e) {
        assertThat(lead.readable() && contact.readable()).as(label + ": a readable pair of answers failed: " + e.getMessage()).isFalse();
        continue;
      }
      assertThat(lead.readable() && contact.readable()).as(label + ": an unreadable answer was taken as an answer").isTrue();
      List<CrmOptOuts.Change> expected = new ArrayList<>(lead.changes());
      expected.addAll(contact.changes());
      assertThat(read.changes()).as(label).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(read.unreadable()).as(label + ": every bad row quarantined").hasSize(lead.unreadable() + contact.unreadable());
      for (QuarantinedRecord q : read.unreadable()) {
        assertThat(q.reason()).as(label).matches("Salesforce (Lead|Contact) .+: .+; its opt-out flag was not read");
      }
      Set<String> quarantinedIds = new HashSet<>();
      read.unreadable().forEach(q -> quarantinedIds.add(q.sourceId()));
      assertThat(quarantinedIds).as(label).containsAll(lead.unreadableIds()).containsAll(contact.unreadableIds());
      Instant newest = lead.newest().isAfter(contact.newest()) ? lead.newest() : contact.newest();
      assertThat(Instant.parse(read.watermark())).as(label + ": the watermark moves to the newest good row, no further").isEqualTo(newest);
    }
  }

  private static Answer answer(SplittableRandom random, String prefix) {
    int kind = random.nextInt(100);
    if (kind < 12) {
      Reply garbage = switch (random.nextInt(8)) {
        case 0 -> Reply.json("{\"done\":true,\"totalSize\":3}");
        case 1 -> Reply.json("{\"done\":true,\"records\":{\"Id\":\"x\"}}");
        case 2 -> Reply.of(200, "text/html", "<html>Service Unavailable</html>".getBytes(StandardCharsets.UTF_8));
        case 3 -> Reply.json("{\"done\":true,\"records\":[{\"Id\":\"003");
        case 4 -> Reply.of(500 + random.nextInt(4), "text/html", "<html>boom</html>".getBytes(StandardCharsets.UTF_8));
        case 5 -> Reply.endless("{\"done\":true,\"records\":[{\"Id\":\"003000000000001AAA\"},");
        case 6 -> Reply.of(200, "application/json", randomBytes(random));
        default -> Reply.json("[{\"errorCode\":\"INVALID_FIELD\",\"message\":\"no\"}]"); // an error list with 200
      };
      return new Answer(garbage, false, List.of(), Set.of(), 0, WATERMARK);
    }
    ArrayNode records = JSON.createArrayNode();
    List<CrmOptOuts.Change> changes = new ArrayList<>();
    Set<String> badIds = new HashSet<>();
    int bad = 0;
    Instant newest = WATERMARK;
    int rows = random.nextInt(12);
    for (int i = 0; i < rows; i++) {
      String id = prefix + String.format("%012d", random.nextInt(1_000_000)) + "AAA";
      Instant stamp = WATERMARK.plusSeconds(random.nextInt(86_400 * 20));
      boolean flag = random.nextBoolean();
      boolean ours = random.nextInt(8) == 0;
      ObjectNode row = JSON.createObjectNode();
      row.putObject("attributes").put("type", prefix.equals("00Q") ? "Lead" : "Contact");
      row.put("Id", id);
      row.put("HasOptedOutOfEmail", flag);
      row.put("LastModifiedById", ours ? INTEGRATION_USER : "005000000000002AAA");
      row.put("SystemModstamp", SF.format(stamp));
      int fault = random.nextInt(100);
      if (fault < 25) {
        bad++;
        switch (random.nextInt(7)) {
          case 0 -> row.put("SystemModstamp", "yesterday");
          case 1 -> row.put("SystemModstamp", random.nextInt());
          case 2 -> row.putNull("SystemModstamp");
          case 3 -> row.remove("Id");
          case 4 -> row.put("Id", "not an id!");
          case 5 -> row.put("HasOptedOutOfEmail", "yes");
          default -> row.put("SystemModstamp", "2026-13-45T99:00:00.000+0000");
        }
        String rowId = row.path("Id").asString("");
        if (rowId.matches("[a-zA-Z0-9]{15,18}")) {
          badIds.add(rowId);
        }
        records.add(row);
        continue;
      }
      if (fault < 30) {
        bad++;
        records.add(random.nextBoolean() ? JSON.getNodeFactory().stringNode("garbage") : JSON.getNodeFactory().numberNode(random.nextInt()));
        continue;
      }
      records.add(row);
      if (stamp.isAfter(newest)) {
        newest = stamp;
      }
      if (!ours) {
        changes.add(new CrmOptOuts.Change(id, flag, stamp.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("totalSize", records.size());
    body.put("done", true);
    body.set("records", records);
    return new Answer(Reply.json(body.toString()), true, changes, badIds, bad, newest.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  private static byte[] randomBytes(SplittableRandom random) {
    byte[] bytes = new byte[1 + random.nextInt(300)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    bytes[0] = '{'; // never a valid document by chance: it opens and never closes
    return bytes;
  }

  @Test
  void generatedLookUpAnswersNeverReturnWhatWasNotAskedFor() {
    long refusedBefore = salesforce.unrequested();
    long extraRows = 0;
    for (int n = 0; n < LOOK_UP_CASES; n++) {
      long caseSeed = SEED * 43 + n;
      SplittableRandom random = new SplittableRandom(caseSeed);
      List<Person> people = new ArrayList<>();
      Set<String> asked = new HashSet<>();
      for (int p = 1; p <= 1 + random.nextInt(5); p++) {
        String leadId = "00Q" + String.format("%012d", p + 100 * n) + "AAA";
        asked.add(leadId);
        people.add(SamplePeople.person(p).with(PersonField.SALESFORCE_CONTACT_ID, null).with(PersonField.SALESFORCE_LEAD_ID, leadId));
      }
      ArrayNode records = JSON.createArrayNode();
      for (String id : asked) {
        if (random.nextInt(4) > 0) {
          records.addObject().put("Id", id).put("IsConverted", false);
        }
      }
      int extra = random.nextInt(4);
      for (int e = 0; e < extra; e++) {
        records.addObject().put("Id", "00Q" + String.format("%012d", 9_000_000 + random.nextInt(1_000_000)) + "AAA").put("IsConverted", false);
      }
      extraRows += extra;
      query.set(Reply.json("{\"done\":true,\"totalSize\":" + records.size() + ",\"records\":" + records + "}"));
      String label = "case " + n + " (seed " + caseSeed + ")";

      List<CrmLinks> found = salesforce.crmDirectory().lookUp(people, Instant.parse("2026-12-01T00:00:00Z"));

      assertThat(found).as(label).allSatisfy(links -> assertThat(asked).contains(links.leadId()));
    }
    assertThat(salesforce.unrequested() - refusedBefore).as("every row nobody asked for refused and counted").isEqualTo(extraRows);
  }
}
