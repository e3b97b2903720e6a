package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonId;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.StoreBatch;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.SamplePeople;
import io.unisync.testkit.sim.HostileServer;
import io.unisync.testkit.sim.HostileServer.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based hostile answers: 4,000 generated cases in every build (40% re-reads, 30% export files, 30% change
 * feeds; {@code -Dunisync.hostile.cases=100000} runs a deeper search, about 10 ms a case; seeded:
 * {@code -Dunisync.hostile.seed=N} replays another set), each pushed through the real client and engine against a {@link HostileServer}, each
 * checked against an oracle that knows which removals the answer justifies:
 *
 * <ul>
 *   <li>no person is removed without evidence (a delete, a merge, a lost owner, or a readable answer lacking
 *       the id), and every justified removal happens;
 *   <li>every bad record is quarantined with a reason naming the record and the field, and every good one is
 *       stored;
 *   <li>a pass that fails leaves the checkpoint where it was; the change position never moves past now;
 *   <li>every case ends within its call deadline, and the heap does not grow with the cases.
 * </ul>
 * (jqwik, the usual tool for this, does not run on JUnit 6, which this project uses; the generators below are
 * plain seeded functions, and a failure names the case's seed so it can be replayed alone.)
 */
@Tag("soak")
class GeneratedHostileAnswersTest {

  static final long SEED = Long.getLong("unisync.hostile.seed", 20_261_130L);
  static final int CASES = Integer.getInteger("unisync.hostile.cases", 4_000);
  static final int RE_READ_CASES = Math.max(1, CASES * 4 / 10);
  static final int CSV_CASES = Math.max(1, CASES * 3 / 10);
  static final int FEED_CASES = Math.max(1, CASES - RE_READ_CASES - CSV_CASES);
  static final String OWNER = HostileMarketo.OWNER;
  static final Duration CASE_DEADLINE = Duration.ofSeconds(3);

  static HostileServer server;
  static Marketo marketo;
  static MarketoPersonSource source;
  static final AtomicReference<java.util.function.Function<HostileServer.Request, Reply>> leads = new AtomicReference<>();
  static final AtomicReference<Reply> leadChanges = new AtomicReference<>();
  static final AtomicReference<Reply> deleted = new AtomicReference<>();
  static final AtomicReference<Reply> merges = new AtomicReference<>();
  static final AtomicReference<java.util.function.Function<HostileServer.Request, Reply>> file = new AtomicReference<>();
  static final AtomicReference<String> exportStatus = new AtomicReference<>();

  @BeforeAll
  static void start() {
    server = HostileServer.start();
    server.on("/rest/v1/activities/pagingtoken.json", Reply.json("{\"success\":true,\"nextPageToken\":\"T0\"}"));
    server.on("/rest/v1/activities/leadchanges.json", r -> leadChanges.get());
    server.on("/rest/v1/activities/deletedleads.json", r -> deleted.get());
    server.on("/rest/v1/activities.json", r -> merges.get());
    server.on("/rest/v1/leads.json", r -> leads.get().apply(r));
    server.on("/bulk/v1/leads/export/create.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Created\"}]}"));
    server.on("/bulk/v1/leads/export/E1/enqueue.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Queued\"}]}"));
    server.on("/bulk/v1/leads/export/E1/status.json", r -> Reply.json(exportStatus.get()));
    server.on("/bulk/v1/leads/export/E1/file.json", r -> file.get().apply(r));
    // in-process: what is tested is how the client reads answers, not the network (HostileMarketoTest keeps the socket)
    MarketoSettings settings = MarketoSettings.of(server.baseUrl(), "generated", "secret")
        .withRetry(io.unisync.core.retry.RetryPolicy.defaults().withBackground(1, CASE_DEADLINE).withBackoff(Duration.ZERO, Duration.ZERO))
        .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0)
        .withDailyQuota(Long.MAX_VALUE)
        .withRequestTimeout(Duration.ofSeconds(2))
        .withBulk(true, Instant.now(Clock.systemUTC()).minus(Duration.ofDays(5)), Duration.ofDays(31), Duration.ZERO)
        .withLimits(MarketoLimits.defaults().withMaxResponseBytes(256 * 1024).withMaxEmptyPages(3));
    marketo = Marketo.connect(settings, Clock.systemUTC(), Marketo.localCallBudget(settings, Clock.systemUTC()),
        io.unisync.core.port.Sleeper.system(), server::inProcessClient);
    source = marketo.personSource();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---- the re-read of changed people -----------------------------------------------------------------

  /** A generated leads.json answer and the ids whose removal it justifies. */
  record ReRead(Reply reply, boolean readable, Set<Long> evidence, Set<Long> updated, int defects, String title) {}

  @Test
  void generatedReReadAnswersRemoveOnlyOnEvidenceAndQuarantineEveryBadRecord() {
    long heapBefore = usedHeap();
    for (int n = 0; n < RE_READ_CASES; n++) {
      long caseSeed = SEED * 31 + n;
      SplittableRandom random = new SplittableRandom(caseSeed);
      Set<Long> changed = new LinkedHashSet<>();
      int count = 1 + random.nextInt(6);
      while (changed.size() < count) {
        changed.add(1L + random.nextInt(12));
      }
      ReRead answer = reRead(random, changed, n);
      leadChanges.set(Reply.json(changesPage(changed)));
      deleted.set(Reply.json("{\"success\":true,\"nextPageToken\":\"D1\",\"moreResult\":false}"));
      merges.set(Reply.json("{\"success\":true,\"nextPageToken\":\"M1\",\"moreResult\":false}"));
      leads.set(r -> answer.reply());
      InMemoryPersonStore store = seededStore();
      Checkpoint before = store.checkpoint().orElseThrow();
      SyncEngine engine = SyncEngine.builder().personSource(source).personStore(store).build();

      long start = System.nanoTime();
      SyncReport report = null;
      SyncException failure = null;
      try {
        report = engine.syncChanges();
      } catch (SyncException e) {
        failure = e;
      }
      String label = "case " + n + " (seed " + caseSeed + ")";
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(label + ": within the call deadline").isLessThan(CASE_DEADLINE.multipliedBy(3));
      if (!answer.readable()) {
        assertThat(failure).as(label + ": an unreadable answer fails the pass").isNotNull();
        assertThat(store.checkpoint()).as(label).contains(before);
        assertThat(store.count()).as(label + ": nobody removed").isEqualTo(10);
        continue;
      }
      assertThat(failure).as(label + ": a readable answer is applied, but: " + describe(failure)).isNull();
      for (long id = 1; id <= 10; id++) {
        assertThat(store.findById(PersonId.of(id)).isPresent()).as(label + ": person " + id).isEqualTo(!answer.evidence().contains(id));
      }
      for (long id : answer.updated()) {
        assertThat(store.findById(PersonId.of(id)).orElseThrow().person().title()).as(label + ": person " + id + " updated")
            .isEqualTo(answer.title());
      }
      List<QuarantinedRecord> quarantined = store.quarantined(0, 100);
      assertThat(quarantined).as(label + ": one quarantine entry per bad record").hasSize(answer.defects());
      assertThat(quarantined).allSatisfy(q -> assertThat(q.reason()).as(label).containsAnyOf("field", "result[", "Marketo id"));
      assertThat(report.commits()).isPositive();
      assertThat(store.checkpoint().orElseThrow().changePosition().value()).as(label).contains("|T1|");
    }
    assertThat(usedHeap() - heapBefore).as("heap growth over the cases, bytes").isLessThan(64L << 20);
  }

  private static ReRead reRead(SplittableRandom random, Set<Long> changed, int n) {
    String title = "Title " + n;
    int kind = random.nextInt(100);
    if (kind < 20) {
      String valid = HostileMarketo.leadsAnswer(changed.stream().map(id -> withTitle(HostileMarketo.lead(id), title)).toArray(ObjectNode[]::new));
      Reply garbage = switch (random.nextInt(11)) {
        case 0 -> Reply.json("{\"success\":true}");
        case 1 -> Reply.json("{\"success\":true,\"result\":{\"id\":1}}");
        case 2 -> Reply.json("{\"success\":true,\"result\":\"" + random.nextInt() + "\"}");
        case 3 -> Reply.json("{\"success\":true,\"result\":null}");
        case 4 -> Reply.json(valid.substring(0, 1 + random.nextInt(valid.length() - 1)));
        case 5 -> Reply.of(200, "text/html", "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
        case 6 -> Reply.of(200, "application/json", randomBytes(random, 1 + random.nextInt(400)));
        case 7 -> Reply.json("[".repeat(2_000 + random.nextInt(2_000)));
        case 8 -> Reply.endless("{\"success\":true,\"result\":[" + "{\"id\":1},".repeat(50));
        case 9 -> Reply.json("{\"success\":false,\"errors\":[{\"code\":\"" + (1_000 + random.nextInt(20)) + "\",\"message\":\"no\"}]}");
        default -> Reply.of(500 + random.nextInt(5), "text/plain", "boom".getBytes(StandardCharsets.UTF_8));
      };
      return new ReRead(garbage, false, Set.of(), Set.of(), 0, title);
    }
    ArrayNode result = HostileMarketo.JSON.createArrayNode();
    Set<Long> absent = new HashSet<>();
    Set<Long> ineligible = new HashSet<>();
    Set<Long> updated = new HashSet<>();
    int defects = 0;
    boolean everyIdReadable = true;
    List<Object> elements = new ArrayList<>();
    for (long id : changed) {
      int fate = random.nextInt(100);
      if (fate < 55) {
        elements.add(withTitle(HostileMarketo.lead(id), title));
        updated.add(id);
      } else if (fate < 67) {
        absent.add(id);
      } else if (fate < 74) {
        ObjectNode lead = withTitle(HostileMarketo.lead(id), title);
        lead.remove("sfdcLeadOwnerId"); // lost the owner: evidence for removal
        elements.add(lead);
        ineligible.add(id);
      } else if (fate < 83) {
        ObjectNode lead = withTitle(HostileMarketo.lead(id), title);
        String field = List.of("company", "email", "firstName", "sfdcLeadOwnerId", "title").get(random.nextInt(5));
        if (random.nextBoolean()) {
          lead.putObject(field).put("nested", random.nextInt());
        } else {
          lead.putArray(field).add(random.nextInt());
        }
        elements.add(lead);
        defects++;
      } else if (fate < 91) {
        ObjectNode lead = withTitle(HostileMarketo.lead(id), title);
        switch (random.nextInt(4)) {
          case 0 -> lead.put("email", "not an e-mail " + random.nextInt());
          case 1 -> lead.put("firstName", "bad\u0000nul");
          case 2 -> lead.put("company", "x".repeat(5_000));
          default -> lead.put("linkedInProfileURL", "javascript:alert(1)");
        }
        elements.add(lead);
        defects++;
      } else {
        ObjectNode lead = withTitle(HostileMarketo.lead(id), title);
        switch (random.nextInt(4)) {
          case 0 -> lead.put("id", "abc" + random.nextInt(100));
          case 1 -> lead.put("id", -id);
          case 2 -> lead.put("id", id + 0.5);
          default -> lead.remove("id");
        }
        elements.add(lead);
        defects++;
        everyIdReadable = false;
      }
    }
    if (random.nextInt(10) == 0) {
      elements.add(random.nextBoolean() ? "garbage" : random.nextInt());
      defects++;
      everyIdReadable = false;
    }
    if (random.nextInt(10) == 0) {
      elements.add(withTitle(HostileMarketo.lead(50 + random.nextInt(10)), title)); // not asked for: refused (LeadReader), harmless
    }
    java.util.Collections.shuffle(elements, new java.util.Random(random.nextLong()));
    for (Object element : elements) {
      if (element instanceof ObjectNode lead) {
        result.add(lead);
      } else if (element instanceof String text) {
        result.add(text);
      } else {
        result.add((Integer) element);
      }
    }
    ObjectNode body = HostileMarketo.JSON.createObjectNode();
    body.put("requestId", "g#" + n);
    body.put("success", true);
    body.set("result", result);
    Set<Long> evidence = new HashSet<>(ineligible);
    if (everyIdReadable) {
      evidence.addAll(absent);
    }
    evidence.removeIf(id -> id > 10);
    updated.removeIf(id -> id > 10);
    return new ReRead(Reply.json(body.toString()), true, evidence, updated, defects, title);
  }

  private static ObjectNode withTitle(ObjectNode lead, String title) {
    lead.put("title", title);
    return lead;
  }

  // ---- bulk export files ----------------------------------------------------------------------------

  @Test
  void generatedExportFilesStoreEveryGoodRowAndQuarantineEveryBrokenOne() {
    List<String> header = List.of("id", "firstName", "lastName", "email", "company", "title", "sfdcLeadOwnerId", "updatedAt");
    long heapBefore = usedHeap();
    for (int n = 0; n < CSV_CASES; n++) {
      long caseSeed = SEED * 37 + n;
      SplittableRandom random = new SplittableRandom(caseSeed);
      ByteArrayOutputStream csv = new ByteArrayOutputStream();
      csv.writeBytes((String.join(",", header) + (random.nextBoolean() ? "\n" : "\r\n")).getBytes(StandardCharsets.UTF_8));
      int rows = 1 + random.nextInt(15);
      Set<Long> good = new HashSet<>();
      int broken = 0;
      int rejectedByMapping = 0;
      for (int i = 0; i < rows; i++) {
        long id = 1_000 + i;
        boolean owner = random.nextInt(5) > 0;
        boolean brokenRow = random.nextInt(100) < 30;
        // A line break inside a quoted field is good CSV; the mapping then rejects it (a control character in a title).
        boolean lineBreak = !brokenRow && random.nextInt(4) == 0;
        List<byte[]> fields = new ArrayList<>(List.of(text(String.valueOf(id)), text("First" + id), quoted(random, "Last" + id),
            text("p" + id + "@example.com"), quoted(random, "Acme, \"Inc.\" " + id), quoted(random, (lineBreak ? "Title\n" : "Title ") + id),
            text(owner ? OWNER : ""), text("2026-01-01T00:00:00Z")));
        if (lineBreak && owner) {
          rejectedByMapping++;
        }
        if (brokenRow) {
          broken++;
          int column = 1 + random.nextInt(5);
          switch (random.nextInt(6)) {
            case 0 -> fields.set(column, text("ab\"cd"));
            case 1 -> fields.set(column, text("\"ab\"cd"));
            case 2 -> fields.set(column, text("\"unclosed" + id));
            case 3 -> fields.add(text("surplus"));
            case 4 -> fields.remove(column);
            default -> fields.set(column, new byte[] {'x', (byte) 0xC3, (byte) 0x28, 'y'});
          }
        } else if (owner && !lineBreak) {
          good.add(id);
        }
        for (int f = 0; f < fields.size(); f++) {
          if (f > 0) {
            csv.write(',');
          }
          csv.writeBytes(fields.get(f));
        }
        csv.writeBytes(random.nextBoolean() ? new byte[] {'\n'} : new byte[] {'\r', '\n'});
      }
      byte[] bytes = csv.toByteArray();
      // Damage to the file as a whole, in one case of four: a byte order mark and a file that is gone once are read
      // as if nothing happened; a file larger or longer than its job, or without an id column, fails with nothing applied.
      FileDamage damage = random.nextInt(4) > 0 ? FileDamage.NONE : FileDamage.values()[1 + random.nextInt(FileDamage.values().length - 1)];
      long announcedRows = damage == FileDamage.MORE_ROWS_THAN_COUNTED ? Math.max(0, rows - 1 - random.nextInt(rows)) : rows;
      if (damage == FileDamage.BYTE_ORDER_MARK) {
        byte[] marked = new byte[bytes.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, marked, 3, bytes.length);
        bytes = marked;
      } else if (damage == FileDamage.NO_ID_COLUMN) {
        bytes = new String(bytes, StandardCharsets.ISO_8859_1).replaceFirst("^id,", "Id ,").getBytes(StandardCharsets.ISO_8859_1);
      }
      long announcedBytes = damage == FileDamage.LARGER_THAN_ANNOUNCED ? 0 : bytes.length;
      byte[] served = damage == FileDamage.LARGER_THAN_ANNOUNCED ? Arrays.copyOf(bytes, bytes.length + (70 << 10)) : bytes;
      if (damage == FileDamage.LARGER_THAN_ANNOUNCED) {
        Arrays.fill(served, bytes.length, served.length, (byte) '\n');
      }
      exportStatus.set("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Completed\",\"numberOfRecords\":" + announcedRows
          + ",\"fileSize\":" + announcedBytes + "}]}");
      java.util.concurrent.atomic.AtomicBoolean goneOnce = new java.util.concurrent.atomic.AtomicBoolean(damage == FileDamage.GONE_ONCE);
      file.set(r -> goneOnce.getAndSet(false) ? Reply.of(404, "text/plain", text("Not Found")) : Reply.of(200, "text/csv", served));
      InMemoryPersonStore store = new InMemoryPersonStore();
      SyncEngine engine = SyncEngine.builder().personSource(marketo.personSource()).personStore(store).build();

      String label = "case " + n + " (seed " + caseSeed + ", " + damage + ")";
      long start = System.nanoTime();
      boolean mustFail = damage == FileDamage.LARGER_THAN_ANNOUNCED || damage == FileDamage.NO_ID_COLUMN
          || (damage == FileDamage.MORE_ROWS_THAN_COUNTED && announcedRows > 0 && announcedRows < rows);
      SyncReport report;
      try {
        report = engine.initialSync();
      } catch (SyncException e) {
        assertThat(mustFail).as(label + ": failed: " + e.getMessage()).isTrue();
        assertThat(store.count()).as(label + ": nothing of a file that disagrees with its job is applied").isZero();
        assertThat(store.quarantineCount()).as(label).isZero();
        continue;
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(label + ": within the call deadline").isLessThan(CASE_DEADLINE.multipliedBy(3));
      if (damage == FileDamage.MORE_ROWS_THAN_COUNTED && announcedRows == 0) {
        assertThat(report.complete()).as(label + ": a job that counted no rows has no file to read").isTrue();
        continue;
      }
      assertThat(mustFail).as(label + ": a file that disagrees with its job was applied").isFalse();

      assertThat(report.complete()).as(label).isTrue();
      Set<Long> stored = new HashSet<>();
      store.page(null, 100).forEach(p -> stored.add(p.person().id().value()));
      assertThat(stored).as(label + ": every good row stored; quarantined: " + store.quarantined(0, 100) + "\nfile:\n"
          + new String(bytes, StandardCharsets.UTF_8)).isEqualTo(good);
      List<QuarantinedRecord> quarantined = store.quarantined(0, 100);
      assertThat(quarantined).as(label + ": every broken row quarantined, every good row with a bad value too")
          .hasSize(broken + rejectedByMapping);
      assertThat(quarantined).allSatisfy(q -> assertThat(q.reason()).as(label).containsAnyOf("export E1 row ", "Rejected record")
          .containsAnyOf("field", "columns", "line"));
    }
    assertThat(usedHeap() - heapBefore).as("heap growth over the cases, bytes").isLessThan(64L << 20);
  }

  /** Damage to an export file as a whole (rather than to its rows). */
  enum FileDamage { NONE, BYTE_ORDER_MARK, GONE_ONCE, LARGER_THAN_ANNOUNCED, MORE_ROWS_THAN_COUNTED, NO_ID_COLUMN }

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The value, quoted as Marketo quotes (always when it holds a comma, quote or line break; sometimes anyway). */
  private static byte[] quoted(SplittableRandom random, String value) {
    boolean needs = value.contains(",") || value.contains("\"") || value.contains("\n");
    if (!needs && random.nextBoolean()) {
      return text(value);
    }
    return text("\"" + value.replace("\"", "\"\"") + "\"");
  }

  // ---- the change feed ------------------------------------------------------------------------------------

  @Test
  void generatedChangeFeedsRemoveOnlyOnEvidenceAndNeverMoveThePositionPastNow() {
    long heapBefore = usedHeap();
    for (int n = 0; n < FEED_CASES; n++) {
      long caseSeed = SEED * 41 + n;
      SplittableRandom random = new SplittableRandom(caseSeed);
      Set<Long> existing = new HashSet<>();
      for (long id = 1; id <= 10; id++) {
        existing.add(id);
      }
      int defects = 0;
      ArrayNode changes = HostileMarketo.JSON.createArrayNode();
      ArrayNode deletes = HostileMarketo.JSON.createArrayNode();
      ArrayNode mergeActivities = HostileMarketo.JSON.createArrayNode();
      Set<Long> gone = new HashSet<>();
      for (int a = 0; a < 1 + random.nextInt(8); a++) {
        ObjectNode activity = activity(random, 1_000 + a);
        int what = random.nextInt(100);
        long lead = 1 + random.nextInt(10);
        if (what < 15) {
          switch (random.nextInt(4)) {
            case 0 -> activity.put("leadId", "x" + lead);
            case 1 -> activity.put("leadId", -lead);
            case 2 -> activity.putObject("leadId");
            default -> activity.remove("leadId");
          }
          if (!activity.has("leadId") || !activity.get("leadId").isNumber() || activity.get("leadId").asLong() <= 0) {
            defects++;
          }
          activity.put("activityTypeId", 13);
          activity.putArray("fields").addObject().put("name", "title");
          changes.add(activity);
        } else if (what < 60) {
          activity.put("leadId", lead);
          activity.put("activityTypeId", 13);
          activity.putArray("fields").addObject().put("name", random.nextBoolean() ? "title" : "someOtherField");
          changes.add(activity);
        } else if (what < 78) {
          activity.put("leadId", lead);
          activity.put("activityTypeId", 37);
          deletes.add(activity);
          gone.add(lead);
        } else {
          long winner = 1 + random.nextInt(10);
          StringBuilder mergeIds = new StringBuilder(Long.toString(winner));
          for (int l = 0; l < 1 + random.nextInt(3); l++) {
            if (random.nextInt(4) == 0) {
              mergeIds.append(",").append(List.of("abc", "12x", "-3", "1.5", "").get(random.nextInt(5)));
              if (!mergeIds.toString().endsWith(",")) {
                defects++;
              }
            } else {
              long loser = 1 + random.nextInt(10);
              if (loser != winner) {
                mergeIds.append(",").append(loser);
                gone.add(loser);
              }
            }
          }
          gone.remove(winner);
          activity.put("leadId", winner);
          activity.put("activityTypeId", 32);
          activity.putArray("attributes").addObject().put("name", "Merge IDs").put("value", mergeIds.toString());
          mergeActivities.add(activity);
        }
      }
      // A winner deleted later, or a loser that wins later: the model keeps it simple: gone is gone.
      existing.removeAll(gone);
      boolean stuckToken = random.nextInt(20) == 0;
      leadChanges.set(Reply.json(page(changes, stuckToken ? "T0" : "T1", stuckToken)));
      deleted.set(Reply.json(page(deletes, "D1", false)));
      merges.set(Reply.json(page(mergeActivities, "M1", false)));
      leads.set(r -> Reply.json(answerFor(r, existing)));
      InMemoryPersonStore store = seededStore();
      Checkpoint before = store.checkpoint().orElseThrow();
      SyncEngine engine = SyncEngine.builder().personSource(source).personStore(store).build();
      String label = "case " + n + " (seed " + caseSeed + ")";

      SyncException failure = null;
      long start = System.nanoTime();
      try {
        engine.syncChanges();
      } catch (SyncException e) {
        failure = e;
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(label + ": within the call deadline").isLessThan(CASE_DEADLINE.multipliedBy(3));

      if (stuckToken) {
        assertThat(failure).as(label + ": a token that does not move stops the read").isNotNull();
        assertThat(store.checkpoint()).as(label).contains(before);
        assertThat(store.count()).as(label).isEqualTo(10);
        continue;
      }
      assertThat(failure).as(label + ": " + describe(failure)).isNull();
      for (long id = 1; id <= 10; id++) {
        assertThat(store.findById(PersonId.of(id)).isPresent()).as(label + ": person " + id).isEqualTo(!gone.contains(id));
      }
      assertThat(store.quarantined(0, 100)).as(label + ": one quarantine entry per unreadable entry").hasSize(defects);
      Instant since = Instant.parse(store.checkpoint().orElseThrow().changePosition().value().split("\\|")[1]);
      assertThat(since).as(label + ": the position is never past now").isBefore(Instant.now().plus(Duration.ofMinutes(10)).plusSeconds(5));
    }
    assertThat(usedHeap() - heapBefore).as("heap growth over the cases, bytes").isLessThan(64L << 20);
  }

  private static ObjectNode activity(SplittableRandom random, long id) {
    ObjectNode activity = HostileMarketo.JSON.createObjectNode();
    activity.put("id", id);
    activity.put("marketoGUID", Long.toString(id));
    switch (random.nextInt(5)) {
      case 0 -> activity.put("activityDate", "2099-01-01T00:00:00Z");
      case 1 -> activity.put("activityDate", "not a date");
      case 2 -> activity.remove("activityDate");
      default -> activity.put("activityDate", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }
    return activity;
  }

  private static String page(ArrayNode result, String next, boolean more) {
    ObjectNode body = HostileMarketo.JSON.createObjectNode();
    body.put("success", true);
    body.put("nextPageToken", next);
    body.put("moreResult", more);
    if (!result.isEmpty()) {
      body.set("result", result);
    }
    return body.toString();
  }

  /** leads.json as Marketo would answer it: the asked-for leads that exist. */
  private static String answerFor(HostileServer.Request request, Set<Long> existing) {
    String query = java.net.URLDecoder.decode(request.query(), StandardCharsets.UTF_8);
    int from = query.indexOf("filterValues=") + "filterValues=".length();
    int to = query.indexOf('&', from);
    List<ObjectNode> found = new ArrayList<>();
    for (String id : query.substring(from, to < 0 ? query.length() : to).split(",")) {
      long value = Long.parseLong(id);
      if (existing.contains(value)) {
        found.add(HostileMarketo.lead(value));
      }
    }
    return HostileMarketo.leadsAnswer(found.toArray(ObjectNode[]::new));
  }

  // ---- shared ---------------------------------------------------------------------------------------

  private static String changesPage(Set<Long> changed) {
    ArrayNode result = HostileMarketo.JSON.createArrayNode();
    long activity = 1;
    for (long id : changed) {
      ObjectNode a = result.addObject();
      a.put("id", activity);
      a.put("marketoGUID", Long.toString(activity++));
      a.put("leadId", id);
      a.put("activityDate", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
      a.put("activityTypeId", 13);
      a.putArray("fields").addObject().put("name", "title");
    }
    return page(result, "T1", false);
  }

  private static InMemoryPersonStore seededStore() {
    InMemoryPersonStore store = new InMemoryPersonStore();
    List<PersonUpsert> people = new ArrayList<>();
    for (long id = 1; id <= 10; id++) {
      people.add(PersonUpsert.of(SamplePeople.person(id), Instant.parse("2020-01-01T00:00:00Z")));
    }
    store.apply(new StoreBatch(people, List.of(), List.of(), Checkpoint.incremental(source.currentPosition())));
    return store;
  }

  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static String describe(@org.jspecify.annotations.Nullable Throwable failure) {
    if (failure == null) {
      return "";
    }
    java.io.StringWriter text = new java.io.StringWriter();
    failure.printStackTrace(new java.io.PrintWriter(text));
    return text.toString().lines().limit(12).collect(java.util.stream.Collectors.joining("\n"));
  }

  private static long usedHeap() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
